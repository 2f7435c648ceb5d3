import { ApiError, ApiErrorCode } from '../errors/api-error';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is the caller's mistake, refused before it reaches the database. */
export function requireId(value: string, field: string): string {
  if (!uuid.test(value)) throw new ApiError(ApiErrorCode.VALIDATION, `${field} must be a UUID`, { field });
  return value.toLowerCase();
}

/** The same for an optional filter. */
export function optionalId(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined || value === '' ? null : requireId(value, field);
}

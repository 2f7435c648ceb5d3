import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError, ApiErrorCode } from '../errors/api-error';

/** "filter.supplierId" → its messages, for every property that failed, however deeply nested. */
function failures(errors: readonly ValidationError[], prefix = ''): [string, string[]][] {
  return errors.flatMap((error) => {
    const path = `${prefix}${error.property}`;
    const own: [string, string[]][] = error.constraints
      ? [[path, Object.values(error.constraints).map((message) => message.replace(error.property, path))]]
      : [];
    return [...own, ...failures(error.children ?? [], `${path}.`)];
  });
}

/** A VALIDATION error naming the first field that failed (details.field) and every field's messages. */
export function validationError(errors: readonly ValidationError[]): ApiError {
  const all = failures(errors);
  const [field, messages] = all[0] ?? ['input', ['is invalid']];
  return new ApiError(ApiErrorCode.VALIDATION, messages[0] ?? `${field} is invalid`, {
    field,
    fields: Object.fromEntries(all),
  });
}

/**
 * Every GraphQL args/input class and REST body DTO is validated by its class-validator decorators: unknown
 * properties are refused (not silently dropped), values are converted to the declared types.
 */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationError(errors),
  });
}

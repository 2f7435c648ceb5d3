import { Money } from '@eventvault/domain';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { requireId } from '../graphql/ids';
import { parseDay } from '../graphql/keyset-page';

export interface QuoteUploadFields {
  readonly eventId: string;
  readonly reference: string | null;
  readonly currency: string | null;
  readonly net: string;
  readonly vat: string;
  readonly quotedOn: Date | null;
  readonly validUntil: Date | null;
}

const knownFields = new Set([
  'eventId',
  'reference',
  'currency',
  'netAmount',
  'vatAmount',
  'quotedOn',
  'validUntil',
]);

function text(fields: Record<string, unknown>, name: string): string | null {
  const value = fields[name];
  if (value === undefined) return null;
  if (typeof value !== 'string') {
    throw new ApiError(ApiErrorCode.VALIDATION, `${name} must be sent once, as text`, { field: name });
  }
  return value.trim() === '' ? null : value.trim();
}

/** The text fields of a quote upload, checked; amounts stay exact decimal text. */
export function parseQuoteUploadFields(body: unknown): QuoteUploadFields {
  const fields = (body ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((name) => !knownFields.has(name));
  if (unknown.length > 0) {
    throw new ApiError(ApiErrorCode.VALIDATION, `Unknown fields: ${unknown.join(', ')}`, {
      allowed: [...knownFields],
    });
  }
  const eventId = text(fields, 'eventId');
  const net = text(fields, 'netAmount');
  const vat = text(fields, 'vatAmount');
  if (eventId === null)
    throw new ApiError(ApiErrorCode.VALIDATION, 'eventId is required', { field: 'eventId' });
  if (net === null)
    throw new ApiError(ApiErrorCode.VALIDATION, 'netAmount is required', { field: 'netAmount' });
  if (vat === null)
    throw new ApiError(ApiErrorCode.VALIDATION, 'vatAmount is required', { field: 'vatAmount' });
  const currency = text(fields, 'currency');
  const reference = text(fields, 'reference');
  if (reference !== null && reference.length > 200) {
    throw new ApiError(ApiErrorCode.VALIDATION, 'reference is at most 200 characters', {
      field: 'reference',
    });
  }
  const quotedOn = text(fields, 'quotedOn');
  const validUntil = text(fields, 'validUntil');
  return {
    eventId: requireId(eventId, 'eventId'),
    reference,
    currency: currency?.toUpperCase() ?? null,
    net,
    vat,
    quotedOn: quotedOn === null ? null : parseDay(quotedOn, 'quotedOn'),
    validUntil: validUntil === null ? null : parseDay(validUntil, 'validUntil'),
  };
}

/** Net, VAT and gross as exact money of one currency; gross is their sum, never a figure typed in. */
export function quoteAmounts(
  fields: QuoteUploadFields,
  currency: string,
): { net: Money; vat: Money; gross: Money } {
  try {
    const net = Money.of(fields.net, currency);
    const vat = Money.of(fields.vat, currency);
    if (net.isNegative() || vat.isNegative()) throw new Error('Amounts of a quote are not negative');
    return { net, vat, gross: net.add(vat) };
  } catch (error) {
    throw new ApiError(ApiErrorCode.VALIDATION, error instanceof Error ? error.message : 'Not an amount', {
      field: 'netAmount',
    });
  }
}

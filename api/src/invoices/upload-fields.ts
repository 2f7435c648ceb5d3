import { ApiError, ApiErrorCode } from '../errors/api-error';

/** The form fields of an invoice upload, checked; ids lower-cased. */
export interface InvoiceUploadFields {
  readonly eventId: string;
  readonly supplierId: string | null;
  readonly purchaseOrderNumber: string | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const knownFields = new Set(['eventId', 'supplierId', 'purchaseOrderNumber']);
const MAX_PURCHASE_ORDER_LENGTH = 64;
const MAX_FILE_NAME_LENGTH = 200;

function invalid(field: string, message: string): ApiError {
  return new ApiError(ApiErrorCode.VALIDATION, message, { field });
}

function text(body: Record<string, unknown>, field: string): string | null {
  const value = body[field];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw invalid(field, `${field} must be sent once, as text`);
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function uuidField(body: Record<string, unknown>, field: string): string | null {
  const value = text(body, field);
  if (value !== null && !uuid.test(value)) throw invalid(field, `${field} must be a UUID`);
  return value?.toLowerCase() ?? null;
}

/** Reads the multipart fields (strings, as multer leaves them) and refuses anything unexpected, naming the field. */
export function parseInvoiceUploadFields(body: unknown): InvoiceUploadFields {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((name) => !knownFields.has(name));
  if (unknown.length > 0) {
    throw new ApiError(ApiErrorCode.VALIDATION, `Unexpected form fields: ${unknown.join(', ')}`, {
      allowed: ['file', ...knownFields],
    });
  }
  const eventId = uuidField(fields, 'eventId');
  if (eventId === null) throw invalid('eventId', 'eventId is required: the event this invoice is for');
  const purchaseOrderNumber = text(fields, 'purchaseOrderNumber');
  if (purchaseOrderNumber !== null) {
    if (purchaseOrderNumber.length > MAX_PURCHASE_ORDER_LENGTH) {
      throw invalid(
        'purchaseOrderNumber',
        `purchaseOrderNumber is longer than ${MAX_PURCHASE_ORDER_LENGTH} characters`,
      );
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(purchaseOrderNumber)) {
      throw invalid('purchaseOrderNumber', 'purchaseOrderNumber contains control characters');
    }
  }
  return { eventId, supplierId: uuidField(fields, 'supplierId'), purchaseOrderNumber };
}

/** A corrected version carries its document only: any other form field is refused, naming it. */
export function parseResubmissionFields(body: unknown): void {
  const fields = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  if (fields.length > 0) {
    throw new ApiError(ApiErrorCode.VALIDATION, `Unexpected form fields: ${fields.join(', ')}`, {
      allowed: ['file'],
    });
  }
}

/**
 * The uploaded file's name, kept only as a label (what the file is comes from its bytes): no directories, no
 * control characters, bounded length.
 */
export function documentLabel(originalName: string | undefined): string {
  const base = (originalName ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' ? 'document' : clean.slice(0, MAX_FILE_NAME_LENGTH);
}

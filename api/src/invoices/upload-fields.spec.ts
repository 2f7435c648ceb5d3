import { ApiError } from '../errors/api-error';
import { documentLabel, parseInvoiceUploadFields, parseResubmissionFields } from './upload-fields';

const eventId = '6F1C2B8E-3D4A-4B5C-9D6E-7F8091A2B3C4';

function refusal(body: unknown): { message: string; details: unknown } {
  try {
    parseInvoiceUploadFields(body);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'VALIDATION') {
      return { message: error.message, details: error.details };
    }
    throw error;
  }
  throw new Error('accepted');
}

describe('parseInvoiceUploadFields', () => {
  it('reads the event, the optional supplier and purchase order, lower-casing ids and trimming text', () => {
    expect(
      parseInvoiceUploadFields({
        eventId: ` ${eventId} `,
        supplierId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        purchaseOrderNumber: ' PO-2026-0042 ',
      }),
    ).toEqual({
      eventId: eventId.toLowerCase(),
      supplierId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      purchaseOrderNumber: 'PO-2026-0042',
    });
    expect(parseInvoiceUploadFields({ eventId, supplierId: '', purchaseOrderNumber: '  ' })).toEqual({
      eventId: eventId.toLowerCase(),
      supplierId: null,
      purchaseOrderNumber: null,
    });
  });

  it('requires an event id that is a UUID', () => {
    expect(refusal({})).toEqual({
      message: 'eventId is required: the event this invoice is for',
      details: { field: 'eventId' },
    });
    expect(refusal(undefined).details).toEqual({ field: 'eventId' });
    expect(refusal({ eventId: 'festival-2026' })).toEqual({
      message: 'eventId must be a UUID',
      details: { field: 'eventId' },
    });
    expect(refusal({ eventId, supplierId: '42' }).details).toEqual({ field: 'supplierId' });
  });

  it('refuses repeated fields, unknown fields and unreasonable purchase order numbers', () => {
    expect(refusal({ eventId: [eventId, eventId] }).message).toBe('eventId must be sent once, as text');
    expect(refusal({ eventId, amount: '100.00' })).toEqual({
      message: 'Unexpected form fields: amount',
      details: { allowed: ['file', 'eventId', 'supplierId', 'purchaseOrderNumber'] },
    });
    expect(refusal({ eventId, purchaseOrderNumber: 'P'.repeat(65) }).details).toEqual({
      field: 'purchaseOrderNumber',
    });
    expect(refusal({ eventId, purchaseOrderNumber: 'PO\n1' }).message).toBe(
      'purchaseOrderNumber contains control characters',
    );
  });
});

describe('documentLabel', () => {
  it('keeps the base name only, without control characters, bounded', () => {
    expect(documentLabel('invoice 42.pdf')).toBe('invoice 42.pdf');
    expect(documentLabel('../../etc/passwd')).toBe('passwd');
    expect(documentLabel('C:\\Users\\me\\inv.pdf')).toBe('inv.pdf');
    expect(documentLabel('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(documentLabel(undefined)).toBe('document');
    expect(documentLabel('/')).toBe('document');
    expect(documentLabel(`${'x'.repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe('parseResubmissionFields', () => {
  it('takes a corrected version with no other form field (multer leaves an empty body)', () => {
    expect(() => parseResubmissionFields({})).not.toThrow();
    expect(() => parseResubmissionFields(undefined)).not.toThrow();
  });

  it('refuses any other field, naming it, so nobody thinks a new event or supplier was taken', () => {
    expect(() => parseResubmissionFields({ eventId, note: 'v2' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: 'Unexpected form fields: eventId, note',
        details: { allowed: ['file'] },
      }) as Error,
    );
  });
});

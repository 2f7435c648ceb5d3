import { ApiError } from '../errors/api-error';
import { parseQuoteUploadFields, quoteAmounts } from './quote-fields';

const eventId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('quote upload fields', () => {
  it('reads the fields and adds net and VAT up to gross, exactly', () => {
    const fields = parseQuoteUploadFields({
      eventId,
      netAmount: '86500.10',
      vatAmount: '12975.02',
      currency: 'zar',
    });
    expect(fields).toMatchObject({ eventId, currency: 'ZAR', reference: null, quotedOn: null });
    const amounts = quoteAmounts(fields, 'ZAR');
    expect(amounts.gross.toString()).toBe('99475.12');
  });

  it('refuses unknown fields, missing amounts, amounts finer than the currency and negative amounts', () => {
    expect(() =>
      parseQuoteUploadFields({ eventId, netAmount: '1', vatAmount: '0', grossAmount: '1' }),
    ).toThrow(ApiError);
    expect(() => parseQuoteUploadFields({ eventId, netAmount: '1' })).toThrow(ApiError);
    expect(() => parseQuoteUploadFields({ eventId: 'x', netAmount: '1', vatAmount: '0' })).toThrow(ApiError);
    const fine = parseQuoteUploadFields({ eventId, netAmount: '1.005', vatAmount: '0' });
    expect(() => quoteAmounts(fine, 'ZAR')).toThrow(ApiError);
    const negative = parseQuoteUploadFields({ eventId, netAmount: '-1.00', vatAmount: '0' });
    expect(() => quoteAmounts(negative, 'ZAR')).toThrow(ApiError);
  });
});

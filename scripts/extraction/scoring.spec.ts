import { flatten, sameValue, scoreExtraction } from './scoring';

describe('extraction scoring (the reference scorer rules)', () => {
  it('lets a nested {value} stand for its key, top-level keys first', () => {
    const flat = flatten({
      file: 'a.pdf',
      gross: { value: '12.00', confidence: 0.9 },
      arithmetic: { gross: 'x' },
    });
    expect(flat.get('gross')).toBe('12.00');
    expect(flat.get('confidence')).toBe(0.9);
  });

  it('compares amounts to the cent, dates as ISO, issuers by containment, the rest case-insensitively', () => {
    expect(sameValue('amount', 4.11, '4.110')).toBe(true);
    expect(sameValue('amount', 4.11, '4.12')).toBe(false);
    expect(sameValue('date', '2014-08-03', '2014-08-03T00:00:00Z')).toBe(true);
    expect(sameValue('issuer', 'Amazon Web Services', 'Amazon Web Services, Inc.')).toBe(true);
    expect(sameValue('issuer', 'Flipkart', 'WS Retail Services')).toBe(false);
    expect(sameValue('currency', 'EUR', 'eur')).toBe(true);
    expect(sameValue('invoice_number', '#A1', 'A1')).toBe(false);
  });

  it('scores only the fields the answer gives, a missing value counting as wrong', () => {
    const scores = scoreExtraction(
      { supplierName: { value: 'Coolblue B.V.' }, gross: { value: null }, currency: { value: 'EUR' } },
      { issuer: 'Coolblue', amount: 717.97, currency: 'EUR', amount_tax: '', lines: [] },
    );
    expect(Object.keys(scores).sort()).toEqual(['amount', 'currency', 'issuer']);
    expect(scores.issuer?.ok).toBe(true);
    expect(scores.amount).toEqual({ ok: false, got: null, want: 717.97 });
  });
});

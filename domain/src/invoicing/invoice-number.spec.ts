import { normaliseInvoiceNumber } from './invoice-number';

describe('normaliseInvoiceNumber', () => {
  it('treats case, spaces and separators as the same number', () => {
    for (const printed of ['INV-001', 'inv 001', 'INV001', ' Inv/001 ', 'inv_0.0-1']) {
      expect(normaliseInvoiceNumber(printed)).toBe('INV001');
    }
  });

  it('keeps leading zeros and letters that differ', () => {
    expect(normaliseInvoiceNumber('INV-1')).not.toBe(normaliseInvoiceNumber('INV-001'));
    expect(normaliseInvoiceNumber('INV-001A')).toBe('INV001A');
    expect(normaliseInvoiceNumber('Fäktura 7')).toBe('FAKTURA7');
  });

  it('leaves nothing of a number made only of separators', () => {
    expect(normaliseInvoiceNumber(' - / ')).toBe('');
  });
});

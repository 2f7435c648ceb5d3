import { CurrencyMismatchError, Money } from './money';
import {
  calculateInvoiceVat,
  type InvoiceVat,
  southAfricanVatRates,
  southAfricanVatSettings,
  type VatBreakdown,
  VatError,
  vatRate,
} from './vat';

const tenPercent = vatRate('TEN', '10');
const text = ({ net, vat, gross }: VatBreakdown) => ({
  net: net.toString(),
  vat: vat.toString(),
  gross: gross.toString(),
});

function expectEachTotalEqualsItsParts(invoice: InvoiceVat): void {
  for (const part of [invoice, ...invoice.lines, ...invoice.byRate]) {
    expect(part.net.add(part.vat).equals(part.gross)).toBe(true);
  }
  for (const key of ['net', 'vat', 'gross'] as const) {
    expect(
      Money.sum(
        invoice.lines.map((line) => line[key]),
        invoice.currency,
      ).equals(invoice[key]),
    ).toBe(true);
    expect(
      Money.sum(
        invoice.byRate.map((rate) => rate[key]),
        invoice.currency,
      ).equals(invoice[key]),
    ).toBe(true);
  }
}

describe('VAT', () => {
  const fourLines = {
    currency: 'ZAR',
    pricing: 'exclusive' as const,
    lines: Array.from({ length: 4 }, () => ({ amount: Money.of('5.68', 'ZAR'), rate: tenPercent })),
  };

  it('four lines of net 5.68 at 10 %, rounded per line: VAT 2.28 (0.57 each)', () => {
    const invoice = calculateInvoiceVat(fourLines, { rounding: 'per-line', roundingMode: 'half-up' });
    expect(invoice.lines.map((line) => line.vat.toString())).toEqual(['0.57', '0.57', '0.57', '0.57']);
    expect(text(invoice)).toEqual({ net: '22.72', vat: '2.28', gross: '25.00' });
    expectEachTotalEqualsItsParts(invoice);
  });

  it('four lines of net 5.68 at 10 %, rounded per document: VAT 2.27', () => {
    const invoice = calculateInvoiceVat(fourLines, { rounding: 'per-document', roundingMode: 'half-up' });
    expect(text(invoice)).toEqual({ net: '22.72', vat: '2.27', gross: '24.99' });
    expect(invoice.lines.map((line) => line.vat.toString())).toEqual(['0.57', '0.57', '0.57', '0.56']);
    expectEachTotalEqualsItsParts(invoice);
  });

  it('gross 50,000 VAT-inclusive at 10 % in JPY: net 45,455, VAT 4,545, gross stays 50,000', () => {
    for (const rounding of ['per-line', 'per-document'] as const) {
      const invoice = calculateInvoiceVat(
        {
          currency: 'JPY',
          pricing: 'inclusive',
          lines: [{ amount: Money.of('50000', 'JPY'), rate: tenPercent }],
        },
        { rounding, roundingMode: 'half-up' },
      );
      expect(text(invoice)).toEqual({ net: '45455', vat: '4545', gross: '50000' });
      expectEachTotalEqualsItsParts(invoice);
    }
  });

  it('R 1,150.00 inclusive at 15 %: net 1,000.00, VAT 150.00', () => {
    const invoice = calculateInvoiceVat(
      {
        currency: 'ZAR',
        pricing: 'inclusive',
        lines: [{ amount: Money.of('1150.00', 'ZAR'), rate: southAfricanVatRates.standard }],
      },
      southAfricanVatSettings,
    );
    expect(text(invoice)).toEqual({ net: '1000.00', vat: '150.00', gross: '1150.00' });
  });

  it('keeps several rates apart on one invoice, and exempt apart from zero-rated', () => {
    const { standard, zeroRated, exempt } = southAfricanVatRates;
    const invoice = calculateInvoiceVat(
      {
        currency: 'ZAR',
        pricing: 'exclusive',
        lines: [
          { amount: Money.of('100.00', 'ZAR'), rate: standard },
          { amount: Money.of('40.00', 'ZAR'), rate: zeroRated },
          { amount: Money.of('33.33', 'ZAR'), rate: standard },
          { amount: Money.of('25.00', 'ZAR'), rate: exempt },
        ],
      },
      { rounding: 'per-document', roundingMode: 'half-up' },
    );
    expect(invoice.byRate.map((rate) => [rate.rate.code, rate.rate.treatment, text(rate)])).toEqual([
      ['ZA-STANDARD', 'standard', { net: '133.33', vat: '20.00', gross: '153.33' }],
      ['ZA-ZERO', 'zero-rated', { net: '40.00', vat: '0.00', gross: '40.00' }],
      ['ZA-EXEMPT', 'exempt', { net: '25.00', vat: '0.00', gross: '25.00' }],
    ]);
    expect(text(invoice)).toEqual({ net: '198.33', vat: '20.00', gross: '218.33' });
    expectEachTotalEqualsItsParts(invoice);
  });

  it('rounds half-even when the organisation says so', () => {
    const invoice = calculateInvoiceVat(
      {
        currency: 'ZAR',
        pricing: 'exclusive',
        lines: [{ amount: Money.of('0.25', 'ZAR'), rate: tenPercent }],
      },
      { rounding: 'per-line', roundingMode: 'half-even' },
    );
    expect(invoice.vat.toString()).toBe('0.02');
  });

  it('refuses lines in another currency, conflicting rates and VAT on exempt supplies', () => {
    expect(() =>
      calculateInvoiceVat(
        {
          currency: 'ZAR',
          pricing: 'exclusive',
          lines: [{ amount: Money.of('1', 'USD'), rate: tenPercent }],
        },
        southAfricanVatSettings,
      ),
    ).toThrow(CurrencyMismatchError);
    expect(() =>
      calculateInvoiceVat(
        {
          currency: 'ZAR',
          pricing: 'exclusive',
          lines: [
            { amount: Money.of('1', 'ZAR'), rate: tenPercent },
            { amount: Money.of('1', 'ZAR'), rate: vatRate('TEN', '11') },
          ],
        },
        southAfricanVatSettings,
      ),
    ).toThrow(VatError);
    expect(() => vatRate('X', '5', 'exempt')).toThrow(VatError);
    expect(() => vatRate('X', '-5')).toThrow(VatError);
  });
});

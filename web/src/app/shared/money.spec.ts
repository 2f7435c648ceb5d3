import { formatMoney } from './money';

// Intl's own spacing (narrow no-break spaces in en-ZA) is normalised so the expectations stay readable.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('shows rand with South African grouping and a decimal comma', () => {
    expect(plain(formatMoney({ amount: '1234567.89', currency: 'ZAR', minorUnits: 2 }))).toBe(
      'R 1 234 567,89',
    );
  });

  it('keeps every digit of an amount too large for a JavaScript number', () => {
    const shown = plain(formatMoney({ amount: '90071992547409931.07', currency: 'ZAR', minorUnits: 2 }));
    expect(shown).toBe('R 90 071 992 547 409 931,07');
  });

  it('follows the currency: no decimals for yen, three for dinar, a sign for credits', () => {
    expect(plain(formatMoney({ amount: '50000', currency: 'JPY', minorUnits: 0 }))).toMatch(/50 000$/);
    expect(plain(formatMoney({ amount: '1.250', currency: 'KWD', minorUnits: 3 }))).toMatch(/1,250$/);
    expect(plain(formatMoney({ amount: '-12.30', currency: 'ZAR', minorUnits: 2 }))).toBe('-R 12,30');
  });

  it('shows a malformed amount as it came rather than a wrong number', () => {
    expect(formatMoney({ amount: '12,3x', currency: 'ZAR', minorUnits: 2 })).toBe('12,3x ZAR');
  });
});

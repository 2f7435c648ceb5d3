import { type AmountLocaleHint, type ParsedAmount, parseAmount } from './amount-parsing';

function valueOf(parsed: ParsedAmount): string {
  if (parsed.kind !== 'amount') throw new Error(`expected an amount, got ${JSON.stringify(parsed)}`);
  return parsed.value.toFixed();
}

describe('parseAmount', () => {
  it.each([
    ['27,80', '27.8'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['R 12 345,67', '12345.67'],
    ['R\u00a012\u00a0345,67', '12345.67'],
    ['12\u2009345,67 ZAR', '12345.67'],
    ['12\u202f345.67', '12345.67'],
    ['(1,234.00)', '-1234'],
    ['-1 234,5', '-1234.5'],
    ['\u22121 234,5', '-1234.5'],
    ['1234-', '-1234'],
    ['€ 1.234.567,89', '1234567.89'],
    ['$1,234,567.89', '1234567.89'],
    ['USD 1,234,567', '1234567'],
    ['₹1,23,456.78', '123456.78'],
    ["CHF 1'234.50", '1234.5'],
    ['0,500', '0.5'],
    ['1234,567', '1234.567'],
    ['1234', '1234'],
    ['1,5', '1.5'],
    ['.5', '0.5'],
  ])('reads %j as %s', (text, expected) => {
    expect(valueOf(parseAmount(text))).toBe(expected);
  });

  it('flags a lone separator before three digits as ambiguous instead of guessing', () => {
    for (const text of ['1,234', '12.345', 'R 999,000']) {
      const parsed = parseAmount(text);
      expect(parsed.kind).toBe('ambiguous');
      if (parsed.kind === 'ambiguous') expect(parsed.readings).toHaveLength(2);
    }
    const parsed = parseAmount('1,234');
    expect(parsed.kind === 'ambiguous' && parsed.readings.map((reading) => reading.toFixed())).toEqual([
      '1.234',
      '1234',
    ]);
  });

  it('reads a supplier by its own locale', () => {
    const commaDecimals: AmountLocaleHint = { decimalSeparator: ',' };
    const dotDecimals: AmountLocaleHint = { decimalSeparator: '.' };
    expect(valueOf(parseAmount('1,234', commaDecimals))).toBe('1.234');
    expect(valueOf(parseAmount('1,234', dotDecimals))).toBe('1234');
    expect(valueOf(parseAmount('1.234', commaDecimals))).toBe('1234');
    expect(valueOf(parseAmount('27,80', commaDecimals))).toBe('27.8');
    expect(valueOf(parseAmount('1.234,56', commaDecimals))).toBe('1234.56');
    expect(parseAmount('1,234.56', commaDecimals).kind).toBe('invalid');
  });

  it.each(['', 'R', 'abc', '1,2,3', '1.234.56', '12,34,5', '1.2.3,4,5', '--5', '(-5)', '5 6 7 8 9 0 1'])(
    'refuses %j',
    (text) => {
      expect(parseAmount(text).kind).not.toBe('amount');
    },
  );
});

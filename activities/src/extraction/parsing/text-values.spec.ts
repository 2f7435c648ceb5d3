import { findAmounts, findDates, fold, guessDecimalSeparator } from './text-values';

const values = (text: string, separator?: ',' | '.') => findAmounts(text, separator).map((a) => a.value);

describe('findAmounts', () => {
  it.each([
    ['Total: $1,234.56', ['1234.56']],
    ['Totaal € 1.234,56', ['1234.56']],
    ['Total TTC : 1 234,56 €', ['1234.56']],
    ['Amount due R 12 345,67', ['12345.67']],
    ['Afschrijvingskosten € -9,32', ['-9.32']],
    ['Justificatif Papier   0   3,50 €   0 €', ['3.5', '0']],
    ['EUR 99.00 and 12,00 EUR', ['99', '12']],
  ])('reads %s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('ignores percentages, dates, years, quantities and phone numbers', () => {
    expect(values('TVA 20% on 15.00% rate, 28/11/2022, 2014, qty 12, call 1800 208 9898')).toEqual([]);
  });

  it('keeps the currency written beside an amount', () => {
    expect(findAmounts('Total € 10,00 and $ 4.11 and Rs -40.00').map((a) => a.currency)).toEqual([
      'EUR',
      'USD',
      'INR',
    ]);
  });

  it('leaves a lone three-digit group ambiguous unless the document settles the separator', () => {
    expect(values('Total € 1,234')).toEqual([]);
    expect(values('Total € 1,234', ',')).toEqual(['1.234']);
    expect(values('Total € 1,234', '.')).toEqual(['1234']);
  });
});

describe('guessDecimalSeparator', () => {
  it('takes the separator that ends amounts with two digits', () => {
    expect(guessDecimalSeparator('12,50 € and 1.234,00 €')).toBe(',');
    expect(guessDecimalSeparator('$12.50 and $1,234.00')).toBe('.');
    expect(guessDecimalSeparator('no amounts')).toBeUndefined();
  });
});

describe('findDates', () => {
  const iso = (text: string, order?: 'day-first' | 'month-first') => findDates(text, order).map((d) => d.iso);

  it.each([
    ['Invoice Date: August 3 , 2014', '2014-08-03'],
    ['Date: Jan 1, 2022', '2022-01-01'],
    ['Factuurdatum: 19 april 2014', '2014-04-19'],
    ['Facture n°562044387 du 02 Juillet 2015', '2015-07-02'],
    ['Rechnungsdatum: 3. März 2024', '2024-03-03'],
    ['Date : 28/11/2022', '2022-11-28'],
    ['Invoice Date: 20-10-2015', '2015-10-20'],
    ['issued 2024-02-29', '2024-02-29'],
  ])('reads %s', (text, expected) => {
    expect(iso(text)).toEqual([expected]);
  });

  it('flags a numeric date that reads both ways, unless an order is known', () => {
    const [token] = findDates('Invoice date: 05/01/2018');
    expect(token?.iso).toBeNull();
    expect(token?.problem).toMatch(/day-first/);
    expect(iso('05/01/2018', 'day-first')).toEqual(['2018-01-05']);
    expect(iso('05/01/2018', 'month-first')).toEqual(['2018-05-01']);
  });
});

describe('fold', () => {
  it('keeps positions while dropping accents and case', () => {
    const text = 'Date d’échéance';
    expect(fold(text)).toBe('date d echeance');
    expect(fold(text)).toHaveLength(text.length);
  });
});

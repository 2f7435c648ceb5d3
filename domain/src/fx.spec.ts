import { convertMoney, FxError, fxRate } from './fx';
import { CurrencyMismatchError, Money } from './money';

describe('FX conversion', () => {
  const usdZar = fxRate({
    from: 'USD',
    to: 'ZAR',
    rate: '18.23456789012345',
    date: { year: 2026, month: 3, day: 31 },
    source: 'SARB',
  });

  it('converts at the full-precision rate, rounds as told and keeps the rate with the result', () => {
    const conversion = convertMoney(Money.of('1000.00', 'USD'), usdZar, 'half-up');
    expect(conversion.exact.toString()).toBe('18234.56789012345');
    expect(conversion.converted.toString()).toBe('18234.57');
    expect(conversion.converted.currency.code).toBe('ZAR');
    expect(conversion.rate).toEqual({
      from: 'USD',
      to: 'ZAR',
      rate: '18.23456789012345',
      date: { year: 2026, month: 3, day: 31 },
      source: 'SARB',
    });
    expect(convertMoney(Money.of('1000.00', 'USD'), usdZar, 'down').converted.toString()).toBe('18234.56');
  });

  it('lands on the target currency minor unit', () => {
    const eurJpy = fxRate({
      from: 'EUR',
      to: 'JPY',
      rate: '161.5',
      date: { year: 2026, month: 1, day: 2 },
      source: 'ECB',
    });
    expect(convertMoney(Money.of('0.99', 'EUR'), eurJpy, 'half-even').converted.toString()).toBe('160');
    const usdKwd = fxRate({
      from: 'USD',
      to: 'KWD',
      rate: '0.30712',
      date: { year: 2026, month: 1, day: 2 },
      source: 'CBK',
    });
    expect(convertMoney(Money.of('10.00', 'USD'), usdKwd, 'half-up').converted.toString()).toBe('3.071');
  });

  it('refuses money in the wrong currency and malformed rates', () => {
    expect(() => convertMoney(Money.of('1', 'EUR'), usdZar, 'half-up')).toThrow(CurrencyMismatchError);
    const date = { year: 2026, month: 2, day: 30 };
    expect(() => fxRate({ from: 'USD', to: 'ZAR', rate: '18', date, source: 'SARB' })).toThrow(FxError);
    const valid = { year: 2026, month: 2, day: 28 };
    expect(() => fxRate({ from: 'USD', to: 'ZAR', rate: '0', date: valid, source: 'SARB' })).toThrow(FxError);
    expect(() => fxRate({ from: 'USD', to: 'ZAR', rate: '1e3', date: valid, source: 'SARB' })).toThrow(
      FxError,
    );
    expect(() => fxRate({ from: 'USD', to: 'ZAR', rate: '18', date: valid, source: ' ' })).toThrow(FxError);
  });
});

import { AllocationError } from './allocation';
import { currency, UnknownCurrencyError } from './currency';
import { CurrencyMismatchError, ExactAmount, Money, MoneyError } from './money';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('currency', () => {
  it('knows the minor units of 0, 2 and 3 decimal currencies', () => {
    expect(['ZAR', 'USD', 'EUR', 'GBP', 'INR'].map((code) => currency(code).minorUnits)).toEqual([
      2, 2, 2, 2, 2,
    ]);
    expect(['JPY', 'KRW'].map((code) => currency(code).minorUnits)).toEqual([0, 0]);
    expect(['BHD', 'KWD', 'OMR'].map((code) => currency(code).minorUnits)).toEqual([3, 3, 3]);
  });

  it('refuses an unknown code', () => {
    expect(() => currency('XYZ')).toThrow(UnknownCurrencyError);
    expect(() => Money.of('1', 'zar')).toThrow(UnknownCurrencyError);
  });
});

describe('Money', () => {
  it('is built from decimal strings and minor units', () => {
    expect(Money.of('1234.5', 'ZAR').toString()).toBe('1234.50');
    expect(Money.fromMinorUnits(123450n, 'ZAR').equals(Money.of('1234.50', 'ZAR'))).toBe(true);
    expect(Money.fromMinorUnits(1250n, 'KWD').toString()).toBe('1.250');
    expect(Money.fromMinorUnits(50000n, 'JPY').toString()).toBe('50000');
    expect(Money.of('-0.01', 'USD').toMinorUnits()).toBe(-1n);
    expect(Money.of('12345678901234567890.12', 'ZAR').toMinorUnits()).toBe(1234567890123456789012n);
  });

  it('refuses amounts finer than the currency minor unit and text that is not a plain decimal', () => {
    expect(() => Money.of('1.005', 'ZAR')).toThrow(MoneyError);
    expect(thrownBy(() => Money.of('1.5', 'JPY'))).toMatchObject({ code: 'NOT_WHOLE_MINOR_UNITS' });
    expect(thrownBy(() => Money.of('1,50', 'ZAR'))).toMatchObject({ code: 'INVALID_AMOUNT' });
    expect(() => Money.of('1e3', 'ZAR')).toThrow(MoneyError);
  });

  it('adds and subtracts exactly, within one currency only', () => {
    const sum = Money.of('0.1', 'USD').add(Money.of('0.2', 'USD'));
    expect(sum.equals(Money.of('0.3', 'USD'))).toBe(true);
    expect(Money.of('10', 'ZAR').subtract(Money.of('10.01', 'ZAR')).toString()).toBe('-0.01');
    expect(() => Money.of('1', 'ZAR').add(Money.of('1', 'USD'))).toThrow(CurrencyMismatchError);
    expect(thrownBy(() => Money.of('1', 'ZAR').subtract(Money.of('1', 'EUR')))).toMatchObject({
      code: 'CURRENCY_MISMATCH',
      expected: 'ZAR',
      actual: 'EUR',
    });
  });

  it('multiplies to an exact amount and rounds only with a named mode', () => {
    const exact = Money.of('2.50', 'ZAR').multiply('0.125');
    expect(exact).toBeInstanceOf(ExactAmount);
    expect(exact.amount.toString()).toBe('0.3125');
    expect(exact.round().toString()).toBe('0.31');
    expect(Money.of('0.05', 'ZAR').multiply('0.5').round('half-up').toString()).toBe('0.03');
    expect(Money.of('0.05', 'ZAR').multiply('0.5').round('half-even').toString()).toBe('0.02');
    expect(Money.of('0.07', 'ZAR').multiply('0.5').round('half-even').toString()).toBe('0.04');
    expect(Money.of('-0.05', 'ZAR').multiply('0.5').round('half-up').toString()).toBe('-0.03');
    expect(Money.of('0.05', 'ZAR').multiply('0.5').round('down').toString()).toBe('0.02');
  });

  it('crosses boundaries as plain JSON', () => {
    const money = Money.of('1.5', 'BHD');
    expect(JSON.parse(JSON.stringify(money))).toEqual({ amount: '1.500', currency: 'BHD' });
    expect(Money.fromJSON(money.toJSON()).equals(money)).toBe(true);
  });
});

describe('allocation', () => {
  const units = (parts: Money[]) => parts.map((part) => part.toString());

  it('splits by largest remainder without creating or losing a minor unit', () => {
    expect(units(Money.of('100', 'ZAR').allocate(['1', '1', '1']))).toEqual(['33.34', '33.33', '33.33']);
    expect(units(Money.of('0.05', 'ZAR').allocate(['3', '7']))).toEqual(['0.02', '0.03']);
    expect(units(Money.of('-100', 'ZAR').allocate(['1', '1', '1']))).toEqual(['-33.33', '-33.33', '-33.34']);
    expect(units(Money.of('10', 'JPY').allocate(['0.5', '0.25', '0.25']))).toEqual(['5', '3', '2']);
    expect(units(Money.of('1', 'KWD').allocate(['1', '0', '2']))).toEqual(['0.333', '0.000', '0.667']);
  });

  it('refuses negative or all-zero ratios', () => {
    expect(() => Money.of('1', 'ZAR').allocate(['1', '-1'])).toThrow(AllocationError);
    expect(() => Money.of('1', 'ZAR').allocate(['0', '0'])).toThrow(AllocationError);
    expect(() => Money.of('1', 'ZAR').allocate([])).toThrow(AllocationError);
  });
});

describe('Money comparisons', () => {
  it('compares within one currency', () => {
    const [small, large] = [Money.of('-0.01', 'ZAR'), Money.of('10', 'ZAR')];
    expect([small.compare(large), large.compare(small), small.compare(Money.of('-0.01', 'ZAR'))]).toEqual([
      -1, 1, 0,
    ]);
    expect([small.isNegative(), small.negate().isNegative(), Money.zero('ZAR').isZero()]).toEqual([
      true,
      false,
      true,
    ]);
    expect(Money.of('-0', 'ZAR').equals(Money.zero('ZAR'))).toBe(true);
    expect(Money.of('10', 'ZAR').equals(Money.of('10', 'USD'))).toBe(false);
    expect(() => small.compare(Money.of('1', 'USD'))).toThrow(CurrencyMismatchError);
  });
});

import { MoneyModel } from './money.model';

describe('MoneyModel', () => {
  it('shows exactly the currency’s minor units, from database numerics', () => {
    expect(MoneyModel.fromJson({ amount: '1234.5000', currency: 'ZAR' })).toEqual({
      amount: '1234.50',
      currency: 'ZAR',
      minorUnits: 2,
    });
    expect(MoneyModel.fromJson({ amount: '50000.0000', currency: 'JPY' }).amount).toBe('50000');
    expect(MoneyModel.fromJson({ amount: '-1.2500', currency: 'BHD' }).amount).toBe('-1.250');
  });

  it('refuses an amount finer than the currency allows instead of rounding it', () => {
    expect(() => MoneyModel.fromJson({ amount: '10.005', currency: 'ZAR' })).toThrow(/decimals/);
  });
});

import { type Decimal } from 'decimal.js';
import { type PlainDate, isValidPlainDate } from './calendar-date';
import { currency as currencyByCode } from './currency';
import { CurrencyMismatchError, ExactAmount, type Money } from './money';
import { ExactDecimal, type RoundingMode } from './rounding';

/** One unit of `from` buys `rate` units of `to`, as published by `source` for `date`. */
export interface FxRate {
  readonly from: string;
  readonly to: string;
  /** The rate at full precision, as an exact decimal string. */
  readonly rate: string;
  readonly date: PlainDate;
  /** Who published the rate, e.g. "SARB", "ECB", or the bank's contract note reference. */
  readonly source: string;
}

export type FxErrorCode = 'INVALID_RATE';

export class FxError extends Error {
  constructor(
    readonly code: FxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FxError';
  }
}

/** Checks and freezes a rate record; the rate must be a positive plain decimal string and the date a real date. */
export function fxRate(record: FxRate): FxRate {
  currencyByCode(record.from);
  currencyByCode(record.to);
  if (!/^\d+(\.\d+)?$/.test(record.rate) || new ExactDecimal(record.rate).isZero()) {
    throw new FxError('INVALID_RATE', `Not a positive exchange rate: "${record.rate}"`);
  }
  if (!isValidPlainDate(record.date)) throw new FxError('INVALID_RATE', 'The rate date is not a real date.');
  if (record.source.trim() === '') throw new FxError('INVALID_RATE', 'A rate needs its source.');
  return Object.freeze({ ...record, date: Object.freeze({ ...record.date }) });
}

/** A converted amount together with everything needed to reproduce it. */
export interface FxConversion {
  readonly original: Money;
  readonly converted: Money;
  /** The unrounded product, kept so an auditor can see what rounding did. */
  readonly exact: Decimal;
  readonly rate: FxRate;
  readonly roundingMode: RoundingMode;
}

/** Converts money in the rate's `from` currency into its `to` currency, rounding as the caller says. */
export function convertMoney(money: Money, rate: FxRate, roundingMode: RoundingMode): FxConversion {
  if (money.currency.code !== rate.from) throw new CurrencyMismatchError(rate.from, money.currency.code);
  const exact = money.amount.times(new ExactDecimal(rate.rate));
  const converted = ExactAmount.of(exact, rate.to).round(roundingMode);
  return { original: money, converted, exact, rate, roundingMode };
}

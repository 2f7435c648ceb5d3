import { type Decimal } from 'decimal.js';
import { allocateMinorUnits, AllocationError } from './allocation';
import { type Currency, currencies, currency as currencyByCode } from './currency';
import { type DecimalInput, ExactDecimal, type RoundingMode, roundToDecimals } from './rounding';

export type MoneyErrorCode = 'CURRENCY_MISMATCH' | 'NOT_WHOLE_MINOR_UNITS' | 'INVALID_AMOUNT';

export class MoneyError extends Error {
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

export class CurrencyMismatchError extends MoneyError {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super('CURRENCY_MISMATCH', `Cannot combine ${actual} with ${expected}.`);
    this.name = 'CurrencyMismatchError';
  }
}

/** The plain form of money that crosses workflow, API and browser boundaries. */
export interface MoneyJson {
  readonly amount: string;
  readonly currency: string;
}

function resolveCurrency(value: Currency | string): Currency {
  return typeof value === 'string' ? currencyByCode(value) : currencyByCode(value.code);
}

/** Decimals are immutable, so one given as a decimal is used as it is. */
function toDecimal(amount: DecimalInput): Decimal {
  if (typeof amount === 'string') return parseDecimal(amount);
  // A decimal from another Decimal constructor would compute at that constructor's precision.
  return amount.constructor === ExactDecimal ? amount : new ExactDecimal(amount);
}

function parseDecimal(text: string): Decimal {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim())) {
    throw new MoneyError('INVALID_AMOUNT', `Not a plain decimal amount: "${text}"`);
  }
  return new ExactDecimal(text.trim());
}

/**
 * An amount that is not yet money: the exact result of multiplying or dividing money, before a rounding mode says
 * which minor unit it lands on.
 */
export class ExactAmount {
  readonly currency: Currency;
  private constructor(
    readonly amount: Decimal,
    currency: Currency | string,
  ) {
    this.currency = resolveCurrency(currency);
  }

  static of(amount: DecimalInput, currency: Currency | string): ExactAmount {
    return new ExactAmount(toDecimal(amount), currency);
  }

  times(factor: DecimalInput): ExactAmount {
    return new ExactAmount(this.amount.times(new ExactDecimal(factor)), this.currency);
  }

  dividedBy(divisor: DecimalInput): ExactAmount {
    return new ExactAmount(this.amount.dividedBy(new ExactDecimal(divisor)), this.currency);
  }

  /** Rounds to the currency's minor unit; half-up (away from zero) unless another mode is named. */
  round(mode: RoundingMode = 'half-up'): Money {
    return Money.of(roundToDecimals(this.amount, this.currency.minorUnits, mode), this.currency);
  }
}

/**
 * An amount in whole minor units of one currency. Arithmetic never mixes currencies and never rounds silently.
 * Money is held as an integer count of minor units (so sums are exact and fast); anything that scales it goes through
 * exact decimals and an explicit rounding mode.
 */
export class Money {
  private decimal: Decimal | undefined;
  private constructor(
    private readonly units: bigint,
    readonly currency: Currency,
  ) {}

  /** The amount as an exact decimal, e.g. 1234.5 for R 1,234.50. */
  get amount(): Decimal {
    this.decimal ??= new ExactDecimal(`${this.units}e-${this.currency.minorUnits}`);
    return this.decimal;
  }

  /** Money from a plain decimal ("1234.50"); more decimals than the currency has is an error, not a rounding. */
  static of(amount: DecimalInput, currency: Currency | string): Money {
    const resolved = resolveCurrency(currency);
    const value = toDecimal(amount);
    if (!value.isFinite()) throw new MoneyError('INVALID_AMOUNT', `Not a finite amount: ${value.toString()}`);
    if (value.decimalPlaces() > resolved.minorUnits) {
      throw new MoneyError(
        'NOT_WHOLE_MINOR_UNITS',
        `${value.toString()} has more than ${resolved.minorUnits} decimals for ${resolved.code}; round it first.`,
      );
    }
    return new Money(BigInt(value.toFixed(resolved.minorUnits).replace('.', '')), resolved);
  }

  static fromMinorUnits(minorUnits: bigint, currency: Currency | string): Money {
    const resolved = resolveCurrency(currency);
    return new Money(minorUnits, resolved);
  }

  static zero(currency: Currency | string): Money {
    const resolved = resolveCurrency(currency);
    return zeros.get(resolved.code) ?? Money.fromMinorUnits(0n, resolved);
  }

  static fromJSON(json: MoneyJson): Money {
    return Money.of(json.amount, json.currency);
  }

  /** Sums amounts of one currency; an empty list sums to zero in `currency`. */
  static sum(amounts: readonly Money[], currency: Currency | string): Money {
    const zero = Money.zero(currency);
    const [first, ...rest] = amounts;
    return first ? rest.reduce((total, amount) => total.add(amount), zero.add(first)) : zero;
  }

  private sameCurrency(other: Money): void {
    if (other.currency.code !== this.currency.code) {
      throw new CurrencyMismatchError(this.currency.code, other.currency.code);
    }
  }

  add(other: Money): Money {
    this.sameCurrency(other);
    return new Money(this.units + other.units, this.currency);
  }

  subtract(other: Money): Money {
    this.sameCurrency(other);
    return new Money(this.units - other.units, this.currency);
  }

  negate(): Money {
    return new Money(-this.units, this.currency);
  }

  /** The exact product; call `.round(mode)` on it to get money back. */
  multiply(factor: DecimalInput): ExactAmount {
    return this.toExact().times(factor);
  }

  toExact(): ExactAmount {
    return ExactAmount.of(this.amount, this.currency);
  }

  /**
   * Splits this amount over parts in proportion to `ratios` (largest remainder): the parts always add up to exactly
   * this amount, and each differs from its exact share by less than one minor unit.
   */
  allocate(ratios: readonly DecimalInput[]): Money[] {
    const decimals = ratios.map((ratio) => new ExactDecimal(ratio));
    if (decimals.some((ratio) => !ratio.isFinite() || ratio.isNegative())) {
      throw new AllocationError('Ratios must be finite and not negative.');
    }
    const scale = Math.max(0, ...decimals.map((ratio) => ratio.decimalPlaces()));
    const weights = decimals.map((ratio) => BigInt(ratio.times(new ExactDecimal(10).pow(scale)).toFixed(0)));
    return allocateMinorUnits(this.toMinorUnits(), weights).map((units) =>
      Money.fromMinorUnits(units, this.currency),
    );
  }

  toMinorUnits(): bigint {
    return this.units;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  compare(other: Money): -1 | 0 | 1 {
    this.sameCurrency(other);
    return this.units === other.units ? 0 : this.units < other.units ? -1 : 1;
  }

  equals(other: Money): boolean {
    return other.currency.code === this.currency.code && other.units === this.units;
  }

  /** The amount with exactly the currency's decimals, e.g. "1234.50", "50000", "1.250". */
  toString(): string {
    return this.amount.toFixed(this.currency.minorUnits);
  }

  toJSON(): MoneyJson {
    return { amount: this.toString(), currency: this.currency.code };
  }
}

const zeros: ReadonlyMap<string, Money> = new Map(
  [...currencies.values()].map((known) => [known.code, Money.fromMinorUnits(0n, known)]),
);

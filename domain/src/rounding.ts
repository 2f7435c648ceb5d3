import { Decimal } from 'decimal.js';

/**
 * Exact decimals for money. Sixty significant digits hold any amount a festival in a weak currency reaches times any
 * full-precision rate without rounding; amounts are rounded only where a rounding mode is named.
 */
export const ExactDecimal = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -60,
  toExpPos: 60,
});
export type ExactDecimal = Decimal;

/** A decimal given as text ("0.15") or as a decimal; never a JS number, which cannot hold 0.1 exactly. */
export type DecimalInput = string | Decimal;

export function exactDecimal(value: DecimalInput): Decimal {
  return new ExactDecimal(value);
}

/** Rounding modes by name. `half-up` rounds halves away from zero (invoices); `half-even` is banker's rounding. */
export type RoundingMode = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down' | 'ceiling' | 'floor';

const decimalRounding: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-down': Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

export function roundToDecimals(value: Decimal, decimals: number, mode: RoundingMode): Decimal {
  return new ExactDecimal(value).toDecimalPlaces(decimals, decimalRounding[mode]);
}

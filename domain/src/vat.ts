import { type Decimal } from 'decimal.js';
import { allocateMinorUnits } from './allocation';
import { type Currency, currency as currencyByCode } from './currency';
import { CurrencyMismatchError, Money } from './money';
import { ExactDecimal, type RoundingMode } from './rounding';

/**
 * How a supply is treated for VAT. Zero-rated and exempt both charge no VAT, but they are different: a zero-rated
 * supply is taxable at 0 % (the supplier still claims input VAT), an exempt one is outside VAT altogether.
 */
export type VatTreatment = 'standard' | 'reduced' | 'zero-rated' | 'exempt';

export interface VatRate {
  readonly code: string;
  readonly treatment: VatTreatment;
  /** The rate in percent as an exact decimal string, e.g. "15". */
  readonly percent: string;
}

export type VatErrorCode = 'INVALID_RATE' | 'CONFLICTING_RATE';

export class VatError extends Error {
  constructor(
    readonly code: VatErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VatError';
  }
}

export function vatRate(code: string, percent: string, treatment: VatTreatment = 'standard'): VatRate {
  if (!/^\d+(\.\d+)?$/.test(percent))
    throw new VatError('INVALID_RATE', `Not a VAT percentage: "${percent}"`);
  if ((treatment === 'zero-rated' || treatment === 'exempt') && !new ExactDecimal(percent).isZero()) {
    throw new VatError('INVALID_RATE', `A ${treatment} rate charges no VAT, not ${percent} %.`);
  }
  return Object.freeze({ code, treatment, percent });
}

/** South Africa: standard 15 %, zero-rated (exports, basic foods) and exempt (financial services, residential rent). */
export const southAfricanVatRates = Object.freeze({
  standard: vatRate('ZA-STANDARD', '15'),
  zeroRated: vatRate('ZA-ZERO', '0', 'zero-rated'),
  exempt: vatRate('ZA-EXEMPT', '0', 'exempt'),
});

/** Whether line amounts already include VAT (gross) or exclude it (net); one setting for a whole invoice. */
export type VatPricing = 'exclusive' | 'inclusive';

/**
 * Where VAT is rounded: on each line (the document adds up the displayed lines), or once per rate on the document's
 * summed amounts (the lines then show that VAT spread over them by largest remainder).
 */
export type VatRounding = 'per-line' | 'per-document';

export interface VatSettings {
  readonly rounding: VatRounding;
  readonly roundingMode: RoundingMode;
}

export const southAfricanVatSettings: VatSettings = Object.freeze({
  rounding: 'per-line',
  roundingMode: 'half-up',
});

export interface VatInvoiceLineInput {
  readonly amount: Money;
  readonly rate: VatRate;
}

export interface VatInvoiceInput {
  readonly currency: Currency | string;
  readonly pricing: VatPricing;
  readonly lines: readonly VatInvoiceLineInput[];
}

export interface VatBreakdown {
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
}

export interface VatLine extends VatBreakdown {
  readonly rate: VatRate;
}

export interface VatRateTotal extends VatBreakdown {
  readonly rate: VatRate;
}

export interface InvoiceVat extends VatBreakdown {
  readonly currency: Currency;
  readonly pricing: VatPricing;
  readonly settings: VatSettings;
  readonly lines: readonly VatLine[];
  /** One entry per rate, in the order the rates first appear on the invoice. */
  readonly byRate: readonly VatRateTotal[];
}

interface RateInUse {
  readonly rate: VatRate;
  readonly percent: Decimal;
  readonly fraction: Decimal;
  readonly indexes: number[];
}

/** The VAT in an amount: net × rate when exclusive, gross × rate / (100 + rate) (the tax fraction) when inclusive. */
function vatOn(amount: Money, rate: RateInUse, pricing: VatPricing, mode: RoundingMode): Money {
  if (rate.percent.isZero()) return Money.zero(amount.currency);
  // Inclusive VAT multiplies before it divides, so a gross that splits exactly is never nudged by a rounded fraction.
  const exact =
    pricing === 'exclusive'
      ? amount.multiply(rate.fraction)
      : amount.multiply(rate.percent).dividedBy(rate.percent.plus(100));
  return exact.round(mode);
}

function breakdown(amount: Money, vat: Money, pricing: VatPricing): VatBreakdown {
  return pricing === 'exclusive'
    ? { net: amount, vat, gross: amount.add(vat) }
    : { net: amount.subtract(vat), vat, gross: amount };
}

function total(parts: readonly VatBreakdown[], currency: Currency): VatBreakdown {
  const sumOf = (key: keyof VatBreakdown) =>
    Money.sum(
      parts.map((part) => part[key]),
      currency,
    );
  return { net: sumOf('net'), vat: sumOf('vat'), gross: sumOf('gross') };
}

/**
 * Works out an invoice's VAT line by line, per rate and in total. Every line, every rate and the document satisfy
 * net + VAT = gross, and lines add up to the rate totals and the document in both rounding settings.
 */
export function calculateInvoiceVat(invoice: VatInvoiceInput, settings: VatSettings): InvoiceVat {
  const currency =
    typeof invoice.currency === 'string'
      ? currencyByCode(invoice.currency)
      : currencyByCode(invoice.currency.code);
  const { pricing } = invoice;
  const rates = new Map<string, RateInUse>();
  invoice.lines.forEach((line, index) => {
    if (line.amount.currency.code !== currency.code) {
      throw new CurrencyMismatchError(currency.code, line.amount.currency.code);
    }
    const group = rates.get(line.rate.code);
    if (!group) {
      const percent = new ExactDecimal(line.rate.percent);
      rates.set(line.rate.code, {
        rate: line.rate,
        percent,
        fraction: percent.dividedBy(100),
        indexes: [index],
      });
    } else if (
      (group.rate.percent !== line.rate.percent && !group.percent.equals(line.rate.percent)) ||
      group.rate.treatment !== line.rate.treatment
    ) {
      throw new VatError(
        'CONFLICTING_RATE',
        `VAT rate ${line.rate.code} appears with two different definitions.`,
      );
    } else group.indexes.push(index);
  });

  const lineVat: Money[] = invoice.lines.map(() => Money.zero(currency));
  for (const rate of rates.values()) {
    const { indexes } = rate;
    const amounts = indexes.map((index) => invoice.lines[index]?.amount ?? Money.zero(currency));
    if (settings.rounding === 'per-line') {
      indexes.forEach((index, i) => {
        lineVat[index] = vatOn(amounts[i] ?? Money.zero(currency), rate, pricing, settings.roundingMode);
      });
    } else {
      const rateVat = vatOn(Money.sum(amounts, currency), rate, pricing, settings.roundingMode);
      const shares = rateVat.isZero()
        ? amounts.map(() => 0n)
        : allocateMinorUnits(
            rateVat.toMinorUnits(),
            amounts.map((amount) => amount.toMinorUnits()),
          );
      indexes.forEach((index, i) => {
        lineVat[index] = Money.fromMinorUnits(shares[i] ?? 0n, currency);
      });
    }
  }

  const lines: VatLine[] = invoice.lines.map((line, index) => ({
    rate: line.rate,
    ...breakdown(line.amount, lineVat[index] ?? Money.zero(currency), pricing),
  }));
  const byRate: VatRateTotal[] = [...rates.values()].map(({ rate, indexes }) => ({
    rate,
    ...total(
      indexes.map((index) => lines[index]).filter((line): line is VatLine => line !== undefined),
      currency,
    ),
  }));
  return { currency, pricing, settings, lines, byRate, ...total(lines, currency) };
}

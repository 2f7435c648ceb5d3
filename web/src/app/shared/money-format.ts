// Framework-free, so what the app displays can be reproduced outside it (the demo prints figures with it).

/** Money as the API sends it: an exact decimal string, never a binary float. */
export interface MoneyValue {
  readonly amount: string;
  readonly currency: string;
  readonly minorUnits: number;
}

/** South African conventions by default: the organisations EventVault serves first are South African. */
export const displayLocale = 'en-ZA';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, minorUnits: number, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}|${minorUnits}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: minorUnits,
      maximumFractionDigits: minorUnits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * "R 1 234,50" for { amount: "1234.50", currency: "ZAR" }. Intl formats the decimal string itself (exactly, with no
 * conversion to a number), so a total shown here is the very amount the API summed.
 */
export function formatMoney(value: MoneyValue, locale = displayLocale): string {
  if (!/^-?\d+(\.\d+)?$/.test(value.amount)) return `${value.amount} ${value.currency}`;
  // Intl.NumberFormat v3 formats a decimal string exactly; TypeScript's ES2022 lib only declares numbers.
  return formatterFor(value.currency, value.minorUnits, locale).format(value.amount as unknown as number);
}

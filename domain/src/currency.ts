/** An ISO 4217 currency and the number of decimals (minor units) its amounts are kept in. */
export interface Currency {
  readonly code: string;
  readonly minorUnits: 0 | 2 | 3;
}

export type CurrencyErrorCode = 'UNKNOWN_CURRENCY';

export class UnknownCurrencyError extends Error {
  readonly code: CurrencyErrorCode = 'UNKNOWN_CURRENCY';
  constructor(readonly currencyCode: string) {
    super(`Unknown ISO 4217 currency: ${currencyCode}`);
    this.name = 'UnknownCurrencyError';
  }
}

const zeroDecimal = [
  'JPY',
  'KRW',
  'ISK',
  'CLP',
  'VND',
  'UGX',
  'RWF',
  'XOF',
  'XAF',
  'PYG',
  'KMF',
  'DJF',
  'GNF',
  'VUV',
];
const threeDecimal = ['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD'];
const twoDecimal = [
  'ZAR',
  'USD',
  'EUR',
  'GBP',
  'INR',
  'CHF',
  'AUD',
  'CAD',
  'NZD',
  'CNY',
  'HKD',
  'SGD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'AED',
  'SAR',
  'QAR',
  'ILS',
  'TRY',
  'BRL',
  'MXN',
  'NAD',
  'BWP',
  'LSL',
  'SZL',
  'MZN',
  'ZMW',
  'MWK',
  'KES',
  'TZS',
  'NGN',
  'GHS',
  'EGP',
  'MAD',
  'MUR',
  'SCR',
  'THB',
  'MYR',
  'PHP',
  'IDR',
  'PKR',
  'LKR',
  'BDT',
  'RON',
];

function table(codes: readonly string[], minorUnits: Currency['minorUnits']): [string, Currency][] {
  return codes.map((code) => [code, Object.freeze({ code, minorUnits })]);
}

/** The currencies EventVault knows, by ISO 4217 code. */
export const currencies: ReadonlyMap<string, Currency> = new Map([
  ...table(twoDecimal, 2),
  ...table(zeroDecimal, 0),
  ...table(threeDecimal, 3),
]);

export function isCurrencyCode(code: string): boolean {
  return currencies.has(code);
}

/** Looks up a currency by its ISO 4217 code; an unknown code is an error, never a default. */
export function currency(code: string): Currency {
  const found = currencies.get(code);
  if (!found) throw new UnknownCurrencyError(code);
  return found;
}

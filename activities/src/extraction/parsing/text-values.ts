import {
  type DateOrder,
  type DecimalSeparator,
  formatIsoDate,
  parseAmount,
  parseDate,
  type PlainDate,
} from '@eventvault/domain';
import { monthNames } from './invoice-labels';

/**
 * Folds text for matching labels: lower case, accents dropped, apostrophes as spaces. One character in, one
 * character out, so positions found in the folded text are positions in the original.
 */
export function fold(text: string): string {
  let out = '';
  for (const char of text) {
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    const folded = (base.length > 0 ? base : char).toLowerCase();
    const single = folded.length === char.length ? folded : char.toLowerCase();
    out += /['’`]/.test(single) ? ' ' : single.length === char.length ? single : char;
  }
  return out;
}

/** Finds `label` in folded text as whole words; returns the index after the label, or -1. */
export function findLabel(
  folded: string,
  label: string,
  from = 0,
): { start: number; end: number } | undefined {
  let index = folded.indexOf(label, from);
  while (index >= 0) {
    const before = folded[index - 1];
    const after = folded[index + label.length];
    const startsWord = /[\p{L}\d]/u.test(label[0] ?? '');
    const endsWord = /[\p{L}\d]/u.test(label[label.length - 1] ?? '');
    const okBefore = !startsWord || before === undefined || !/[\p{L}\d_]/u.test(before);
    const okAfter = !endsWord || after === undefined || !/[\p{L}\d_]/u.test(after);
    if (okBefore && okAfter) return { start: index, end: index + label.length };
    index = folded.indexOf(label, index + 1);
  }
  return undefined;
}

const currencySymbols: Readonly<Record<string, string>> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  '₹': 'INR',
  '¥': 'JPY',
  R: 'ZAR',
  Rs: 'INR',
  'Rs.': 'INR',
};

export interface AmountToken {
  /** Plain decimal text, e.g. "-1234.50". */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** The currency written beside the amount (code or symbol), if any. */
  readonly currency: string | null;
  readonly hasDecimals: boolean;
}

const amountPattern =
  /(?<![\p{L}\d.,/-])(?<sign1>[-−]\s?)?(?<prefix>[€$£₹¥]|(?:EUR|USD|GBP|ZAR|INR|CHF|AUD|CAD|NZD|Rs\.?|R)(?=\s?[-−]?\d))?\s?(?<sign2>[-−]\s?)?(?<number>(?:\d{1,3}(?:[.,'\u00a0\u202f ]\d{3})+|\d+)(?:[.,]\d{1,3})?)(?<suffix>\s?(?:[€$£₹]|EUR\b|USD\b|ZAR\b|GBP\b|INR\b|CHF\b))?(?![\d])/gu;

/**
 * Every amount in a piece of text: numbers with decimals ("1 234,56", "$4.11") or with a currency beside them
 * ("0 €"). Percentages, parts of dates and bare integers (quantities, phone numbers, years) are not amounts.
 */
export function findAmounts(text: string, decimalSeparator?: DecimalSeparator): AmountToken[] {
  const tokens: AmountToken[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const groups = match.groups ?? {};
    const number = groups.number ?? '';
    const end = (match.index ?? 0) + match[0].length;
    const rest = text.slice(end);
    if (/^\s?%/.test(rest) || /^[/.-]\d/.test(rest)) continue;
    const prefix = groups.prefix ?? null;
    const suffix = groups.suffix?.trim() || null;
    const currencyText = prefix ?? suffix;
    const hasDecimals =
      /[.,]\d{1,3}$/.test(number) && !/^\d{1,3}([.,]\d{3})+$/.test(number.replace(/\s/g, ''));
    const decimalsLookRight = /[.,]\d{2}$/.test(number);
    if (!decimalsLookRight && currencyText === null) continue;
    const parsed = parseAmount(number, decimalSeparator ? { decimalSeparator } : undefined);
    let value: string | undefined;
    if (parsed.kind === 'amount') value = parsed.value.toFixed();
    else if (parsed.kind === 'ambiguous') continue;
    if (value === undefined) continue;
    const negative = Boolean(groups.sign1 ?? groups.sign2);
    const start = (match.index ?? 0) + (match[0].length - match[0].trimStart().length);
    tokens.push({
      value: negative && value !== '0' ? `-${value}` : value,
      start,
      end,
      currency: currencyText ? (currencySymbols[currencyText] ?? currencyText.toUpperCase()) : null,
      hasDecimals: hasDecimals || decimalsLookRight,
    });
  }
  return tokens;
}

/** Which separator marks decimals in this document: the one followed by exactly two digits at a number's end. */
export function guessDecimalSeparator(text: string): DecimalSeparator | undefined {
  const comma = (text.match(/\d,\d{2}(?![\d])/g) ?? []).length;
  const dot = (text.match(/\d\.\d{2}(?![\d])/g) ?? []).length;
  if (comma === dot) return undefined;
  return comma > dot ? ',' : '.';
}

const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface DateToken {
  readonly start: number;
  readonly end: number;
  /** ISO date, when the text reads as exactly one date. */
  readonly iso: string | null;
  /** Why the date could not be read as one date (ambiguous order, no such date). */
  readonly problem: string | null;
  /** The numeric reading's first and second number, for learning the document's date order. */
  readonly numeric: { readonly first: number; readonly second: number } | null;
}

const isoPattern = /(?<![\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/g;
const numericPattern = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d])/g;
const dayMonthPattern =
  /(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th|er)?\.?\s*(?:de\s+)?(\p{L}{3,9})\.?,?\s+(\d{4})(?![\d])/gu;
const monthDayPattern = /(?<![\p{L}])(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})(?![\d])/gu;

function fromNamedMonth(day: string, monthName: string, year: string): PlainDate | undefined {
  const month = monthNames[fold(monthName)];
  if (month === undefined) return undefined;
  const parsed = parseDate(`${Number(day)} ${englishMonths[month - 1]} ${year}`);
  return parsed.kind === 'date' ? parsed.date : undefined;
}

/** Every date in a line: ISO, numeric (with the order settled by `dateOrder` when given) and named months. */
export function findDates(text: string, dateOrder?: DateOrder): DateToken[] {
  const tokens: DateToken[] = [];
  const taken = (start: number, end: number) => tokens.some((t) => start < t.end && end > t.start);
  const folded = fold(text);
  for (const match of folded.matchAll(isoPattern)) {
    const start = match.index ?? 0;
    const parsed = parseDate(match[0]);
    tokens.push({
      start,
      end: start + match[0].length,
      iso: parsed.kind === 'date' ? formatIsoDate(parsed.date) : null,
      problem: parsed.kind === 'date' ? null : parsed.reason,
      numeric: null,
    });
  }
  for (const match of folded.matchAll(numericPattern)) {
    const start = match.index ?? 0;
    if (taken(start, start + match[0].length)) continue;
    const parsed = parseDate(match[0], dateOrder && dateOrder !== 'year-first' ? { dateOrder } : undefined);
    tokens.push({
      start,
      end: start + match[0].length,
      iso: parsed.kind === 'date' ? formatIsoDate(parsed.date) : null,
      problem: parsed.kind === 'date' ? null : parsed.reason,
      numeric: { first: Number(match[1]), second: Number(match[3]) },
    });
  }
  for (const pattern of [dayMonthPattern, monthDayPattern]) {
    for (const match of folded.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (taken(start, end)) continue;
      const [, a = '', b = '', year = ''] = match;
      const date = pattern === dayMonthPattern ? fromNamedMonth(a, b, year) : fromNamedMonth(b, a, year);
      if (date) tokens.push({ start, end, iso: formatIsoDate(date), problem: null, numeric: null });
    }
  }
  return tokens.sort((a, b) => a.start - b.start);
}

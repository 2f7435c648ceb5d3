/** A calendar date with no time and no zone: what an invoice, a rate or a due date means by "the 5th of January". */
export interface PlainDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type DateOrder = 'day-first' | 'month-first' | 'year-first';

/** What is known about how a supplier writes dates, e.g. `{ dateOrder: 'day-first' }` for "05/01/2018". */
export interface DateLocaleHint {
  readonly dateOrder: DateOrder;
}

export type ParsedDate =
  | { readonly kind: 'date'; readonly date: PlainDate }
  /** Both readings are real dates ("05/01/2018"); the caller must ask, not guess. */
  | { readonly kind: 'ambiguous'; readonly readings: readonly PlainDate[]; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isValidPlainDate(date: PlainDate): boolean {
  const { year, month, day } = date;
  return (
    [year, month, day].every(Number.isInteger) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function comparePlainDates(a: PlainDate, b: PlainDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** "2018-01-05". */
export function formatIsoDate(date: PlainDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthFromName(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return undefined;
  const index = monthNames.findIndex(
    (month) => month.startsWith(lower) || (lower === 'sept' && month === 'september'),
  );
  return index >= 0 ? index + 1 : undefined;
}

function dateOrInvalid(date: PlainDate, text: string): ParsedDate {
  return isValidPlainDate(date)
    ? { kind: 'date', date }
    : { kind: 'invalid', reason: `No such date: "${text}"` };
}

/**
 * Reads a date as suppliers print it: ISO "2018-01-05", numeric "05/01/2018" (also with "." or "-"), and English
 * month names ("5 January 2018", "Jan 5, 2018"). A numeric date that reads as two real dates is ambiguous unless a
 * hint gives the order. Two-digit years are refused: the century would be a guess.
 */
export function parseDate(text: string, hint?: DateLocaleHint): ParsedDate {
  const trimmed = text.trim();
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(trimmed);
  if (iso) {
    return dateOrInvalid({ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }, text);
  }
  const dayName = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+\.?)[\s,-]+(\d{4})$/.exec(trimmed);
  const nameDay = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(trimmed);
  if (dayName || nameDay) {
    const [day, name, year] = dayName
      ? [dayName[1], dayName[2], dayName[3]]
      : [nameDay?.[2], nameDay?.[1], nameDay?.[3]];
    const month = monthFromName(name ?? '');
    if (month === undefined) return { kind: 'invalid', reason: `Unknown month name in "${text}"` };
    return dateOrInvalid({ year: Number(year), month, day: Number(day) }, text);
  }
  const numeric = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(trimmed);
  if (!numeric) return { kind: 'invalid', reason: `Not a date: "${text}"` };
  const [, first, , second, yearText = ''] = numeric;
  if (yearText.length !== 4)
    return { kind: 'invalid', reason: `Two-digit year in "${text}"; the century is unknown.` };
  const year = Number(yearText);
  const dayFirst: PlainDate = { year, month: Number(second), day: Number(first) };
  const monthFirst: PlainDate = { year, month: Number(first), day: Number(second) };
  if (hint?.dateOrder === 'day-first') return dateOrInvalid(dayFirst, text);
  if (hint?.dateOrder === 'month-first') return dateOrInvalid(monthFirst, text);
  if (hint?.dateOrder === 'year-first')
    return { kind: 'invalid', reason: `"${text}" does not start with a year.` };
  const readings = [dayFirst, monthFirst].filter(isValidPlainDate);
  const [only] = readings;
  if (!only) return { kind: 'invalid', reason: `No such date in either order: "${text}"` };
  if (readings.length === 1 || comparePlainDates(dayFirst, monthFirst) === 0)
    return { kind: 'date', date: only };
  return {
    kind: 'ambiguous',
    readings,
    reason: `"${text}" is ${formatIsoDate(dayFirst)} day-first and ${formatIsoDate(monthFirst)} month-first.`,
  };
}

import { formatIsoDate, type PlainDate } from '../calendar-date';

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, also known as Meeus/Jones/Butcher). */
export function easterSunday(year: number): PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

function toDayNumber(date: PlainDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

function fromDayNumber(dayNumber: number): PlainDate {
  const date = new Date(dayNumber * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addCalendarDays(date: PlainDate, days: number): PlainDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: PlainDate): number {
  return new Date(toDayNumber(date) * 86_400_000).getUTCDay();
}

export interface PublicHoliday {
  /** ISO date the holiday is observed on. */
  readonly date: string;
  readonly name: string;
}

const fixedSouthAfricanHolidays: readonly [number, number, string][] = [
  [1, 1, "New Year's Day"],
  [3, 21, 'Human Rights Day'],
  [4, 27, 'Freedom Day'],
  [5, 1, "Workers' Day"],
  [6, 16, 'Youth Day'],
  [8, 9, "National Women's Day"],
  [9, 24, 'Heritage Day'],
  [12, 16, 'Day of Reconciliation'],
  [12, 25, 'Christmas Day'],
  [12, 26, 'Day of Goodwill'],
];

/**
 * South Africa's public holidays of a year (Public Holidays Act 36 of 1994), computed: the fixed dates, Good Friday
 * and Family Day from Easter, and a holiday falling on a Sunday observed on the Monday. When Christmas falls on a
 * Sunday the Monday is already the Day of Goodwill, and the President has declared the Tuesday instead (2016, 2022);
 * that is applied as the rule. Ad hoc declarations (election days) are not computable: pass them as extra holidays.
 */
export function southAfricanPublicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const holidays: { date: PlainDate; name: string }[] = [
    ...fixedSouthAfricanHolidays.map(([month, day, name]) => ({ date: { year, month, day }, name })),
    { date: addCalendarDays(easter, -2), name: 'Good Friday' },
    { date: addCalendarDays(easter, 1), name: 'Family Day' },
  ];
  const taken = new Set(holidays.map((holiday) => toDayNumber(holiday.date)));
  const observed = holidays.flatMap((holiday) => {
    if (dayOfWeek(holiday.date) !== 0) return [];
    let day = toDayNumber(holiday.date) + 1;
    while (taken.has(day)) day += 1;
    taken.add(day);
    return [{ date: fromDayNumber(day), name: `${holiday.name} (observed)` }];
  });
  return [...holidays, ...observed]
    .sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date))
    .map((holiday) => ({ date: formatIsoDate(holiday.date), name: holiday.name }));
}

/** Which days count as business days, and in which time zone days are counted. */
export interface BusinessCalendar {
  readonly timeZone: string;
  isHoliday(date: PlainDate): boolean;
}

/** Monday to Friday in `timeZone`, without South Africa's public holidays and any `extraHolidays` (ISO dates). */
export function southAfricanBusinessCalendar(
  timeZone = 'Africa/Johannesburg',
  extraHolidays: readonly string[] = [],
): BusinessCalendar {
  const extra = new Set(extraHolidays);
  return {
    timeZone,
    isHoliday(date) {
      const iso = formatIsoDate(date);
      return extra.has(iso) || southAfricanPublicHolidays(date.year).some((holiday) => holiday.date === iso);
    },
  };
}

export function isBusinessDay(date: PlainDate, calendar: BusinessCalendar): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !calendar.isHoliday(date);
}

interface LocalDateTime extends PlainDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function localDateTime(instantMs: number, timeZone: string): LocalDateTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const local = localDateTime(instantMs, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

function instantOf(local: LocalDateTime, milliseconds: number, timeZone: string): number {
  const asUtc =
    Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) + milliseconds;
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  // A second pass settles instants near an offset change (daylight saving, where a zone has it).
  return asUtc - zoneOffsetMs(first, timeZone);
}

/**
 * The instant `days` business days after `instantMs`, at the same local time of day in the calendar's zone.
 * Counting starts from the local date of the instant, so Friday 15:00 + 1 is Monday 15:00 (Tuesday when the Monday
 * is a holiday) and Saturday 10:00 + 1 is Monday 10:00.
 */
export function addBusinessDays(instantMs: number, days: number, calendar: BusinessCalendar): number {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number >= 0, got ${days}`);
  const local = localDateTime(instantMs, calendar.timeZone);
  let date: PlainDate = local;
  for (let remaining = days; remaining > 0;) {
    date = addCalendarDays(date, 1);
    if (isBusinessDay(date, calendar)) remaining -= 1;
  }
  return instantOf({ ...local, ...date }, instantMs % 1000, calendar.timeZone);
}

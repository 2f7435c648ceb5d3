import {
  addBusinessDays,
  easterSunday,
  isBusinessDay,
  southAfricanBusinessCalendar,
  southAfricanPublicHolidays,
} from './business-days';

const calendar = southAfricanBusinessCalendar();
const sast = (local: string) => Date.parse(`${local}+02:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('Easter and South African public holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, date) => {
    const e = easterSunday(year);
    expect(`${e.year}-${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`).toBe(date);
  });

  it('lists 2026 with Good Friday, Family Day and Sunday holidays moved to Monday', () => {
    expect(southAfricanPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-03-21', name: 'Human Rights Day' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Family Day' },
      { date: '2026-04-27', name: 'Freedom Day' },
      { date: '2026-05-01', name: "Workers' Day" },
      { date: '2026-06-16', name: 'Youth Day' },
      { date: '2026-08-09', name: "National Women's Day" },
      { date: '2026-08-10', name: "National Women's Day (observed)" },
      { date: '2026-09-24', name: 'Heritage Day' },
      { date: '2026-12-16', name: 'Day of Reconciliation' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Day of Goodwill' },
    ]);
  });

  it('Christmas on a Sunday is observed on the Tuesday, as declared in 2016 and 2022', () => {
    const dates = southAfricanPublicHolidays(2022).map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2022-12-25', '2022-12-26', '2022-12-27']));
    expect(southAfricanPublicHolidays(2016).map((h) => h.date)).toContain('2016-12-27');
    // 1 January 2023 was a Sunday: Monday 2 January was the holiday.
    expect(southAfricanPublicHolidays(2023).map((h) => h.date)).toContain('2023-01-02');
  });

  it('a Sunday holiday is observed on the Monday; a Saturday one is not moved', () => {
    // 21 March 2021 was a Sunday; 1 May 2021 a Saturday; 27 April 2025 a Sunday.
    const y2021 = southAfricanPublicHolidays(2021).map((h) => h.date);
    expect(y2021).toEqual(expect.arrayContaining(['2021-03-21', '2021-03-22', '2021-05-01']));
    expect(y2021).not.toContain('2021-05-03');
    expect(southAfricanPublicHolidays(2025).map((h) => h.date)).toContain('2025-04-28');
  });

  it('knows weekends, holidays and extra declared days', () => {
    expect(isBusinessDay({ year: 2026, month: 12, day: 4 }, calendar)).toBe(true); // Friday
    expect(isBusinessDay({ year: 2026, month: 12, day: 5 }, calendar)).toBe(false); // Saturday
    expect(isBusinessDay({ year: 2026, month: 12, day: 16 }, calendar)).toBe(false); // Reconciliation
    const withElection = southAfricanBusinessCalendar('Africa/Johannesburg', ['2024-05-29']);
    expect(isBusinessDay({ year: 2024, month: 5, day: 29 }, withElection)).toBe(false);
    expect(isBusinessDay({ year: 2024, month: 5, day: 29 }, calendar)).toBe(true);
  });
});

describe('addBusinessDays', () => {
  it('skips the weekend: Friday 15:00 + 1 is Monday 15:00 (Johannesburg time)', () => {
    expect(iso(addBusinessDays(sast('2026-12-04T15:00:00'), 1, calendar))).toBe('2026-12-07T13:00:00.000Z');
  });

  it('counts in the organisation’s zone: 23:30 UTC Thursday is already Friday in Johannesburg', () => {
    // 2026-12-03T23:30Z = Friday 01:30 SAST; + 1 business day = Monday 01:30 SAST.
    expect(iso(addBusinessDays(Date.parse('2026-12-03T23:30:00Z'), 1, calendar))).toBe(
      '2026-12-06T23:30:00.000Z',
    );
  });

  it('skips Easter: Thursday before Good Friday + 1 is the Tuesday after Family Day', () => {
    expect(iso(addBusinessDays(sast('2026-04-02T09:00:00'), 1, calendar))).toBe('2026-04-07T07:00:00.000Z');
  });

  it('skips Christmas, the Day of Goodwill and the weekend', () => {
    // Thursday 24 Dec 2026 + 1 = Monday 28 Dec (25 Fri holiday, 26 Sat, 27 Sun).
    expect(iso(addBusinessDays(sast('2026-12-24T12:00:00'), 1, calendar))).toBe('2026-12-28T10:00:00.000Z');
  });

  it('skips a Sunday holiday observed on Monday', () => {
    // Friday 7 Aug 2026 + 1: 9 Aug is a Sunday, so Monday 10 Aug is off: Tuesday 11 Aug.
    expect(iso(addBusinessDays(sast('2026-08-07T08:00:00'), 1, calendar))).toBe('2026-08-11T06:00:00.000Z');
  });

  it('a Saturday start counts from Monday; zero days is the same instant', () => {
    expect(iso(addBusinessDays(sast('2026-12-05T10:00:00'), 1, calendar))).toBe('2026-12-07T08:00:00.000Z');
    expect(addBusinessDays(sast('2026-12-05T10:00:00'), 0, calendar)).toBe(sast('2026-12-05T10:00:00'));
  });

  it('several business days across a weekend and a holiday', () => {
    // Monday 14 Dec 2026 + 4: Tue 15, (Wed 16 holiday), Thu 17, Fri 18, Mon 21.
    expect(iso(addBusinessDays(sast('2026-12-14T10:00:00'), 4, calendar))).toBe('2026-12-21T08:00:00.000Z');
  });

  it('keeps the local time across a daylight-saving change in another zone', () => {
    const london = southAfricanBusinessCalendar('Europe/London');
    // Friday 27 March 2026 09:00 GMT + 1 business day = Monday 30 March 09:00 BST (08:00Z).
    expect(iso(addBusinessDays(Date.parse('2026-03-27T09:00:00Z'), 1, london))).toBe(
      '2026-03-30T08:00:00.000Z',
    );
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addBusinessDays(0, -1, calendar)).toThrow(RangeError);
    expect(() => addBusinessDays(0, 1.5, calendar)).toThrow(RangeError);
  });
});

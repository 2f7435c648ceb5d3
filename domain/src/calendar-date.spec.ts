import { comparePlainDates, formatIsoDate, isValidPlainDate, parseDate } from './calendar-date';

describe('parseDate', () => {
  it('reads 05/01/2018 as 5 January day-first and 1 May month-first', () => {
    expect(parseDate('05/01/2018', { dateOrder: 'day-first' })).toEqual({
      kind: 'date',
      date: { year: 2018, month: 1, day: 5 },
    });
    expect(parseDate('05/01/2018', { dateOrder: 'month-first' })).toEqual({
      kind: 'date',
      date: { year: 2018, month: 5, day: 1 },
    });
  });

  it('flags a date that reads two ways as ambiguous when the order is unknown', () => {
    const parsed = parseDate('05/01/2018');
    expect(parsed.kind).toBe('ambiguous');
    expect(parsed.kind === 'ambiguous' && parsed.readings).toEqual([
      { year: 2018, month: 1, day: 5 },
      { year: 2018, month: 5, day: 1 },
    ]);
  });

  it('reads unambiguous dates without a hint', () => {
    expect(parseDate('2018-01-05')).toEqual({ kind: 'date', date: { year: 2018, month: 1, day: 5 } });
    expect(parseDate('25/12/2018')).toEqual({ kind: 'date', date: { year: 2018, month: 12, day: 25 } });
    expect(parseDate('12/25/2018')).toEqual({ kind: 'date', date: { year: 2018, month: 12, day: 25 } });
    expect(parseDate('07.07.2019')).toEqual({ kind: 'date', date: { year: 2019, month: 7, day: 7 } });
    expect(parseDate('5 January 2018')).toEqual({ kind: 'date', date: { year: 2018, month: 1, day: 5 } });
    expect(parseDate('Jan 5, 2018')).toEqual({ kind: 'date', date: { year: 2018, month: 1, day: 5 } });
    expect(parseDate('29-Feb-2020')).toEqual({ kind: 'date', date: { year: 2020, month: 2, day: 29 } });
  });

  it('uses the hint when given, and refuses what the hint makes impossible', () => {
    expect(parseDate('12/25/2018', { dateOrder: 'day-first' }).kind).toBe('invalid');
    expect(parseDate('2018-01-05', { dateOrder: 'day-first' }).kind).toBe('date');
  });

  it.each(['31/02/2018', '29/02/2019', '2018-13-01', '05/01/18', 'tomorrow', '5 Foo 2018', '2018-1-32'])(
    'refuses %j',
    (text) => {
      expect(parseDate(text).kind).toBe('invalid');
    },
  );
});

describe('plain dates', () => {
  it('validates, compares and formats without Date objects', () => {
    expect(isValidPlainDate({ year: 2000, month: 2, day: 29 })).toBe(true);
    expect(isValidPlainDate({ year: 1900, month: 2, day: 29 })).toBe(false);
    expect(
      comparePlainDates({ year: 2018, month: 1, day: 5 }, { year: 2018, month: 5, day: 1 }),
    ).toBeLessThan(0);
    expect(formatIsoDate({ year: 987, month: 3, day: 4 })).toBe('0987-03-04');
  });
});

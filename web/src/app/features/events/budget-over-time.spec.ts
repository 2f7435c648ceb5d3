import { actualOverTimeSeries, monthLabel } from './budget-over-time';

const zar = (amount: string) => ({ amount, currency: 'ZAR', minorUnits: 2 });

describe('actual over time', () => {
  it('names months the way people read them', () => {
    expect(monthLabel('2026-03')).toBe('Mar 2026');
    expect(monthLabel('2025-12')).toBe('Dec 2025');
    expect(monthLabel('not a month')).toBe('not a month');
  });

  it('draws the running actual against the budget as a flat line, month by month', () => {
    const series = actualOverTimeSeries(
      [
        { month: '2026-01', cumulativeActual: zar('1000.00') },
        { month: '2026-03', cumulativeActual: zar('52500.50') },
      ],
      zar('50000.00'),
    );
    expect(series).toEqual([
      {
        name: 'Budget',
        series: [
          { name: 'Jan 2026', value: 50000 },
          { name: 'Mar 2026', value: 50000 },
        ],
      },
      {
        name: 'Actual to date',
        series: [
          { name: 'Jan 2026', value: 1000 },
          { name: 'Mar 2026', value: 52500.5 },
        ],
      },
    ]);
  });

  it('draws nothing before anything was posted', () => {
    expect(actualOverTimeSeries([], zar('50000.00'))).toEqual([]);
  });
});

import type { MoneyValue } from '../../shared/money';

export interface MonthlyActual {
  readonly month: string;
  readonly cumulativeActual: MoneyValue;
}

export interface LineSeries {
  readonly name: string;
  readonly series: readonly { readonly name: string; readonly value: number }[];
}

const monthFormat = new Intl.DateTimeFormat('en-ZA', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-03" → "Mar 2026". */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null) return month;
  return monthFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/**
 * The running actual month by month against the budget as a flat line: where the money went over time and whether
 * it crossed the budget. As in the bar charts, only the line heights are binary numbers; the figures printed beside
 * the chart are exact.
 */
export function actualOverTimeSeries(months: readonly MonthlyActual[], budget: MoneyValue): LineSeries[] {
  if (months.length === 0) return [];
  const points = months.map((month) => ({ label: monthLabel(month.month), actual: month.cumulativeActual }));
  return [
    { name: 'Budget', series: points.map((point) => ({ name: point.label, value: Number(budget.amount) })) },
    {
      name: 'Actual to date',
      series: points.map((point) => ({ name: point.label, value: Number(point.actual.amount) })),
    },
  ];
}

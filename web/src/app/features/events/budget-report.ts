import { Money } from '@eventvault/domain';

import type { MoneyValue } from '../../shared/money-format';

export interface BudgetReportLine {
  readonly code: string;
  readonly description: string;
  readonly category: string;
  readonly budget: MoneyValue;
  readonly actual: MoneyValue;
  readonly remaining: MoneyValue;
}

/** The budget vs actual fields the event page asks for (budgetVsActual of the EventBudget query). */
export interface BudgetVsActualFigures {
  readonly lines: readonly {
    readonly budgetLineId: string;
    readonly code: string;
    readonly description: string;
    readonly categoryId: string;
    readonly budget: MoneyValue;
    readonly actual: MoneyValue;
    readonly remaining: MoneyValue;
  }[];
  readonly categories: readonly { readonly categoryId: string; readonly categoryName: string }[];
}

/** The rows of the per-line table as the event page shows them: the API's amounts, the category by its name. */
export function budgetReportLines(figures: BudgetVsActualFigures): BudgetReportLine[] {
  const categoryNames = new Map(
    figures.categories.map((category) => [category.categoryId, category.categoryName]),
  );
  return figures.lines.map((line) => ({
    code: line.code,
    description: line.description,
    category: categoryNames.get(line.categoryId) ?? '',
    budget: line.budget,
    actual: line.actual,
    remaining: line.remaining,
  }));
}

export interface BudgetReportTotals {
  readonly budget: MoneyValue;
  readonly actual: MoneyValue;
  readonly remaining: MoneyValue;
}

function toValue(money: Money): MoneyValue {
  const json = money.toJSON();
  return { amount: json.amount, currency: json.currency, minorUnits: money.currency.minorUnits };
}

function sum(values: readonly MoneyValue[], currency: string): MoneyValue {
  return toValue(
    Money.sum(
      values.map((value) => Money.of(value.amount, value.currency)),
      currency,
    ),
  );
}

/**
 * The totals under a table, summed exactly from the very amounts the rows show, so the footer always equals the sum
 * of the lines above it.
 */
export function reportTotals(lines: readonly BudgetReportLine[], currency: string): BudgetReportTotals {
  return {
    budget: sum(
      lines.map((line) => line.budget),
      currency,
    ),
    actual: sum(
      lines.map((line) => line.actual),
      currency,
    ),
    remaining: sum(
      lines.map((line) => line.remaining),
      currency,
    ),
  };
}

function csvCell(value: string): string {
  // A leading =, +, - or @ would make a spreadsheet run the cell as a formula: quote-prefix text cells that start so.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Budget vs actual as CSV for a spreadsheet: exact decimal amounts with a point (what accounting imports expect),
 * the currency in its own column, and a total row equal to the sum of the lines. UTF-8 with a BOM so Excel reads
 * names with accents correctly.
 */
export function budgetVsActualCsv(lines: readonly BudgetReportLine[], currency: string): string {
  const header = ['Code', 'Description', 'Category', 'Currency', 'Budget', 'Actual', 'Remaining'];
  const rows = lines.map((line) => [
    line.code,
    line.description,
    line.category,
    currency,
    line.budget.amount,
    line.actual.amount,
    line.remaining.amount,
  ]);
  const totals = reportTotals(lines, currency);
  rows.push(['', 'Total', '', currency, totals.budget.amount, totals.actual.amount, totals.remaining.amount]);
  return `\ufeff${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export interface ChartGroup {
  readonly name: string;
  readonly series: readonly { readonly name: string; readonly value: number }[];
}

/**
 * Bars for the charts. Only the bar heights use binary numbers (a chart cannot draw a decimal string); every figure
 * printed beside a chart is the exact amount.
 */
export function budgetActualGroups(
  items: readonly { readonly name: string; readonly budget: MoneyValue; readonly actual: MoneyValue }[],
): ChartGroup[] {
  return items.map((item) => ({
    name: item.name,
    series: [
      { name: 'Budget', value: Number(item.budget.amount) },
      { name: 'Actual', value: Number(item.actual.amount) },
    ],
  }));
}

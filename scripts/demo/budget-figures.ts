import { ExactDecimal } from '../../domain/src';
import { EventBudgetDocument, type EventBudgetQuery } from '../../web/src/app/core/api/generated/graphql';
import {
  type BudgetReportLine,
  budgetReportLines,
  reportTotals,
} from '../../web/src/app/features/events/budget-report';
import { formatMoney } from '../../web/src/app/shared/money-format';
import { type ApiUser } from '../testing/api-user';

/**
 * Budget vs actual exactly as the web app's event page gets and shows it: the page's own EventBudget query (the
 * document the web app sends, generated from web/src/app/features/events/events.graphql.ts), its rows
 * (budgetReportLines) and totals (reportTotals), and its money format.
 */
export interface EventFigures {
  readonly currency: string;
  /** The page's per-line table, with each row's budget line id. */
  readonly rows: readonly (BudgetReportLine & { readonly budgetLineId: string })[];
}

export async function eventFigures(user: ApiUser, eventId: string): Promise<EventFigures> {
  const data = await user.data<EventBudgetQuery>(EventBudgetDocument.toString(), { eventId });
  const rows = budgetReportLines(data.budgetVsActual);
  return {
    currency: data.budget.currency,
    rows: rows.map((row, index) => ({
      ...row,
      budgetLineId: data.budgetVsActual.lines[index]?.budgetLineId ?? '',
    })),
  };
}

/**
 * The rows of the given budget lines as a table of exact decimals (actual before → now), a total row that is the sum
 * of the rows printed, and the event page's own headline totals as it displays them.
 */
export function budgetTable(
  figures: EventFigures,
  budgetLineIds: readonly string[],
  actualBefore: ReadonlyMap<string, string>,
): string[] {
  const rows = figures.rows.filter((row) => budgetLineIds.includes(row.budgetLineId));
  const before = (row: EventFigures['rows'][number]) =>
    actualBefore.get(row.budgetLineId) ?? row.actual.amount;
  const beforeTotal = rows.reduce((sum, row) => sum.plus(before(row)), new ExactDecimal(0));
  const shown = reportTotals(rows, figures.currency);
  const widths = [8, 40, 14, 14, 14, 14];
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const digits = shown.actual.minorUnits;
  const table = [
    line(['code', 'description', 'budget', 'actual before', 'actual now', 'remaining']),
    ...rows.map((row) =>
      line([
        row.code,
        row.description.slice(0, 40),
        row.budget.amount,
        new ExactDecimal(before(row)).toFixed(digits),
        row.actual.amount,
        row.remaining.amount,
      ]),
    ),
    line([
      '',
      `total of ${rows.length === 1 ? 'this line' : `these ${rows.length} lines`} (${figures.currency})`,
      shown.budget.amount,
      beforeTotal.toFixed(digits),
      shown.actual.amount,
      shown.remaining.amount,
    ]),
  ];
  const event = reportTotals(figures.rows, figures.currency);
  return [
    ...table,
    `On the event page (all ${figures.rows.length} lines): budget ${formatMoney(event.budget)} · actual ` +
      `${formatMoney(event.actual)} · remaining ${formatMoney(event.remaining)}`,
  ];
}

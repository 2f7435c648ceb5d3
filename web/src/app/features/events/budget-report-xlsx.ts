import { moneyFormatFor, xlsxWorkbook } from '../../shared/xlsx/xlsx-workbook';
import { type BudgetReportLine, reportTotals } from './budget-report';

/**
 * Budget vs actual as an Excel workbook: amounts are numeric cells holding the exact decimals (formatted with the
 * currency's minor units), names are text cells that are never evaluated, and the total row equals the sum of the
 * lines as shown, like the CSV export.
 */
export function budgetVsActualXlsx(
  eventName: string,
  lines: readonly BudgetReportLine[],
  currency: string,
  minorUnits: number,
): Uint8Array {
  const money = (amount: string) => ({ decimal: amount, format: 'money' as const });
  const text = (value: string) => ({ text: value });
  const totals = reportTotals(lines, currency);
  return xlsxWorkbook({
    name: eventName,
    columnWidths: [12, 40, 20, 18, 18, 18],
    moneyFormat: moneyFormatFor(minorUnits, currency),
    rows: [
      { bold: true, cells: ['Code', 'Description', 'Category', 'Budget', 'Actual', 'Remaining'].map(text) },
      ...lines.map((line) => ({
        cells: [
          text(line.code),
          text(line.description),
          text(line.category),
          money(line.budget.amount),
          money(line.actual.amount),
          money(line.remaining.amount),
        ],
      })),
      {
        bold: true,
        cells: [
          null,
          text('Total'),
          null,
          money(totals.budget.amount),
          money(totals.actual.amount),
          money(totals.remaining.amount),
        ],
      },
    ],
  });
}

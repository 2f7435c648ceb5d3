import { budgetReportLines, budgetVsActualCsv, reportTotals, type BudgetReportLine } from './budget-report';

const zar = (amount: string) => ({ amount, currency: 'ZAR', minorUnits: 2 });

function line(
  code: string,
  budget: string,
  actual: string,
  remaining: string,
  description = 'Stage',
): BudgetReportLine {
  return {
    code,
    description,
    category: 'Production',
    budget: zar(budget),
    actual: zar(actual),
    remaining: zar(remaining),
  };
}

describe('budget report', () => {
  it('shows each line of budgetVsActual with the API’s very amounts and its category by name', () => {
    const rows = budgetReportLines({
      lines: [
        {
          budgetLineId: 'l1',
          code: 'SND-01',
          description: 'Main stage PA',
          categoryId: 'c1',
          budget: zar('309294.20'),
          actual: zar('115230.00'),
          remaining: zar('194064.20'),
        },
        {
          budgetLineId: 'l2',
          code: 'X-01',
          description: 'Uncategorised',
          categoryId: 'gone',
          budget: zar('1.00'),
          actual: zar('0.00'),
          remaining: zar('1.00'),
        },
      ],
      categories: [{ categoryId: 'c1', categoryName: 'Sound' }],
    });
    expect(rows).toEqual([
      { ...line('SND-01', '309294.20', '115230.00', '194064.20', 'Main stage PA'), category: 'Sound' },
      { ...line('X-01', '1.00', '0.00', '1.00', 'Uncategorised'), category: '' },
    ]);
  });

  it('totals exactly what the lines show, with no binary rounding', () => {
    const lines = [
      line('A', '0.10', '0.20', '-0.10'),
      line('B', '0.20', '0.10', '0.10'),
      line('C', '0.01', '0.00', '0.01'),
    ];
    expect(reportTotals(lines, 'ZAR')).toEqual({
      budget: zar('0.31'),
      actual: zar('0.30'),
      remaining: zar('0.01'),
    });
  });

  it('writes CSV with exact amounts, a total row equal to the sum, and quoted or defused text', () => {
    const csv = budgetVsActualCsv(
      [
        line('PRD-010', '125000.00', '98000.50', '26999.50', 'Stage, lights "and" sound'),
        line('MKT-001', '1000.00', '1200.00', '-200.00', '=HYPERLINK("x")'),
      ],
      'ZAR',
    );
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Code,Description,Category,Currency,Budget,Actual,Remaining',
      'PRD-010,"Stage, lights ""and"" sound",Production,ZAR,125000.00,98000.50,26999.50',
      `MKT-001,"'=HYPERLINK(""x"")",Production,ZAR,1000.00,1200.00,-200.00`,
      ',Total,,ZAR,126000.00,99200.50,26799.50',
      '',
    ]);
  });
});

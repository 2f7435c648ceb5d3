/**
 * The budget workbook read back by an independent reader (Python's zipfile and XML parser), as a spreadsheet
 * program would open it: a valid archive, the parts Excel needs, and the exact amounts.
 */
import { execFileSync } from 'node:child_process';

import { budgetVsActualXlsx } from '../src/app/features/events/budget-report-xlsx';
import type { BudgetReportLine } from '../src/app/features/events/budget-report';
import { crc32 } from '../src/app/shared/xlsx/zip-archive';

const zar = (amount: string) => ({ amount, currency: 'ZAR', minorUnits: 2 });

const lines: BudgetReportLine[] = [
  {
    code: 'AV-01',
    description: 'Sound & lights <main stage>',
    category: 'Production',
    budget: zar('123456789012345678.91'),
    actual: zar('0.10'),
    remaining: zar('123456789012345678.81'),
  },
  {
    code: 'CT-02',
    description: '=HYPERLINK("http://evil.example")',
    category: 'Catering',
    budget: zar('0.20'),
    actual: zar('0.20'),
    remaining: zar('0.00'),
  },
];

const reader = `
import io, json, sys, zipfile
import xml.etree.ElementTree as ET
data = sys.stdin.buffer.read()
archive = zipfile.ZipFile(io.BytesIO(data))
bad = archive.testzip()
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
sheet = ET.fromstring(archive.read('xl/worksheets/sheet1.xml'))
rows = []
for row in sheet.find('m:sheetData', ns):
    cells = {}
    for cell in row:
        value = cell.find('m:v', ns)
        text = cell.find('m:is/m:t', ns)
        cells[cell.get('r')] = {'type': cell.get('t'), 'value': value.text if value is not None else text.text}
    rows.append(cells)
workbook = ET.fromstring(archive.read('xl/workbook.xml'))
print(json.dumps({'bad': bad, 'names': archive.namelist(), 'rows': rows,
  'sheet': workbook.find('m:sheets/m:sheet', ns).get('name')}))
`;

interface ReadBack {
  readonly bad: string | null;
  readonly names: string[];
  readonly sheet: string;
  readonly rows: Record<string, { type: string | null; value: string }>[];
}

describe('the budget vs actual workbook', () => {
  it('computes CRC-32 as ZIP defines it (the standard check value)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('opens as a valid xlsx with exact amounts, text left unevaluated and a total equal to the lines', () => {
    const bytes = budgetVsActualXlsx('Karoo Sessions 2026: main/stage', lines, 'ZAR', 2);
    const read = JSON.parse(
      execFileSync('python3', ['-c', reader], { input: Buffer.from(bytes), encoding: 'utf8' }),
    ) as ReadBack;

    expect(read.bad).toBeNull();
    expect(read.names).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
        'xl/styles.xml',
      ]),
    );
    expect(read.sheet).toBe('Karoo Sessions 2026  main stage');
    expect(read.rows).toHaveLength(4);
    expect(read.rows[1]?.['B2']).toEqual({ type: 'inlineStr', value: 'Sound & lights <main stage>' });
    expect(read.rows[1]?.['D2']).toEqual({ type: null, value: '123456789012345678.91' });
    expect(read.rows[2]?.['B3']).toEqual({ type: 'inlineStr', value: '=HYPERLINK("http://evil.example")' });
    expect(read.rows[3]?.['B4']?.value).toBe('Total');
    expect(read.rows[3]?.['D4']?.value).toBe('123456789012345679.11');
    expect(read.rows[3]?.['E4']?.value).toBe('0.30');
    expect(read.rows[3]?.['F4']?.value).toBe('123456789012345678.81');
  });

  it('refuses an amount that is not an exact decimal rather than writing something else', () => {
    const broken = [{ ...lines[0], budget: zar('1e3') } as BudgetReportLine];
    expect(() => budgetVsActualXlsx('Event', broken, 'ZAR', 2)).toThrow(/decimal/);
  });
});

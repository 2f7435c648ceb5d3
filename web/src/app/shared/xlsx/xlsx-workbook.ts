import { zipArchive } from './zip-archive';

/** A cell: text, or an exact decimal written as the very digits given (never through a binary float). */
export type XlsxCell =
  { readonly text: string } | { readonly decimal: string; readonly format: 'money' } | null;

export interface XlsxRow {
  readonly cells: readonly XlsxCell[];
  /** Header and total rows are bold. */
  readonly bold?: boolean;
}

export interface XlsxSheet {
  readonly name: string;
  readonly columnWidths: readonly number[];
  readonly rows: readonly XlsxRow[];
  /** Excel's number format for money cells, e.g. `#,##0.00` for two minor units. */
  readonly moneyFormat: string;
}

const exactDecimal = /^-?\d+(\.\d+)?$/;

function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** Style ids in styles.xml below: 0 plain, 1 bold, 2 money, 3 bold money. */
function styleOf(cell: NonNullable<XlsxCell>, bold: boolean): number {
  if ('decimal' in cell) return bold ? 3 : 2;
  return bold ? 1 : 0;
}

function cellXml(cell: XlsxCell, reference: string, bold: boolean): string {
  if (cell === null) return '';
  const style = styleOf(cell, bold);
  if ('decimal' in cell) {
    if (!exactDecimal.test(cell.decimal))
      throw new Error(`Not an exact decimal: ${JSON.stringify(cell.decimal)}`);
    return `<c r="${reference}" s="${style}"><v>${cell.decimal}</v></c>`;
  }
  // Inline strings: a spreadsheet never evaluates them, so a leading "=" stays text.
  return `<c r="${reference}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.text)}</t></is></c>`;
}

function sheetXml(sheet: XlsxSheet): string {
  const columns = sheet.columnWidths
    .map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`)
    .join('');
  const rows = sheet.rows
    .map((row, rowIndex) => {
      const cells = row.cells
        .map((cell, columnIndex) =>
          cellXml(cell, `${columnName(columnIndex)}${rowIndex + 1}`, row.bold === true),
        )
        .join('');
      return `<row r="${rowIndex + 1}">${cells}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols>${columns}</cols><sheetData>${rows}</sheetData></worksheet>`
  );
}

function stylesXml(moneyFormat: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="${escapeXml(moneyFormat)}"/></numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
    '</cellXfs></styleSheet>'
  );
}

/** Sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').trim();
  return (cleaned === '' ? 'Sheet1' : cleaned).slice(0, 31);
}

/** A one-sheet Office Open XML workbook (.xlsx). */
export function xlsxWorkbook(sheet: XlsxSheet): Uint8Array {
  const encoder = new TextEncoder();
  const file = (name: string, xml: string) => ({ name, data: encoder.encode(xml) });
  const xmlHeader = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  return zipArchive([
    file(
      '[Content_Types].xml',
      `${xmlHeader}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ),
    file(
      '_rels/.rels',
      `${xmlHeader}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
    file(
      'xl/workbook.xml',
      `${xmlHeader}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        `<sheets><sheet name="${escapeXml(sheetName(sheet.name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    file(
      'xl/_rels/workbook.xml.rels',
      `${xmlHeader}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '</Relationships>',
    ),
    file('xl/worksheets/sheet1.xml', sheetXml(sheet)),
    file('xl/styles.xml', stylesXml(sheet.moneyFormat)),
  ]);
}

/** `#,##0.00` for two minor units, `#,##0` for none, `#,##0.000` for three. */
export function moneyFormatFor(minorUnits: number, currency: string): string {
  const fraction = minorUnits > 0 ? `.${'0'.repeat(minorUnits)}` : '';
  return `#,##0${fraction} "${currency}";-#,##0${fraction} "${currency}"`;
}

import { type DecimalSeparator, type ExtractedInvoiceLine, ExactDecimal } from '@eventvault/domain';
import { type DocumentLine, findLabels, labelTable } from './document-lines';
import { amountLabels } from './invoice-labels';
import { findAmounts, fold } from './text-values';

const headerWords = [
  'description',
  'item',
  'items',
  'product',
  'article',
  'artikel',
  'designation',
  'omschrijving',
  'bezeichnung',
  'libelle',
  'qty',
  'quantity',
  'quantite',
  'nombre',
  'aantal',
  'menge',
  'price',
  'unit price',
  'rate',
  'prix',
  'prijs',
  'preis',
  'amount',
  'montant',
  'bedrag',
  'betrag',
];

const totalLabels = labelTable(amountLabels);

function isHeader(line: DocumentLine): boolean {
  const words = new Set(line.folded.split(/[^\p{L}]+/u));
  return headerWords.filter((word) => words.has(word)).length >= 2 && findAmounts(line.text).length === 0;
}

/**
 * Line items from the table between a header row (Description / Qty / Price / Amount in any of the languages) and the
 * first totals line: each row with a description and an amount in its last column.
 */
export function findLineItems(
  lines: readonly DocumentLine[],
  decimalSeparator: DecimalSeparator | undefined,
): ExtractedInvoiceLine[] {
  const items: ExtractedInvoiceLine[] = [];
  const header = lines.findIndex(isHeader);
  if (header < 0) return items;
  for (const line of lines.slice(header + 1)) {
    const amounts = findAmounts(line.text, decimalSeparator);
    const labelled = findLabels(line, totalLabels);
    if (labelled.length > 0 && amounts.length > 0 && labelled[0] && labelled[0].start < 30) {
      if (items.length > 0) break;
      continue;
    }
    const last = amounts[amounts.length - 1];
    const first = line.cells[0];
    if (!last || !first || line.cells.length < 2 || last.end < line.text.trimEnd().length - 3) continue;
    if ((first.text.match(/\p{L}/gu) ?? []).length < 2 || first.end > last.start) continue;
    const middle = line.cells.slice(1).filter((cell) => cell.end <= last.start);
    const quantityCell = middle.find((cell) => /^\d+([.,]\d+)?(\s*\p{L}{1,6}\.?)?$/u.test(cell.text));
    const rateCell = middle.find((cell) => /^\d+([.,]\d+)?\s?%$/.test(cell.text));
    const priced = amounts.filter((a) => a.start >= first.end && a !== last);
    const description = fold(first.text).startsWith('total') ? null : first.text;
    if (!description) continue;
    items.push({
      description,
      quantity: quantityCell
        ? new ExactDecimal(quantityCell.text.replace(/[^\d.,]/g, '').replace(',', '.')).toFixed()
        : null,
      unitPrice: priced[0]?.value ?? null,
      vatRate: rateCell
        ? new ExactDecimal(rateCell.text.replace(/[%\s]/g, '').replace(',', '.')).toFixed()
        : null,
      net: last.value,
    });
  }
  return items;
}

/** The sum of the lines' amounts, or null when a line prints none. */
export function lineTotal(items: readonly ExtractedInvoiceLine[]): string | null {
  if (items.length === 0 || items.some((item) => item.net === null)) return null;
  return items.reduce((total, item) => total.plus(item.net ?? '0'), new ExactDecimal(0)).toFixed();
}

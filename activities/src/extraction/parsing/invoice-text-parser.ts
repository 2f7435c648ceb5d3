import {
  currencies,
  type DateOrder,
  type DecimalSeparator,
  ExactDecimal,
  type ExtractedField,
  type ExtractedInvoice,
  type ExtractionMethod,
} from '@eventvault/domain';
import { chooseAmounts, findAmountCandidates } from './amount-fields';
import { detectCurrency, detectLanguage, type DocumentLine, findLabels, splitLines } from './document-lines';
import { dateLabels, invoiceNumberLabels, type Language, otherDateLabels } from './invoice-labels';
import { findLineItems, lineTotal } from './line-items';
import { findSupplierName, findSupplierVatNumber } from './party-fields';
import { type DateToken, findAmounts, findDates, guessDecimalSeparator } from './text-values';

/** What earlier corrections taught about a supplier's documents; each is optional. */
export interface ExtractionHints {
  /** BCP 47 locale of the supplier's documents, e.g. "fr-BE". */
  readonly documentLocale?: string;
  readonly dateOrder?: DateOrder;
  readonly decimalSeparator?: DecimalSeparator;
}

export interface ParseInvoiceOptions {
  readonly hints?: ExtractionHints;
  readonly method?: ExtractionMethod;
  readonly pageCount?: number;
  /** Mean OCR word confidence (0-1) when the text came from OCR: it caps every field's confidence. */
  readonly ocrConfidence?: number;
}

const field = <T>(value: T | null, confidence: number): ExtractedField<T> => ({
  value,
  confidence: value === null ? 0 : Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
});

/**
 * The order of numeric dates: a hint; else what the document's own unambiguous dates show ("20/03/2023" can only be
 * day-first); else what its language or currency settles (French, Dutch, German: day-first; English with US dollars:
 * month-first; English with another currency: day-first). Undefined leaves ambiguous dates flagged.
 */
function settleDateOrder(
  lines: readonly DocumentLine[],
  language: Language | undefined,
  currency: string | null,
  hint: DateOrder | undefined,
): DateOrder | undefined {
  if (hint) return hint;
  let dayFirst = false;
  let monthFirst = false;
  for (const line of lines) {
    for (const token of findDates(line.text)) {
      if (!token.numeric) continue;
      if (token.numeric.first > 12 && token.numeric.second <= 12) dayFirst = true;
      if (token.numeric.second > 12 && token.numeric.first <= 12) monthFirst = true;
    }
  }
  if (dayFirst !== monthFirst) return dayFirst ? 'day-first' : 'month-first';
  if (language === 'fr' || language === 'nl' || language === 'de') return 'day-first';
  if (language === 'en' && currency === 'USD') return 'month-first';
  if (language === 'en' && currency !== null) return 'day-first';
  return undefined;
}

interface DateFinding {
  readonly issue: { token: DateToken; confidence: number } | null;
  readonly due: { token: DateToken; confidence: number } | null;
}

const dateLabelTable = [
  ...dateLabels.dueDate.map((label): [string, 'due' | 'issue' | 'other'] => [label, 'due']),
  ...dateLabels.issueDate.map((label): [string, 'due' | 'issue' | 'other'] => [label, 'issue']),
  ...otherDateLabels.map((label): [string, 'due' | 'issue' | 'other'] => [label, 'other']),
];

function findDateFields(
  lines: readonly DocumentLine[],
  order: DateOrder | undefined,
  numberLine: number | null,
): DateFinding {
  let issue: DateFinding['issue'] = null;
  let due: DateFinding['due'] = null;
  lines.forEach((line, index) => {
    const labels = findLabels(line, dateLabelTable);
    const dates = findDates(line.text, order);
    labels.forEach((hit, hitIndex) => {
      if (hit.field === 'other') return;
      const until = labels[hitIndex + 1]?.start ?? line.text.length;
      let token = dates.find((d) => d.start >= hit.end && d.start < until);
      let confidence = hit.label.length > 5 ? 0.85 : 0.75;
      if (!token && !dates.some((d) => d.start >= hit.end)) {
        // The value under the label, in the same column of the next line.
        const next = lines[index + 1];
        const column = line.cells.findIndex((cell) => cell.start <= hit.start && cell.end >= hit.end);
        const below = next?.cells[column];
        if (next && below) token = findDates(below.text, order)[0];
        confidence -= 0.1;
      }
      if (!token) return;
      if (hit.field === 'issue' && (!issue || issue.confidence < confidence)) issue = { token, confidence };
      if (hit.field === 'due' && (!due || due.confidence < confidence)) due = { token, confidence };
    });
    // "Facture n° 562044387 du 02 Juillet 2015": a date on the invoice number's line is its issue date.
    if (!issue && index === numberLine && dates[0]) issue = { token: dates[0], confidence: 0.7 };
  });
  if (!issue) {
    const first = lines.flatMap((line) => findDates(line.text, order))[0];
    if (first) issue = { token: first, confidence: 0.4 };
  }
  return { issue, due };
}

const numberLabelTable = invoiceNumberLabels.map((label): [string, 'number'] => [label, 'number']);
const genericNumberLabels = new Set(['invoice', 'facture', 'factuur', 'rechnung']);

function numberToken(text: string): string | null {
  const rest = text.replace(/^\s*(?:[:.]\s*)?(?:(?:no|nr|n°|number|numero|#)\.?\s*[:.]?\s+|#\s+)?/i, '');
  const token = (/^\S+/.exec(rest)?.[0] ?? '').replace(/[,.;:)]+$/, '');
  if (token.length < 2 || !/\d/.test(token) || /%$/.test(token)) return null;
  if (findDates(token).length > 0 && findDates(token)[0]?.end === token.length) return null;
  return token;
}

function findInvoiceNumber(
  lines: readonly DocumentLine[],
): { value: string; confidence: number; line: number } | null {
  let best: { value: string; confidence: number; line: number } | null = null;
  lines.forEach((line, index) => {
    for (const hit of findLabels(line, numberLabelTable)) {
      const generic = genericNumberLabels.has(hit.label);
      let value = numberToken(line.text.slice(hit.end));
      let confidence = generic ? 0.65 : 0.9;
      if (!value && line.text.slice(hit.end).trim() === '') {
        const next = lines[index + 1];
        value = next ? numberToken(next.cells.map((c) => c.text).join('  ')) : null;
        confidence -= 0.1;
      }
      if (value && (!best || best.confidence < confidence)) best = { value, confidence, line: index };
    }
    // "# 1042" on a line of its own is how many layouts print the number.
    const hash = /^#\s*(\S*\d\S*)/.exec(line.text.trim());
    if (hash?.[1] && (!best || best.confidence < 0.5))
      best = { value: hash[1], confidence: 0.5, line: index };
  });
  return best;
}

function formatAmount(value: string | null, currency: string | null): string | null {
  if (value === null) return null;
  const minorUnits = (currency ? currencies.get(currency)?.minorUnits : undefined) ?? 2;
  return new ExactDecimal(value).toFixed(minorUnits);
}

/**
 * Reads an invoice's fields from its text (text layer or OCR, lines in reading order, columns two or more spaces
 * apart). Generic rules only: multilingual labels, layout (same line, or the column below), and arithmetic.
 */
export function parseInvoiceText(text: string, options: ParseInvoiceOptions = {}): ExtractedInvoice {
  const hints = options.hints ?? {};
  const lines = splitLines(text);
  const warnings: string[] = [];
  const language = detectLanguage(lines, hints.documentLocale);
  const currency = detectCurrency(lines);
  const decimalSeparator = hints.decimalSeparator ?? guessDecimalSeparator(text);
  const order = settleDateOrder(lines, language, currency.code, hints.dateOrder);

  const number = findInvoiceNumber(lines);
  const dates = findDateFields(lines, order, number?.line ?? null);
  for (const [name, found] of [
    ['issue date', dates.issue],
    ['due date', dates.due],
  ] as const) {
    if (found && found.token.iso === null && found.token.problem)
      warnings.push(`${name}: ${found.token.problem}`);
  }

  const items = findLineItems(lines, decimalSeparator);
  const itemsTotal = lineTotal(items);
  const amounts = chooseAmounts(
    findAmountCandidates(lines, {
      decimalSeparator,
      ocr: options.method === 'ocr' || options.method === 'mixed',
      minorUnits: currency.code ? currencies.get(currency.code)?.minorUnits : undefined,
    }),
    itemsTotal,
  );
  const supplier = findSupplierName(lines);
  const vatNumber = findSupplierVatNumber(lines);

  const linesSumToNet =
    itemsTotal === null || !amounts.net
      ? null
      : new ExactDecimal(itemsTotal).equals(amounts.net.value) ||
        (amounts.gross !== null && new ExactDecimal(itemsTotal).equals(amounts.gross.value));
  if (amounts.netPlusVatIsGross === false) warnings.push('net + VAT does not equal the gross total');
  if (linesSumToNet === false) warnings.push('the line items do not add up to the net or gross total');
  if (!amounts.gross) warnings.push('no gross total found');
  if (!currency.code) warnings.push('no currency found');
  if (!number) warnings.push('no invoice number found');
  if (!dates.issue?.token.iso) warnings.push('no issue date found');
  if (!supplier) warnings.push('no supplier name found');
  if (!order && lines.some((line) => findDates(line.text).some((d) => d.iso === null && d.numeric))) {
    warnings.push('the document does not settle whether dates are day-first or month-first');
  }
  const cap = options.ocrConfidence === undefined ? 1 : Math.min(1, options.ocrConfidence + 0.1);
  const noAmountsFound = findAmounts(text, decimalSeparator).length === 0;
  if (noAmountsFound) warnings.push('no amounts found in the text');

  return {
    method: options.method ?? 'text-layer',
    pageCount: options.pageCount ?? 1,
    supplierName: field(supplier?.value ?? null, (supplier?.confidence ?? 0) * cap),
    supplierVatNumber: field(vatNumber?.value ?? null, (vatNumber?.confidence ?? 0) * cap),
    invoiceNumber: field(number?.value ?? null, (number?.confidence ?? 0) * cap),
    issueDate: field(dates.issue?.token.iso ?? null, (dates.issue?.confidence ?? 0) * cap),
    dueDate: field(dates.due?.token.iso ?? null, (dates.due?.confidence ?? 0) * cap),
    currency: field(currency.code, currency.confidence * cap),
    net: field(formatAmount(amounts.net?.value ?? null, currency.code), (amounts.net?.confidence ?? 0) * cap),
    vat: field(formatAmount(amounts.vat?.value ?? null, currency.code), (amounts.vat?.confidence ?? 0) * cap),
    gross: field(
      formatAmount(amounts.gross?.value ?? null, currency.code),
      (amounts.gross?.confidence ?? 0) * cap,
    ),
    lines: items.map((item) => ({
      ...item,
      unitPrice: formatAmount(item.unitPrice, currency.code),
      net: formatAmount(item.net, currency.code),
    })),
    arithmetic: { linesSumToNet, netPlusVatIsGross: amounts.netPlusVatIsGross },
    warnings: [...warnings, ...amounts.notes],
  };
}

import { ExactDecimal } from '@eventvault/domain';

/**
 * The rules of the reference scorer (`score-extraction.py`): which keys of the extractor's JSON stand for which
 * expected field, and how each field compares (amounts to the cent, dates as ISO, issuer by containment).
 */
export const fieldSynonyms = {
  issuer: ['issuer', 'supplier', 'supplierName', 'supplier_name', 'vendor', 'vendorName'],
  invoice_number: ['invoice_number', 'invoiceNumber', 'number'],
  date: ['date', 'issueDate', 'issue_date', 'invoiceDate', 'invoice_date'],
  currency: ['currency', 'currencyCode'],
  amount: ['amount', 'gross', 'total', 'grossTotal', 'totalGross', 'amountGross'],
  amount_untaxed: ['amount_untaxed', 'net', 'netTotal', 'subtotal', 'totalNet', 'amountNet'],
  amount_tax: ['amount_tax', 'vat', 'tax', 'vatTotal', 'taxTotal', 'totalVat', 'amountTax'],
} as const;

export type ScoredField = keyof typeof fieldSynonyms;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Flat = Map<string, Json>;

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Top-level keys win; a nested {value|amount|name: …} stands for its key; other nested objects are searched. */
export function flatten(document: Json, out: Flat = new Map()): Flat {
  if (!isObject(document)) return out;
  for (const [key, value] of Object.entries(document)) {
    if (isObject(value)) {
      for (const inner of ['value', 'amount', 'name']) {
        const innerValue = value[inner];
        if (inner in value && !Array.isArray(innerValue) && !isObject(innerValue)) {
          if (!out.has(key)) out.set(key, innerValue ?? null);
          break;
        }
      }
    } else if (!Array.isArray(value) && !out.has(key)) {
      out.set(key, value);
    }
  }
  for (const value of Object.values(document)) if (isObject(value)) flatten(value, out);
  return out;
}

function text(value: Json): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function cents(value: Json): string | null {
  let raw: Json = value;
  if (isObject(raw)) raw = raw.amount ?? raw.value ?? null;
  if (raw === null) return null;
  try {
    // Python's Decimal.quantize rounds half-even.
    return new ExactDecimal(text(raw)).toDecimalPlaces(2, ExactDecimal.ROUND_HALF_EVEN).toFixed(2);
  } catch {
    return null;
  }
}

export function sameValue(field: ScoredField, want: Json, got: Json | undefined): boolean {
  if (got === null || got === undefined) return false;
  if (field === 'amount' || field === 'amount_untaxed' || field === 'amount_tax') {
    return cents(want) === cents(got);
  }
  if (field === 'issuer') {
    const a = text(want).toLowerCase().trim();
    const b = text(got).toLowerCase().trim();
    return a.includes(b) || b.includes(a);
  }
  if (field === 'date') return text(got).slice(0, 10) === text(want).slice(0, 10);
  return text(want).trim().toLowerCase() === text(got).trim().toLowerCase();
}

export interface FieldScore {
  readonly ok: boolean;
  readonly got: Json;
  readonly want: Json;
}

/** Scores one extraction against one expected answer; fields the answer lacks (or leaves empty) are not scored. */
export function scoreExtraction(
  extracted: Json,
  expected: Record<string, Json>,
): Partial<Record<ScoredField, FieldScore>> {
  const flat = flatten(extracted);
  const scores: Partial<Record<ScoredField, FieldScore>> = {};
  for (const [field, keys] of Object.entries(fieldSynonyms) as [ScoredField, readonly string[]][]) {
    const want = expected[field];
    if (want === undefined || want === null || want === '') continue;
    const key = keys.find((k) => flat.has(k));
    const got = key === undefined ? null : (flat.get(key) ?? null);
    scores[field] = { ok: sameValue(field, want, got), got, want };
  }
  return scores;
}

import {
  type ExtractedInvoice,
  MIN_SUPPLIER_NAME_SIMILARITY,
  Money,
  calculateInvoiceVat,
  isCurrencyCode,
  normaliseVatNumber,
  supplierNameSimilarity,
  vatRate,
} from '@eventvault/domain';
import type { InvoiceCorrections, InvoiceDraft, IntakeIssue } from './intake-types';

/** Below this an extracted field is read back to a person rather than trusted. */
export const MIN_FIELD_CONFIDENCE = 0.6;

/** Default window of the bank-details fraud signal. */
export const DEFAULT_BANK_DETAILS_WINDOW_DAYS = 30;

type DraftField = keyof InvoiceDraft & keyof ExtractedInvoice;

const fieldLabels: Record<DraftField, string> = {
  supplierName: 'supplier name',
  supplierVatNumber: 'supplier VAT number',
  invoiceNumber: 'invoice number',
  issueDate: 'issue date',
  dueDate: 'due date',
  currency: 'currency',
  net: 'net amount',
  vat: 'VAT amount',
  gross: 'gross amount',
};

/** The extracted values with a reviewer's corrections on top. */
export function buildDraft(extracted: ExtractedInvoice, corrections: InvoiceCorrections): InvoiceDraft {
  const pick = (field: DraftField): string | null => {
    const corrected = corrections[field];
    if (corrected !== undefined && corrected.trim() !== '') return corrected.trim();
    return extracted[field].value;
  };
  return {
    supplierName: pick('supplierName'),
    supplierVatNumber: pick('supplierVatNumber'),
    invoiceNumber: pick('invoiceNumber'),
    issueDate: pick('issueDate'),
    dueDate: pick('dueDate'),
    currency: pick('currency')?.toUpperCase() ?? null,
    net: pick('net'),
    vat: pick('vat'),
    gross: pick('gross'),
  };
}

/** Everything the rules look at, gathered from the database by the assessing activity. */
export interface InvoiceFacts {
  readonly extracted: ExtractedInvoice;
  readonly corrections: InvoiceCorrections;
  readonly draft: InvoiceDraft;
  readonly supplier: {
    readonly name: string;
    readonly vatNumber: string | null;
    readonly bankDetailsChangedAt: Date | null;
    /** Named by whoever uploaded (a supplier's own login) or by a reviewer, rather than matched from the document. */
    readonly chosen: boolean;
  } | null;
  readonly eventId: string | null;
  readonly budgetLineId: string | null;
  /** Other documents of the organisation with the same content hash. */
  readonly sameContent: readonly { readonly documentId: string; readonly invoiceNumber: string | null }[];
  /** Other invoices of the supplier with the same normalised number, in any fiscal year. */
  readonly sameNumber: readonly {
    readonly number: string;
    readonly invoiceDate: string;
    readonly status: string;
  }[];
  /** The purchase order the uploader named, when one was named. */
  readonly purchaseOrder:
    | { readonly number: string; readonly found: false }
    | {
        readonly number: string;
        readonly found: true;
        readonly sameSupplier: boolean;
        readonly gross: string;
        readonly currency: string;
        readonly status: string;
      }
    | null;
  readonly baseCurrency: string;
  readonly fxRateFound: boolean;
  /** The organisation's standard VAT rate in percent ('15'). */
  readonly standardVatPercent: string;
  readonly now: Date;
  readonly bankDetailsWindowDays: number;
}

function money(amount: string | null, currency: string | null): Money | null {
  if (amount === null || currency === null || !isCurrencyCode(currency)) return null;
  try {
    return Money.of(amount, currency);
  } catch {
    return null;
  }
}

function fieldIssues(facts: InvoiceFacts): IntakeIssue[] {
  const issues: IntakeIssue[] = [];
  const required: DraftField[] = ['invoiceNumber', 'issueDate', 'currency', 'net', 'vat', 'gross'];
  if (facts.supplier === null) required.unshift('supplierName');
  for (const field of required) {
    if (facts.draft[field] === null) {
      issues.push({ code: 'missing-field', message: `The ${fieldLabels[field]} could not be read.` });
      continue;
    }
    const corrected = facts.corrections[field] !== undefined;
    const confidence = facts.extracted[field].confidence;
    if (!corrected && confidence < MIN_FIELD_CONFIDENCE) {
      issues.push({
        code: 'low-confidence',
        message: `The ${fieldLabels[field]} "${facts.draft[field]}" was read with low confidence (${confidence.toFixed(2)}).`,
      });
    }
  }
  const { currency, issueDate, dueDate } = facts.draft;
  if (currency !== null && !isCurrencyCode(currency)) {
    issues.push({ code: 'missing-field', message: `"${currency}" is not an ISO 4217 currency code.` });
  }
  for (const [label, amount] of [
    ['net amount', facts.draft.net],
    ['VAT amount', facts.draft.vat],
    ['gross amount', facts.draft.gross],
  ] as const) {
    if (
      amount !== null &&
      currency !== null &&
      isCurrencyCode(currency) &&
      money(amount, currency) === null
    ) {
      issues.push({
        code: 'missing-field',
        message: `The ${label} "${amount}" is not an amount in ${currency}.`,
      });
    }
  }
  for (const [label, date] of [
    ['issue date', issueDate],
    ['due date', dueDate],
  ] as const) {
    if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      issues.push({ code: 'missing-field', message: `The ${label} "${date}" is not a date (YYYY-MM-DD).` });
    }
  }
  if (issueDate !== null && dueDate !== null && dueDate < issueDate) {
    issues.push({
      code: 'missing-field',
      message: `The due date ${dueDate} is before the issue date ${issueDate}.`,
    });
  }
  return issues;
}

function arithmeticIssues(facts: InvoiceFacts): IntakeIssue[] {
  const { currency } = facts.draft;
  const net = money(facts.draft.net, currency);
  const vat = money(facts.draft.vat, currency);
  const gross = money(facts.draft.gross, currency);
  const issues: IntakeIssue[] = [];
  if (net && vat && gross && !net.add(vat).equals(gross)) {
    issues.push({
      code: 'arithmetic',
      message: `Net ${net.amount.toFixed()} + VAT ${vat.amount.toFixed()} is not the gross ${gross.amount.toFixed()}.`,
    });
  }
  const amountsCorrected = ['net', 'vat', 'gross'].some((f) => f in facts.corrections);
  if (!amountsCorrected && facts.extracted.arithmetic.linesSumToNet === false) {
    issues.push({ code: 'arithmetic', message: 'The invoice lines do not add up to the net amount.' });
  }
  return issues;
}

function vatIssues(facts: InvoiceFacts): IntakeIssue[] {
  const { currency } = facts.draft;
  const net = money(facts.draft.net, currency);
  const vat = money(facts.draft.vat, currency);
  if (!net || !vat || currency === null) return [];
  const lines = facts.extracted.lines;
  const linesCarryRates = lines.length > 0 && lines.every((l) => l.net !== null && l.vatRate !== null);
  const printedRates = [...new Set(lines.flatMap((l) => (l.vatRate === null ? [] : [l.vatRate])))];
  const corrected = ['net', 'vat', 'gross'].some((f) => f in facts.corrections);
  let expected: Money[];
  if (linesCarryRates && !corrected && facts.extracted.arithmetic.linesSumToNet !== false) {
    try {
      // Line amounts may be printed before or after VAT, and suppliers round per line or per document: any of the
      // four readings is consistent.
      expected = (['exclusive', 'inclusive'] as const).flatMap((pricing) => {
        const input = {
          currency,
          pricing,
          lines: lines.map((line) => ({
            amount: Money.of(line.net ?? '0', currency),
            rate: vatRate(`R${line.vatRate ?? '0'}`, line.vatRate ?? '0'),
          })),
        };
        return (['per-line', 'per-document'] as const).map(
          (rounding) => calculateInvoiceVat(input, { rounding, roundingMode: 'half-up' }).vat,
        );
      });
    } catch {
      return [
        { code: 'vat-inconsistent', message: 'The VAT rates printed on the lines are not valid rates.' },
      ];
    }
  } else if (
    printedRates.length === 1 &&
    printedRates[0] !== undefined &&
    /^\d+(\.\d+)?$/.test(printedRates[0])
  ) {
    // Lines that do not reconcile (notes, levies already included) but share one rate: the rate applies to the net.
    expected = [net.multiply(printedRates[0]).dividedBy('100').round('half-up')];
  } else if (currency === facts.baseCurrency) {
    // A domestic invoice without line rates: the standard rate, or zero-rated.
    expected = [
      net.multiply(facts.standardVatPercent).dividedBy('100').round('half-up'),
      Money.zero(currency),
    ];
  } else {
    return [];
  }
  if (expected.some((candidate) => candidate.equals(vat))) return [];
  return [
    {
      code: 'vat-inconsistent',
      message: `VAT ${vat.amount.toFixed()} ${currency} does not match the rates (expected ${expected[0]?.amount.toFixed() ?? '?'}).`,
    },
  ];
}

function duplicateIssues(facts: InvoiceFacts): IntakeIssue[] {
  const issues: IntakeIssue[] = facts.sameContent.map((other) => ({
    code: 'duplicate-content' as const,
    message: `The same file was already uploaded (document ${other.documentId}${other.invoiceNumber ? `, invoice ${other.invoiceNumber}` : ''}).`,
  }));
  for (const other of facts.sameNumber) {
    issues.push({
      code: 'duplicate-number',
      message: `${facts.supplier?.name ?? 'The supplier'} already has invoice ${other.number} dated ${other.invoiceDate} (${other.status}).`,
    });
  }
  return issues;
}

function supplierIssues(facts: InvoiceFacts): IntakeIssue[] {
  if (facts.supplier === null) {
    const printed = [facts.draft.supplierName, facts.draft.supplierVatNumber].filter(Boolean).join(', VAT ');
    return [
      {
        code: 'unknown-supplier',
        message: printed
          ? `No supplier in the register matches ${printed}.`
          : 'The supplier could not be identified.',
      },
    ];
  }
  const issues: IntakeIssue[] = [];
  const mismatch = printedSupplierMismatch(facts.supplier, facts.draft);
  if (mismatch !== null) {
    issues.push({
      code: 'supplier-mismatch',
      message: `The document is from ${mismatch}, but it came in as ${facts.supplier.name}: check who is to be paid.`,
    });
  }
  const changedAt = facts.supplier.bankDetailsChangedAt;
  const windowMs = facts.bankDetailsWindowDays * 24 * 60 * 60 * 1000;
  if (changedAt && facts.now.getTime() - changedAt.getTime() <= windowMs) {
    issues.push({
      code: 'bank-details-changed',
      message: `${facts.supplier.name} changed bank details on ${changedAt.toISOString().slice(0, 10)}, within ${facts.bankDetailsWindowDays} days: confirm with the supplier by phone before paying.`,
    });
  }
  return issues;
}

/**
 * Who the document says it is from, when that is not the supplier it was filed under (a portal login can send any
 * PDF): a printed VAT number that differs decides it, else a printed name unlike the register's. Null when they agree
 * or the document prints neither.
 */
function printedSupplierMismatch(
  supplier: NonNullable<InvoiceFacts['supplier']>,
  draft: InvoiceDraft,
): string | null {
  if (!supplier.chosen) return null;
  const printedVat = draft.supplierVatNumber ? normaliseVatNumber(draft.supplierVatNumber) : '';
  const registeredVat = supplier.vatNumber ? normaliseVatNumber(supplier.vatNumber) : '';
  const printed = [draft.supplierName, printedVat && `VAT ${printedVat}`].filter(Boolean).join(', ');
  if (printedVat !== '' && registeredVat !== '') return printedVat === registeredVat ? null : printed;
  if (!draft.supplierName) return null;
  return supplierNameSimilarity(draft.supplierName, supplier.name) >= MIN_SUPPLIER_NAME_SIMILARITY
    ? null
    : printed;
}

function allocationIssues(facts: InvoiceFacts): IntakeIssue[] {
  const issues: IntakeIssue[] = [];
  const po = facts.purchaseOrder;
  if (po && !po.found) {
    issues.push({ code: 'purchase-order', message: `Purchase order ${po.number} does not exist.` });
  } else if (po?.found) {
    if (!po.sameSupplier) {
      issues.push({
        code: 'purchase-order',
        message: `Purchase order ${po.number} was issued to another supplier.`,
      });
    }
    if (po.status === 'cancelled' || po.status === 'closed') {
      issues.push({ code: 'purchase-order', message: `Purchase order ${po.number} is ${po.status}.` });
    }
    const gross = money(facts.draft.gross, facts.draft.currency);
    const ordered = money(po.gross, po.currency);
    if (gross && ordered && gross.currency.code === ordered.currency.code && gross.compare(ordered) > 0) {
      issues.push({
        code: 'purchase-order',
        message: `The gross ${gross.amount.toFixed()} exceeds purchase order ${po.number} (${ordered.amount.toFixed()} ${po.currency}).`,
      });
    }
  }
  if (facts.eventId === null) {
    issues.push({ code: 'no-event', message: 'Choose the event this invoice belongs to.' });
  } else if (facts.budgetLineId === null) {
    issues.push({
      code: 'no-budget-line',
      message: 'No purchase order or quote names a budget line for this invoice: choose one.',
    });
  }
  const { currency } = facts.draft;
  if (
    currency !== null &&
    isCurrencyCode(currency) &&
    currency !== facts.baseCurrency &&
    !facts.fxRateFound
  ) {
    issues.push({
      code: 'fx-rate-missing',
      message: `No ${currency}/${facts.baseCurrency} exchange rate for ${facts.draft.issueDate ?? 'the invoice date'}: enter one.`,
    });
  }
  return issues;
}

/** Every check on one invoice; an empty list means it can go to approval without a review. */
export function evaluateInvoiceChecks(facts: InvoiceFacts): IntakeIssue[] {
  return [
    ...fieldIssues(facts),
    ...arithmeticIssues(facts),
    ...vatIssues(facts),
    ...duplicateIssues(facts),
    ...supplierIssues(facts),
    ...allocationIssues(facts),
  ];
}

import type { ExtractedInvoice, MoneyJson } from '@eventvault/domain';

/** One stored original: where it is, what it is, and its content hash. */
export interface StoredDocument {
  readonly objectKey: string;
  readonly sha256: string;
  /** MIME type detected from the bytes. */
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly fileName: string;
}

/** What an invoice intake workflow is started with. */
export interface InvoiceIntakeInput {
  readonly organisationId: string;
  /** app_user id of the uploader; null for a supplier outside the organisation's users. */
  readonly uploadedBy: string | null;
  /** Known when the supplier uploaded through the portal. */
  readonly supplierId: string | null;
  readonly eventId: string | null;
  readonly purchaseOrderNumber: string | null;
  readonly document: StoredDocument;
}

/** Why an invoice needs a person: every failed check becomes one of these, stated on the review task. */
export type IntakeIssueCode =
  | 'missing-field'
  | 'low-confidence'
  | 'arithmetic'
  | 'duplicate-content'
  | 'duplicate-number'
  | 'unknown-supplier'
  | 'supplier-mismatch'
  | 'no-event'
  | 'no-budget-line'
  | 'purchase-order'
  | 'vat-inconsistent'
  | 'bank-details-changed'
  | 'fx-rate-missing';

export interface IntakeIssue {
  readonly code: IntakeIssueCode;
  readonly message: string;
}

/** Issues a reviewer cannot wave through: the invoice cannot be recorded or posted until the data is fixed. */
export const blockingIssueCodes: ReadonlySet<IntakeIssueCode> = new Set([
  'missing-field',
  'duplicate-content',
  'duplicate-number',
  'unknown-supplier',
  'no-event',
  'no-budget-line',
  'fx-rate-missing',
]);

/** Field corrections a reviewer makes; amounts as decimal text, dates as ISO YYYY-MM-DD. */
export interface InvoiceCorrections {
  readonly supplierName?: string;
  readonly supplierVatNumber?: string;
  readonly invoiceNumber?: string;
  readonly issueDate?: string;
  readonly dueDate?: string;
  readonly currency?: string;
  readonly net?: string;
  readonly vat?: string;
  readonly gross?: string;
}

/** The invoice as intake understands it after extraction and corrections. */
export interface InvoiceDraft {
  readonly supplierName: string | null;
  readonly supplierVatNumber: string | null;
  readonly invoiceNumber: string | null;
  readonly issueDate: string | null;
  readonly dueDate: string | null;
  readonly currency: string | null;
  readonly net: string | null;
  readonly vat: string | null;
  readonly gross: string | null;
}

/** What intake decided about one document version: the draft, its supplier and budget line, and what is wrong. */
export interface InvoiceAssessment {
  readonly draft: InvoiceDraft;
  readonly supplier: {
    readonly id: string;
    readonly name: string;
    readonly matchedBy: 'vat-number' | 'name' | 'chosen';
  } | null;
  readonly eventId: string | null;
  readonly budgetLineId: string | null;
  readonly purchaseOrderId: string | null;
  readonly baseCurrency: string;
  /** The stored rate a foreign invoice converts at; null for base-currency invoices or when it is missing. */
  readonly fxRateId: string | null;
  readonly amountInBaseCurrency: MoneyJson | null;
  readonly issues: readonly IntakeIssue[];
}

export interface AssessInvoiceInput {
  readonly organisationId: string;
  /** This intake's invoice id, excluded from the duplicate-number search. */
  readonly invoiceId: string;
  readonly documentId: string;
  readonly sha256: string;
  readonly extracted: ExtractedInvoice;
  readonly corrections: InvoiceCorrections;
  readonly supplierId: string | null;
  readonly eventId: string | null;
  readonly budgetLineId: string | null;
  readonly purchaseOrderNumber: string | null;
}

/** A reviewer's answer to a review task (finance), carried by the completeInvoiceReview Update. */
export interface ReviewCompletion {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly decision: 'accept' | 'reject';
  readonly comment?: string;
  readonly corrections?: InvoiceCorrections;
  readonly supplierId?: string;
  /** A supplier not yet in the register: created when the review is applied. */
  readonly newSupplier?: { readonly name: string; readonly vatNumber?: string; readonly email?: string };
  readonly eventId?: string;
  readonly budgetLineId?: string;
  readonly purchaseOrderNumber?: string;
  /** A missing exchange rate: one unit of the invoice currency in base currency, full precision. */
  readonly fxRate?: { readonly rate: string; readonly date: string; readonly source: string };
  /** Learned for the supplier's next documents, e.g. { documentLocale: 'de-DE' }. */
  readonly supplierHints?: { readonly documentLocale?: string };
}

export interface ApplyReviewInput {
  readonly organisationId: string;
  readonly review: ReviewCompletion;
  /** Id for a supplier the review creates, chosen by the workflow so a retry creates it once. */
  readonly newSupplierId: string;
  /** The supplier the invoice is from once the review applies (for hints). */
  readonly supplierId: string | null;
  readonly currency: string | null;
}

/** A new document version sent after changes were requested. */
export interface ResubmittedDocument {
  readonly submittedBy: string | null;
  readonly document: StoredDocument;
}

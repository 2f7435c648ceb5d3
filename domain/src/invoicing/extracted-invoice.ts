/**
 * What extraction reads from one invoice document: every field with a confidence, amounts as exact decimal text
 * (never a float), dates as ISO `YYYY-MM-DD`. This plain shape crosses the activity → workflow → API boundary, so it
 * holds no class instances and never the document's full text (that stays in object storage).
 */
export interface ExtractedField<T> {
  readonly value: T | null;
  /** 0 (a guess) to 1 (read from a labelled field and confirmed by the arithmetic). */
  readonly confidence: number;
}

export interface ExtractedInvoiceLine {
  readonly description: string;
  /** Decimal text, or null where the line does not print it. */
  readonly quantity: string | null;
  readonly unitPrice: string | null;
  /** Percent as decimal text ('15'), or null. */
  readonly vatRate: string | null;
  readonly net: string | null;
}

export type ExtractionMethod = 'text-layer' | 'ocr' | 'mixed';

export interface ExtractedInvoice {
  readonly method: ExtractionMethod;
  readonly pageCount: number;
  readonly supplierName: ExtractedField<string>;
  readonly supplierVatNumber: ExtractedField<string>;
  readonly invoiceNumber: ExtractedField<string>;
  readonly issueDate: ExtractedField<string>;
  readonly dueDate: ExtractedField<string>;
  /** ISO 4217 code. */
  readonly currency: ExtractedField<string>;
  readonly net: ExtractedField<string>;
  readonly vat: ExtractedField<string>;
  readonly gross: ExtractedField<string>;
  readonly lines: readonly ExtractedInvoiceLine[];
  /** The arithmetic checks: null when the document does not print what a check needs. */
  readonly arithmetic: {
    readonly linesSumToNet: boolean | null;
    readonly netPlusVatIsGross: boolean | null;
  };
  /** Plain-language reasons a reviewer should look (e.g. 'date 05/01/2018 is ambiguous'). */
  readonly warnings: readonly string[];
}

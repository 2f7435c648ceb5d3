import type { ExtractedInvoice } from '@eventvault/domain';
import { documentMethod, type PageText, readDocumentText } from './document-text';
import type { OcrPool } from './ocr-pool';
import { type ExtractionHints, parseInvoiceText } from './parsing/invoice-text-parser';

export interface ExtractInvoiceOptions {
  readonly ocr: () => Promise<OcrPool>;
  readonly hints?: ExtractionHints;
  readonly done?: ReadonlyMap<number, PageText>;
  readonly onPage?: (page: PageText, pageCount: number) => Promise<void> | void;
}

export interface InvoiceExtraction {
  readonly invoice: ExtractedInvoice;
  /** Every page's text, pages separated by a form feed. */
  readonly text: string;
  readonly pages: readonly PageText[];
}

/** Reads a document (text layer, else OCR) and parses its invoice fields. */
export async function extractInvoice(
  bytes: Uint8Array,
  options: ExtractInvoiceOptions,
): Promise<InvoiceExtraction> {
  const document = await readDocumentText(bytes, options);
  const text = document.pages.map((page) => page.text).join('\n\f\n');
  const ocrPages = document.pages.filter((page) => page.method === 'ocr');
  const ocrConfidence =
    ocrPages.length > 0
      ? ocrPages.reduce((sum, page) => sum + page.confidence, 0) / ocrPages.length
      : undefined;
  const invoice = parseInvoiceText(text, {
    hints: options.hints,
    method: documentMethod(document.pages),
    pageCount: document.pageCount,
    ocrConfidence,
  });
  return { invoice, text, pages: document.pages };
}

import { detectContentType, type DocumentContentType } from './content-type';
import type { OcrPool } from './ocr-pool';
import { decodeImage, prepareForOcr, rasterisePdfPage } from './page-images';
import { PdfTextLayer } from './pdf-text-layer';

export type PageMethod = 'text-layer' | 'ocr';

export interface PageText {
  readonly pageNumber: number;
  readonly text: string;
  readonly method: PageMethod;
  /** OCR's mean word confidence (0-1); 1 for a text layer. */
  readonly confidence: number;
}

export interface DocumentText {
  readonly contentType: DocumentContentType;
  readonly pageCount: number;
  readonly pages: readonly PageText[];
}

export interface ReadDocumentOptions {
  /** The OCR pool, asked for only when a page needs it (a text PDF never starts one). */
  readonly ocr: () => Promise<OcrPool>;
  /** Pages already read by an earlier attempt: reused, not read again. */
  readonly done?: ReadonlyMap<number, PageText>;
  /** Called after each page (heartbeat, checkpoint). */
  readonly onPage?: (page: PageText, pageCount: number) => Promise<void> | void;
}

/** A page whose text layer has fewer characters than this is treated as a scan. */
const minimumTextLayerCharacters = 1;

/**
 * Reads a document's text page by page: a PDF's text layer where there is one, OCR for scanned pages and images.
 * Throws `ExtractionError` for content that is not a readable PDF or image.
 */
export async function readDocumentText(
  bytes: Uint8Array,
  options: ReadDocumentOptions,
): Promise<DocumentText> {
  const contentType = detectContentType(bytes);
  const pages: PageText[] = [];
  const finish = async (page: PageText, pageCount: number) => {
    pages.push(page);
    await options.onPage?.(page, pageCount);
  };
  if (contentType !== 'pdf') {
    const page =
      options.done?.get(1) ??
      (await (async (): Promise<PageText> => {
        const prepared = await prepareForOcr(await decodeImage(bytes));
        const result = await (await options.ocr()).recognise(prepared);
        return { pageNumber: 1, text: result.text, method: 'ocr', confidence: result.confidence };
      })());
    await finish(page, 1);
    return { contentType, pageCount: 1, pages };
  }
  const pdf = await PdfTextLayer.open(bytes);
  try {
    for (let pageNumber = 1; pageNumber <= pdf.pageCount; pageNumber++) {
      const earlier = options.done?.get(pageNumber);
      if (earlier) {
        await finish(earlier, pdf.pageCount);
        continue;
      }
      const text = await pdf.pageText(pageNumber);
      if (text.replace(/\s/g, '').length >= minimumTextLayerCharacters) {
        await finish({ pageNumber, text, method: 'text-layer', confidence: 1 }, pdf.pageCount);
        continue;
      }
      const prepared = await prepareForOcr(await rasterisePdfPage(bytes, pageNumber));
      const result = await (await options.ocr()).recognise(prepared);
      await finish(
        { pageNumber, text: result.text, method: 'ocr', confidence: result.confidence },
        pdf.pageCount,
      );
    }
    return { contentType, pageCount: pdf.pageCount, pages };
  } finally {
    await pdf.close();
  }
}

export function documentMethod(pages: readonly PageText[]): 'text-layer' | 'ocr' | 'mixed' {
  const methods = new Set(pages.map((page) => page.method));
  return methods.size > 1 ? 'mixed' : methods.has('ocr') ? 'ocr' : 'text-layer';
}

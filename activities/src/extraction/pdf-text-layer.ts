import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ExtractionError } from './extraction-errors';

import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof PdfJsModule;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

let pdfjsModule: Promise<PdfJs> | undefined;

/** pdfjs is ES-module only; it is loaded on first use so processes that never read a PDF do not pay for it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= (async () => {
    // In Node pdfjs runs its worker on the main thread; handing it the worker module up front saves the lookup
    // it otherwise does on every first document.
    const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsModule;
}

/** Loads pdfjs now (about a second under tsx), so the first document's timing is the document's own. */
export async function preparePdfReader(): Promise<void> {
  await loadPdfJs();
}

function packageDirectory(): string {
  const require = createRequire(__filename);
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

interface PositionedText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Puts text items back into reading order: items whose baselines are within half a line height share a line, ordered
 * left to right. A gap wider than about two characters between items becomes at least two spaces, so columns stay
 * apart ("Total HT :   46,68 €") while words of one phrase keep single spaces.
 */
export function layOutLines(items: readonly PositionedText[]): string[] {
  const sorted = [...items].filter((item) => item.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PositionedText[][] = [];
  for (const item of sorted) {
    const tolerance = Math.max(2, item.height * 0.5);
    const line = lines.find((candidate) => Math.abs((candidate[0]?.y ?? Infinity) - item.y) <= tolerance);
    if (line) line.push(item);
    else lines.push([item]);
  }
  return lines
    .sort((a, b) => (b[0]?.y ?? 0) - (a[0]?.y ?? 0))
    .map((line) => {
      const ordered = line.sort((a, b) => a.x - b.x);
      let text = '';
      let end: number | undefined;
      for (const item of ordered) {
        const charWidth = item.text.length > 0 ? item.width / item.text.length : item.height / 2;
        const unit = Math.max(charWidth, item.height * 0.3, 1);
        if (end !== undefined) {
          const gap = item.x - end;
          if (gap > unit * 2) text += ' '.repeat(Math.min(8, Math.max(2, Math.round(gap / unit / 2))));
          else if (gap > unit * 0.2 && !text.endsWith(' ') && !item.text.startsWith(' ')) text += ' ';
        }
        text += item.text;
        end = item.x + item.width;
      }
      return text.replace(/\s+$/, '');
    });
}

/** A PDF opened for reading its text layer page by page. */
export class PdfTextLayer {
  private constructor(private readonly document: PdfDocument) {}

  static async open(bytes: Uint8Array): Promise<PdfTextLayer> {
    const pdfjs = await loadPdfJs();
    const directory = packageDirectory();
    const task = pdfjs.getDocument({
      // pdfjs transfers (detaches) the buffer it is given: hand it a copy.
      data: new Uint8Array(bytes),
      standardFontDataUrl: join(directory, 'standard_fonts') + '/',
      cMapUrl: join(directory, 'cmaps') + '/',
      cMapPacked: true,
      wasmUrl: join(directory, 'wasm') + '/',
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
    try {
      return new PdfTextLayer(await task.promise);
    } catch (error) {
      await task.destroy();
      throw new ExtractionError('CORRUPT_DOCUMENT', `The PDF cannot be opened: ${(error as Error).message}`);
    }
  }

  get pageCount(): number {
    return this.document.numPages;
  }

  /** The page's text in reading order, or '' when the page has no text layer (a scan). */
  async pageText(pageNumber: number): Promise<string> {
    const page = await this.document.getPage(pageNumber);
    try {
      const content = await page.getTextContent();
      const items: PositionedText[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        items.push({
          text: item.str,
          x: item.transform[4] as number,
          y: item.transform[5] as number,
          width: item.width,
          height: Math.abs(item.height) || Math.abs(item.transform[3] as number) || 10,
        });
      }
      return layOutLines(items).join('\n');
    } finally {
      page.cleanup();
    }
  }

  async close(): Promise<void> {
    await this.document.destroy();
  }
}

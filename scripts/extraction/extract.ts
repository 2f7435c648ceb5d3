/**
 * `npm run extract -- FILE`: the invoice fields of one PDF or image as ONE JSON object on stdout (the
 * `ExtractedInvoice` shape plus "file" and "seconds"); progress and errors go to stderr. OCR starts only for scans.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { extractInvoice } from '../../activities/src/extraction/invoice-extractor';
import { ExtractionError } from '../../activities/src/extraction/extraction-errors';
import { OcrPool } from '../../activities/src/extraction/ocr-pool';

async function main(): Promise<number> {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error('Usage: npm run extract -- FILE   (a PDF, PNG, JPEG, TIFF or WebP invoice)');
    return 2;
  }
  const started = performance.now();
  let pool: Promise<OcrPool> | undefined;
  try {
    const bytes = await readFile(resolve(process.env.INIT_CWD ?? process.cwd(), file));
    const { invoice } = await extractInvoice(bytes, {
      ocr: () => (pool ??= OcrPool.start({ size: 1, log: (message) => console.error(message) })),
      onPage: (page, count) => console.error(`page ${page.pageNumber}/${count}: ${page.method}`),
    });
    const seconds = Math.round((performance.now() - started) / 10) / 100;
    process.stdout.write(`${JSON.stringify({ file, seconds, ...invoice }, null, 2)}\n`);
    return 0;
  } catch (error) {
    console.error(error instanceof ExtractionError ? `${error.code}: ${error.message}` : error);
    return 1;
  } finally {
    if (pool) await (await pool.catch(() => undefined))?.terminate();
  }
}

void main().then((code) => process.exit(code));

import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { ExtractionError } from './extraction-errors';
import { layOutLines } from './pdf-text-layer';

export interface OcrPoolOptions {
  /** Number of recogniser workers (each ~300 MB); at most the machine's cores. Default min(2, cores). */
  readonly size?: number;
  /** How long creating one worker may take before start-up fails instead of hanging. */
  readonly startTimeoutMs?: number;
  /** Folder holding `eng.traineddata.gz`; default the `@tesseract.js-data/eng` package's 4.0.0_best_int. */
  readonly langPath?: string;
  readonly log?: (message: string) => void;
}

export interface OcrResult {
  readonly text: string;
  /** Mean word confidence, 0-1. */
  readonly confidence: number;
}

/** Where the npm package keeps the English LSTM model (integer-quantised "best"): no download ever. */
export function defaultTrainedDataPath(): string {
  const require = createRequire(__filename);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

export function defaultOcrPoolSize(): number {
  return Math.min(2, availableParallelism());
}

/**
 * A damaged model makes tesseract.js crash the whole process (its worker answers a failed load twice), so the file
 * is checked first: it must unzip, and start with a plausible table of contents (a little-endian count of components).
 */
function checkTrainedData(path: string): void {
  let data: Buffer;
  try {
    data = gunzipSync(readFileSync(path));
  } catch (error) {
    throw new ExtractionError(
      'OCR_UNAVAILABLE',
      `The OCR model ${path} is damaged: ${(error as Error).message}`,
    );
  }
  const components = data.length >= 4 ? data.readInt32LE(0) : -1;
  if (components < 1 || components > 64 || data.length < 1_000_000) {
    throw new ExtractionError('OCR_UNAVAILABLE', `The OCR model ${path} is not a Tesseract model.`);
  }
}

function timeBoxed<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ExtractionError('OCR_UNAVAILABLE', `${what} took longer than ${ms} ms.`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A fixed set of tesseract.js workers, created once per process and shared by every OCR call; a page waits for a free
 * worker. `terminate()` on shutdown.
 */
export class OcrPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  private readonly all: Worker[] = [];
  private terminated = false;

  private constructor(private readonly log: (message: string) => void) {}

  static async start(options: OcrPoolOptions = {}): Promise<OcrPool> {
    const size = Math.max(1, Math.min(options.size ?? defaultOcrPoolSize(), availableParallelism()));
    const langPath = options.langPath ?? defaultTrainedDataPath();
    const trainedData = join(langPath, 'eng.traineddata.gz');
    if (!existsSync(trainedData)) {
      throw new ExtractionError(
        'OCR_UNAVAILABLE',
        `The OCR model ${trainedData} is missing; reinstall @tesseract.js-data/eng (OCR never downloads it).`,
      );
    }
    checkTrainedData(trainedData);
    const log = options.log ?? (() => undefined);
    const pool = new OcrPool(log);
    try {
      for (let index = 0; index < size; index++) {
        const creation = createWorker('eng', OEM.LSTM_ONLY, {
          langPath,
          gzip: true,
          cacheMethod: 'none',
          errorHandler: (error: unknown) => log(`OCR worker error: ${String(error)}`),
        });
        const worker = await timeBoxed(creation, options.startTimeoutMs ?? 60_000, 'Starting an OCR worker');
        await worker.setParameters({ preserve_interword_spaces: '1', user_defined_dpi: '300' });
        pool.all.push(worker);
        pool.idle.push(worker);
      }
    } catch (error) {
      await pool.terminate();
      throw error instanceof ExtractionError
        ? error
        : new ExtractionError('OCR_UNAVAILABLE', `OCR cannot start: ${(error as Error).message}`);
    }
    return pool;
  }

  get size(): number {
    return this.all.length;
  }

  private acquire(): Promise<Worker> {
    if (this.terminated)
      return Promise.reject(new ExtractionError('OCR_UNAVAILABLE', 'The OCR pool is shut down.'));
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  /** Reads a prepared page image; lines come back in reading order with wide gaps kept as column breaks. */
  async recognise(image: Buffer): Promise<OcrResult> {
    const worker = await this.acquire();
    try {
      const { data } = await worker.recognize(image, {}, { blocks: true, text: true });
      const items = [];
      let confidenceSum = 0;
      let words = 0;
      for (const block of data.blocks ?? []) {
        for (const paragraph of block.paragraphs) {
          for (const line of paragraph.lines) {
            const wordItems = line.words.map((word) => {
              confidenceSum += word.confidence;
              words++;
              return {
                text: word.text,
                x: word.bbox.x0,
                y: -word.bbox.y1,
                width: word.bbox.x1 - word.bbox.x0,
                height: word.bbox.y1 - word.bbox.y0,
              };
            });
            const text = layOutLines(wordItems.map((w) => ({ ...w, y: line.bbox.y1 * -1 }))).join(' ');
            items.push({
              text,
              x: line.bbox.x0,
              y: -line.bbox.y1,
              width: line.bbox.x1 - line.bbox.x0,
              height: line.bbox.y1 - line.bbox.y0,
            });
          }
        }
      }
      return { text: layOutLines(items).join('\n'), confidence: words > 0 ? confidenceSum / words / 100 : 0 };
    } finally {
      this.release(worker);
    }
  }

  async terminate(): Promise<void> {
    this.terminated = true;
    const workers = this.all.splice(0);
    this.idle.length = 0;
    await Promise.allSettled(workers.map((worker) => worker.terminate()));
  }
}

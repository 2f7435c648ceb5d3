import { OcrPool, type OcrPoolOptions } from './ocr-pool';

let shared: Promise<OcrPool> | undefined;

/**
 * The one OCR pool of this process, started on first use (so a worker that never sees a scan never loads the model)
 * and reused by every activity. A failed start is not cached: the next call tries again.
 */
export function sharedOcrPool(options: OcrPoolOptions = {}): () => Promise<OcrPool> {
  return () => {
    shared ??= OcrPool.start(options).catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
    return shared;
  };
}

/** Terminates the shared pool, if one was started (worker shutdown). */
export async function shutdownSharedOcrPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  if (pool) await (await pool.catch(() => undefined))?.terminate();
}

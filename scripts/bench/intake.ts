import { resolve } from 'node:path';
import { createDatabase } from '../../activities/src/database/client';
import { extractInvoice } from '../../activities/src/extraction/invoice-extractor';
import { defaultOcrPoolSize, OcrPool } from '../../activities/src/extraction/ocr-pool';
import { preparePdfReader } from '../../activities/src/extraction/pdf-text-layer';
import { BenchApi } from './api-client';
import type { BenchStack } from './bench-stack';
import { type Benchmark, type SummaryRow } from './benchmark';
import { type BenchDocument, benchInvoiceSpecs, readFixtures, renderInvoices } from './invoice-corpus';
import { closeReviews, firstTasks, intakeScene, uploadAll, type WaitingTask } from './intake-scene';
import { runContext } from './result';
import { perMinute, ratio, summarise } from './stats';

/** The worker's OCR pool size: its OCR_POOL_SIZE, else the default (min(2, cores)), as the worker computes it. */
export function workerOcrPoolSize(stack: BenchStack): number {
  const configured = Number(stack.setting('worker', 'OCR_POOL_SIZE') ?? '0');
  return configured > 0 ? configured : defaultOcrPoolSize();
}

/** Uploads in flight at once: enough to keep the pipeline full without a storm of connections. */
const UPLOAD_PARALLEL = 8;

interface KindFigures {
  readonly invoices: number;
  readonly raw: { readonly seconds: number; readonly invoicesPerMinute: number };
  readonly endToEnd: {
    readonly seconds: number;
    readonly invoicesPerMinute: number;
    /** Upload sent → task written, per invoice. */
    readonly latency: ReturnType<typeof summarise>;
    readonly inReview: number;
    readonly inApproval: number;
    readonly rateLimitedUploads: number;
  };
  /** Raw extraction throughput over end-to-end throughput: how many times slower the whole intake is. */
  readonly orchestrationFactor: number;
  /** What the intake adds per invoice beyond extraction, in seconds of wall time at this concurrency. */
  readonly overheadSecondsPerInvoice: number;
}

/** Extracts every document directly (no stack), all at once over one OCR pool; the first is a warm-up. */
async function extractDirectly(documents: readonly BenchDocument[], pool: OcrPool): Promise<number> {
  const ocr = () => Promise.resolve(pool);
  const [warmUp, ...timed] = documents;
  if (warmUp) await extractInvoice(warmUp.bytes, { ocr });
  const began = performance.now();
  await Promise.all(timed.map((document) => extractInvoice(document.bytes, { ocr })));
  return performance.now() - began;
}

/**
 * Intake throughput, invoices per minute, for text-layer PDFs, for scans (PNG, OCR) and optionally for the real
 * invoices of --fixtures: uploaded through the API as the supplier's login, all at once (8 requests in flight), timed
 * until each waits in review or approval (its first task row), against the extraction code alone on the same files
 * in the same run. The first document of each kind is a warm-up on both sides. Reviews are rejected afterwards.
 */
export const intakeBenchmark: Benchmark = {
  name: 'intake',
  needs: 'full',
  async run({ stack, options, log }) {
    const run = runContext(stack.label);
    const runId = Date.now().toString(36);
    const db = createDatabase(stack.env.DATABASE_URL, { maxConnections: 2 });
    const api = new BenchApi(stack.env);
    const waiting: WaitingTask[] = [];
    try {
      const scene = await intakeScene(db);
      const { invoices, scans } = options.sizes;
      log(`  generating ${invoices} text PDFs and ${scans} scans (+1 warm-up each)…`);
      const corpus: Record<string, BenchDocument[]> = {
        text: await renderInvoices(benchInvoiceSpecs(runId, 't', invoices + 1, scene.today), 'text'),
        ...(scans > 0
          ? { scan: await renderInvoices(benchInvoiceSpecs(runId, 's', scans + 1, scene.today), 'scan') }
          : {}),
      };
      if (options.fixtures) {
        const directory = resolve(process.env.INIT_CWD ?? process.cwd(), options.fixtures);
        const fixtures = await readFixtures(directory, runId);
        // The warm-up is a generated text PDF, so every fixture is timed.
        if (fixtures.length > 0) {
          const warmUp = await renderInvoices(benchInvoiceSpecs(runId, 'f', 1, scene.today), 'text');
          corpus.fixtures = [...warmUp, ...fixtures];
        }
      }

      const poolSize = workerOcrPoolSize(stack);
      log(`  extracting directly (OCR pool of ${poolSize}, as the worker's)…`);
      await preparePdfReader();
      const pool = await OcrPool.start({ size: poolSize });
      const rawMs: Record<string, number> = {};
      try {
        for (const [kind, documents] of Object.entries(corpus)) {
          rawMs[kind] = await extractDirectly(documents, pool);
        }
      } finally {
        await pool.terminate();
      }

      const figures: Record<string, KindFigures> = {};
      for (const [kind, documents] of Object.entries(corpus)) {
        const [warmUp, ...timed] = documents;
        if (!warmUp) continue;
        log(`  ${kind}: warm-up upload, then ${timed.length} uploads through the API…`);
        const warm = await uploadAll(api, scene, [warmUp], 1);
        waiting.push(...(await firstTasks(db, scene, [warm[0]!.workflowId], 300_000)).values());
        const began = Date.now();
        const uploaded = await uploadAll(api, scene, timed, UPLOAD_PARALLEL);
        const tasks = await firstTasks(
          db,
          scene,
          uploaded.map((u) => u.workflowId),
          Math.max(300_000, timed.length * 20_000),
        );
        waiting.push(...tasks.values());
        const doneAt = uploaded.map((u) => tasks.get(u.workflowId)!.createdAt.getTime());
        const endToEndMs = Math.max(...doneAt) - began;
        const raw = rawMs[kind] ?? 0;
        figures[kind] = {
          invoices: timed.length,
          raw: { seconds: Math.round(raw) / 1000, invoicesPerMinute: perMinute(timed.length, raw) },
          endToEnd: {
            seconds: endToEndMs / 1000,
            invoicesPerMinute: perMinute(timed.length, endToEndMs),
            latency: summarise(uploaded.map((u, i) => (doneAt[i] ?? 0) - u.sentAt)),
            inReview: [...tasks.values()].filter((t) => t.kind === 'invoice_review').length,
            inApproval: [...tasks.values()].filter((t) => t.kind !== 'invoice_review').length,
            rateLimitedUploads: uploaded.reduce((sum, u) => sum + u.throttled, 0),
          },
          orchestrationFactor: ratio(endToEndMs, raw),
          overheadSecondsPerInvoice: Math.round((endToEndMs - raw) / timed.length) / 1000,
        };
        log(
          `  ${kind}: ${figures[kind].endToEnd.invoicesPerMinute}/min end to end, ${figures[kind].raw.invoicesPerMinute}/min extraction alone`,
        );
      }
      const rateLimit = stack.setting('api', 'RATE_LIMIT_UPLOADS_PER_MINUTE') ?? 'unknown';
      const label: Record<string, string> = { text: 'text PDFs', scan: 'scans (OCR)', fixtures: 'fixtures' };
      const summary: SummaryRow[] = Object.entries(figures).map(([kind, f]) => ({
        figure: `intake, ${label[kind] ?? kind}`,
        value: `${f.endToEnd.invoicesPerMinute}/min`,
        detail: `extraction alone ${f.raw.invoicesPerMinute}/min (${f.orchestrationFactor}×)`,
        sizes: `${f.invoices} invoices`,
      }));
      return {
        result: {
          benchmark: 'intake',
          run,
          sizes: {
            textInvoices: invoices,
            scans,
            fixtures: options.fixtures,
            fixtureFiles: (corpus.fixtures?.length ?? 1) - 1,
            uploadsInFlight: UPLOAD_PARALLEL,
            ocrPoolSize: poolSize,
            uploadRateLimitPerMinute: rateLimit,
          },
          method: {
            endToEnd:
              'Invoices per minute from the first upload request (POST /invoices/uploads as supplier@kalahari.demo with a real Keycloak token, 8 in flight) until the last intake workflow has written its first task (review or approval), read from the task rows’ created_at; latency is per invoice from its upload to its task.',
            raw: 'Invoices per minute of the extraction code alone (extractInvoice: pdfjs text layer, else OCR on a tesseract.js pool the size of the worker’s) on the same files, all at once, in the benchmark process, in the same run.',
            orchestrationFactor:
              'End-to-end seconds over extraction-alone seconds for the same invoices: what storage, Temporal, the checks and the task cost on top of reading the document.',
          },
          figures,
        },
        summary,
      };
    } finally {
      await closeReviews(api, waiting, log);
      await db.$disconnect();
    }
  },
};

import { Client, Connection } from '@temporalio/client';
import { createDatabase } from '../../activities/src/database/client';
import { BenchApi, sleep } from './api-client';
import { type Benchmark } from './benchmark';
import { workerOcrPoolSize } from './intake';
import { benchInvoiceSpecs, renderInvoices } from './invoice-corpus';
import { closeReviews, firstTasks, intakeScene, uploadAll, type WaitingTask } from './intake-scene';
import { type MemorySample, memoryFigures, residentMemory } from './memory-samples';
import { runContext } from './result';

const SAMPLE_EVERY_MS = 100;
/** temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED */
const ACTIVITY_STARTED = 2;
const ROUNDS = 3;

/**
 * The worker's resident memory with its OCR pool full: OCR_POOL_SIZE scans uploaded at once through the API, three
 * rounds one after another, the worker's VmRSS sampled every 100 ms together with how many extraction activities
 * Temporal reports started; the figure is taken over the samples where all OCR_POOL_SIZE scans were being read.
 */
export const memoryBenchmark: Benchmark = {
  name: 'memory',
  needs: 'full',
  async run({ stack, log }) {
    const run = runContext(stack.label);
    const pid = stack.workerPid();
    if (pid === undefined)
      throw new Error("the worker's process id is unknown (no pid file of this checkout)");
    const poolSize = workerOcrPoolSize(stack);
    const runId = Date.now().toString(36);
    const db = createDatabase(stack.env.DATABASE_URL, { maxConnections: 2 });
    const api = new BenchApi(stack.env);
    const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
    const temporalClient = new Client({ connection, namespace: stack.env.TEMPORAL_NAMESPACE });
    const waiting: WaitingTask[] = [];
    try {
      const scene = await intakeScene(db);
      const scans = await renderInvoices(
        benchInvoiceSpecs(runId, 'm', poolSize * ROUNDS, scene.today),
        'scan',
      );
      const samples: MemorySample[] = [];
      const startedAt = { ms: 0 };
      let workflowIds: string[] = [];
      const ocrInFlight = async () => {
        const described = await Promise.all(
          workflowIds.map((id) =>
            temporalClient.workflow
              .getHandle(id)
              .describe()
              .catch(() => null),
          ),
        );
        return described
          .flatMap((d) => d?.raw.pendingActivities ?? [])
          .filter(
            (a) => a.activityType?.name === 'extractInvoiceDocument' && Number(a.state) === ACTIVITY_STARTED,
          ).length;
      };
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const at = Date.now();
          const inFlight = workflowIds.length > 0 ? await ocrInFlight() : 0;
          samples.push({
            atMs: startedAt.ms === 0 ? -1 : at - startedAt.ms,
            rssBytes: residentMemory(pid).rssBytes,
            ocrInFlight: inFlight,
          });
          await sleep(Math.max(0, SAMPLE_EVERY_MS - (Date.now() - at)));
        }
      })();
      await sleep(1_000);
      for (let round = 0; round < ROUNDS; round += 1) {
        const batch = scans.slice(round * poolSize, (round + 1) * poolSize);
        log(`  round ${round + 1}: ${batch.length} scans at once…`);
        if (startedAt.ms === 0) startedAt.ms = Date.now();
        const uploaded = await uploadAll(api, scene, batch, batch.length);
        workflowIds = uploaded.map((u) => u.workflowId);
        waiting.push(...(await firstTasks(db, scene, workflowIds, 300_000)).values());
        workflowIds = [];
      }
      sampling = false;
      await sampler;
      const figures = memoryFigures(samples, poolSize, SAMPLE_EVERY_MS);
      const highWaterMb = Math.round(residentMemory(pid).highWaterBytes / 2 ** 20);
      return {
        result: {
          benchmark: 'worker-memory',
          run,
          sizes: {
            ocrPoolSize: poolSize,
            scansAtOnce: poolSize,
            rounds: ROUNDS,
            sampleEveryMs: SAMPLE_EVERY_MS,
          },
          method: {
            poolFull:
              'The worker process’s VmRSS (/proc) sampled every 100 ms while OCR_POOL_SIZE uploaded scans were being read at once (Temporal reporting that many extractInvoiceDocument activities started); peak and mean over those samples.',
            idleRssMb: 'VmRSS before the uploads (median of the samples in the second before).',
            highWaterMb: 'The worker’s VmHWM at the end: its peak since it started, whatever it did before.',
          },
          figures: { ...figures, highWaterMb },
        },
        summary: [
          {
            figure: `worker RSS, OCR pool full (${poolSize})`,
            value: figures.poolFull ? `${figures.poolFull.peakRssMb} MB` : 'pool never full',
            detail: `idle ${figures.idleRssMb} MB`,
            sizes: `${poolSize} scans at once × ${ROUNDS}`,
          },
        ],
      };
    } finally {
      await closeReviews(api, waiting, log);
      await connection.close();
      await db.$disconnect();
    }
  },
};

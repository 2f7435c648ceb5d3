import fs from 'node:fs';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import {
  type Config,
  bankDetailsCipherFromConfig,
  createActivities,
  createDatabase,
  createObjectStorageClient,
  sharedOcrPool,
  shutdownSharedOcrPool,
} from '@eventvault/activities';
import { workflowBundlePath } from './workflow-bundle';

export interface RunningWorker {
  readonly worker: Worker;
  /** Resolves when the worker has drained and every client is closed. */
  readonly finished: Promise<void>;
}

let runtimeInstalled = false;

/** Installs the process-wide Temporal runtime once, with Prometheus metrics on the given port. */
export function installRuntime(host: string, metricsPort: number): void {
  if (runtimeInstalled) return;
  Runtime.install({
    telemetryOptions: { metrics: { prometheus: { bindAddress: `${host}:${metricsPort}` } } },
  });
  runtimeInstalled = true;
}

export async function startWorker(config: Config): Promise<RunningWorker> {
  if (!fs.existsSync(workflowBundlePath)) {
    throw new Error(`The workflow bundle ${workflowBundlePath} is missing: run \`npm run build -w worker\`.`);
  }
  // The OCR pool starts with the worker, so a missing or damaged model stops it at once instead of at the first scan.
  const poolSize = Number(config.OCR_POOL_SIZE);
  const ocr = sharedOcrPool(poolSize > 0 ? { size: poolSize } : {});
  await ocr();
  const db = createDatabase(config.DATABASE_URL);
  const storage = createObjectStorageClient(config);
  let connection: NativeConnection | undefined;
  let worker: Worker;
  try {
    connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    worker = await createWorker(config, connection, db, storage, ocr);
  } catch (error) {
    await shutdownSharedOcrPool();
    await connection?.close();
    await db.$disconnect();
    throw error;
  }
  const open = connection;
  const finished = worker.run().finally(async () => {
    // The OCR pool (one per process) goes with the worker.
    await shutdownSharedOcrPool();
    await open.close();
    await db.$disconnect();
  });
  return { worker, finished };
}

function createWorker(
  config: Config,
  connection: NativeConnection,
  db: ReturnType<typeof createDatabase>,
  storage: ReturnType<typeof createObjectStorageClient>,
  ocr: ReturnType<typeof sharedOcrPool>,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: { codePath: workflowBundlePath },
    activities: createActivities({
      db,
      storage,
      buckets: { documents: config.S3_BUCKET_DOCUMENTS, reports: config.S3_BUCKET_REPORTS },
      bankDetailsCipher: bankDetailsCipherFromConfig(config),
      ocr,
    }),
    shutdownGraceTime: '20 seconds',
  });
}

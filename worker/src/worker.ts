import fs from 'node:fs';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import {
  type Config,
  createActivities,
  createDatabase,
  createObjectStorageClient,
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
  const db = createDatabase(config.DATABASE_URL);
  const storage = createObjectStorageClient(config);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: { codePath: workflowBundlePath },
    activities: createActivities({
      db,
      storage,
      buckets: { documents: config.S3_BUCKET_DOCUMENTS, reports: config.S3_BUCKET_REPORTS },
    }),
    shutdownGraceTime: '20 seconds',
  });
  const finished = worker.run().finally(async () => {
    await connection.close();
    await db.$disconnect();
  });
  return { worker, finished };
}

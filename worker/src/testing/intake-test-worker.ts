import { NativeConnection, Worker } from '@temporalio/worker';
import {
  bankDetailsCipherFromConfig,
  createActivities,
  createDatabase,
  createObjectStorageClient,
  loadConfig,
  shutdownSharedOcrPool,
} from '@eventvault/activities';

/**
 * A worker process for the intake kill test: every real activity (extraction with its OCR pool, intake, posting)
 * against the database in DATABASE_URL, on the task queue in EV_TEST_TASK_QUEUE, with the intake workflow and the
 * approval stand-in. Prints "ready" once it polls; the test kills it with SIGKILL.
 */
async function main(): Promise<void> {
  const config = loadConfig('worker');
  const taskQueue = process.env.EV_TEST_TASK_QUEUE;
  if (!taskQueue) throw new Error('EV_TEST_TASK_QUEUE is not set');
  const db = createDatabase(config.DATABASE_URL, { maxConnections: 4 });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    // EV_TEST_WORKFLOWS=all: every workflow from source (real approval), for acceptance runs beside a stack.
    workflowsPath:
      process.env.EV_TEST_WORKFLOWS === 'all'
        ? require.resolve('../../../workflows/src/index')
        : require.resolve('../../../workflows/src/invoice-intake/testing/workflows'),
    activities: createActivities({
      db,
      storage: createObjectStorageClient(config),
      buckets: { documents: config.S3_BUCKET_DOCUMENTS, reports: config.S3_BUCKET_REPORTS },
      bankDetailsCipher: bankDetailsCipherFromConfig(config),
    }),
  });
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
  await shutdownSharedOcrPool();
  await connection.close();
  await db.$disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

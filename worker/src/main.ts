import { loadConfig } from '@eventvault/activities';
import { installRuntime, startWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig('worker');
  installRuntime(config.BIND_HOST, Number(config.WORKER_METRICS_PORT));
  const { worker, finished } = await startWorker(config);
  // Runtime.install already shuts the worker down on SIGINT/SIGTERM; this only reports it.
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'worker started', taskQueue: config.TEMPORAL_TASK_QUEUE, metrics: `${config.BIND_HOST}:${config.WORKER_METRICS_PORT}/metrics` })}\n`,
  );
  await finished;
  process.stdout.write(
    `${JSON.stringify({ level: 'info', msg: 'worker stopped', state: worker.getState() })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'worker failed', error: String(error) })}\n`);
  process.exit(1);
});

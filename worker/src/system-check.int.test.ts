import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { SystemCheckReport } from '@eventvault/workflows';
import { loadConfig } from '@eventvault/activities';
import { startService, stopService } from '../../scripts/stack/control';

// A real round trip: this test's client → the test stack's Temporal server → the worker process the stack started
// (built from worker/dist with the ahead-of-time workflow bundle) → PostgreSQL and S3 → back.
describe('system check workflow on the real Temporal server', () => {
  const config = loadConfig('worker');

  async function withClient<T>(use: (client: Client) => Promise<T>): Promise<T> {
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    try {
      return await use(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }));
    } finally {
      await connection.close();
    }
  }

  it('runs on the worker, which reaches the database and object storage', async () => {
    const workflowId = `system-check-${randomUUID()}`;
    const report = await withClient((client) =>
      client.workflow.execute<() => Promise<SystemCheckReport>>('systemCheckWorkflow', {
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowId,
        workflowExecutionTimeout: '1 minute',
      }),
    );
    expect(report.workflowId).toBe(workflowId);
    expect(report.taskQueue).toBe(config.TEMPORAL_TASK_QUEUE);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['database', 'up'],
      ['object-storage', 'up'],
    ]);
    expect(report.healthy).toBe(true);
  });

  it('keeps finished workflows and their results across a restart of the Temporal server', async () => {
    const workflowId = `system-check-${randomUUID()}`;
    await withClient((client) =>
      client.workflow.execute('systemCheckWorkflow', { taskQueue: config.TEMPORAL_TASK_QUEUE, workflowId }),
    );
    await stopService('temporal');
    await startService('temporal');
    const { status, result } = await withClient(async (client) => {
      const handle = client.workflow.getHandle<() => Promise<SystemCheckReport>>(workflowId);
      return { status: (await handle.describe()).status.name, result: await handle.result() };
    });
    expect(status).toBe('COMPLETED');
    expect(result.healthy).toBe(true);
  });

  it('reports a dependency the worker cannot reach instead of hiding it', async () => {
    await stopService('s3');
    try {
      const report = await withClient((client) =>
        client.workflow.execute<() => Promise<SystemCheckReport>>('systemCheckWorkflow', {
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowId: `system-check-${randomUUID()}`,
        }),
      );
      expect(report.healthy).toBe(false);
      expect(report.checks.find((c) => c.name === 'object-storage')?.status).toBe('down');
      expect(report.checks.find((c) => c.name === 'database')?.status).toBe('up');
    } finally {
      await startService('s3');
    }
  });
});

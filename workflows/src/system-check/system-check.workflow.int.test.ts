import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { DependencyCheck, SystemCheckActivities } from '@eventvault/activities';
import { systemCheckWorkflow } from './system-check.workflow';

// The workflow alone, on Temporal's time-skipping test server (installed by `npm run setup` into .venv), with
// activities replaced: what is under test is how the workflow combines their answers.
describe('systemCheckWorkflow', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: {
          type: 'existing-path',
          path: path.resolve(__dirname, '../../../.venv/bin/temporal-test-server'),
        },
      },
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  async function run(activities: SystemCheckActivities, workflowId: string) {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'system-check-test',
      workflowsPath: require.resolve('./system-check.workflow'),
      activities,
    });
    return worker.runUntil(
      env.client.workflow.execute(systemCheckWorkflow, { taskQueue: 'system-check-test', workflowId }),
    );
  }

  const up = (name: DependencyCheck['name']): DependencyCheck => ({ name, status: 'up', latencyMs: 1 });

  it('is healthy when every dependency is up', async () => {
    const report = await run(
      {
        checkDatabase: () => Promise.resolve(up('database')),
        checkObjectStorage: () => Promise.resolve(up('object-storage')),
      },
      'check-all-up',
    );
    expect(report).toEqual({
      workflowId: 'check-all-up',
      taskQueue: 'system-check-test',
      checks: [up('database'), up('object-storage')],
      healthy: true,
    });
  });

  it('is unhealthy when one dependency is down, and still reports the others', async () => {
    const down: DependencyCheck = {
      name: 'database',
      status: 'down',
      latencyMs: 2,
      error: 'connection refused',
    };
    const report = await run(
      {
        checkDatabase: () => Promise.resolve(down),
        checkObjectStorage: () => Promise.resolve(up('object-storage')),
      },
      'check-db-down',
    );
    expect(report.healthy).toBe(false);
    expect(report.checks).toEqual([down, up('object-storage')]);
  });
});

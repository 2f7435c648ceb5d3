import path from 'node:path';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createDatabase, type Database } from '../../database/client';
import { createMigratedDatabase, type ScratchDatabase } from '../../database/testing/scratch-database';
import { createApprovalActivities } from '../approval.activities';
import { type ApprovalOrganisation, createApprovalOrganisation } from './approval-organisation';
import { bundleApprovalWorkflow } from './approval-workflow-bundle';

const repoRoot = path.resolve(__dirname, '../../../..');

export interface ApprovalWorkflowEnvironment {
  readonly env: TestWorkflowEnvironment;
  /**
   * A plain client: time moves only when a test sleeps (`env.sleep`). The environment's own client skips time
   * (by years) whenever a test awaits a result.
   */
  readonly client: Client;
  readonly db: Database;
  readonly org: ApprovalOrganisation;
  readonly taskQueue: string;
  withWorker<T>(body: () => Promise<T>): Promise<T>;
  teardown(): Promise<void>;
}

/**
 * Temporal's time-skipping test server, a scratch database on the test stack's PostgreSQL with an approval
 * organisation in it, and a worker running the real approval activities against it.
 */
export async function startApprovalWorkflowEnvironment(
  workflowsPath: string,
  databasePrefix: string,
): Promise<ApprovalWorkflowEnvironment> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const scratch: ScratchDatabase = await createMigratedDatabase(databasePrefix);
  const db = createDatabase(scratch.url, { maxConnections: 4 });
  let env: TestWorkflowEnvironment | undefined;
  try {
    const org = await createApprovalOrganisation(db);
    const bundle = await bundleApprovalWorkflow(workflowsPath);
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: { type: 'existing-path', path: path.join(repoRoot, '.venv/bin/temporal-test-server') },
      },
    });
    const started = env;
    const client = new Client({ connection: started.connection, namespace: started.namespace ?? 'default' });
    const taskQueue = `approval-${databasePrefix}`;
    return {
      env: started,
      client,
      db,
      org,
      taskQueue,
      async withWorker(body) {
        const worker = await Worker.create({
          connection: started.nativeConnection,
          taskQueue,
          workflowBundle: bundle,
          activities: createApprovalActivities({ db }),
        });
        return worker.runUntil(body());
      },
      async teardown() {
        await started.teardown();
        await db.$disconnect();
        await scratch.drop();
      },
    };
  } catch (error) {
    await env?.teardown();
    await db.$disconnect();
    await scratch.drop();
    throw error;
  }
}

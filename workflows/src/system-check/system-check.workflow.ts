import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SystemCheckActivities, DependencyCheck } from '@eventvault/activities';

export interface SystemCheckReport {
  readonly workflowId: string;
  readonly taskQueue: string;
  readonly checks: readonly DependencyCheck[];
  readonly healthy: boolean;
}

// A check answers now or reports the failure: retrying a dead dependency for minutes would hide it.
const { checkDatabase, checkObjectStorage } = proxyActivities<SystemCheckActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 1 },
});

/**
 * Checks the dependencies from the worker's side (the API's /health sees them from the API's side):
 * proves a workflow round trip through Temporal to a worker that reaches the database and object storage.
 */
export async function systemCheckWorkflow(): Promise<SystemCheckReport> {
  const checks = await Promise.all([checkDatabase(), checkObjectStorage()]);
  const info = workflowInfo();
  return {
    workflowId: info.workflowId,
    taskQueue: info.taskQueue,
    checks,
    healthy: checks.every((check) => check.status === 'up'),
  };
}

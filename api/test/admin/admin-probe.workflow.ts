import { sleep } from '@temporalio/workflow';

/** A stand-in business process for the admin tests: completes its first workflow task, then waits a day. */
export async function adminProbeWorkflow(input: Record<string, unknown>): Promise<Record<string, unknown>> {
  await sleep('1 day');
  return { done: true, input };
}

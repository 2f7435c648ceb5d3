import { condition, defineUpdate, setHandler } from '@temporalio/workflow';
import type { ApprovalOutcome, ApprovalRequest } from '@eventvault/domain';

/**
 * Test double of the multi-level approval child, used by the intake tests until they run the real one: it records the
 * request it was given and ends with whatever outcome the test decides.
 */
export const decideStandInApprovalUpdate = defineUpdate<ApprovalRequest, [ApprovalOutcome]>(
  'decideStandInApproval',
);

export async function multiLevelApprovalWorkflow(request: ApprovalRequest): Promise<ApprovalOutcome> {
  let outcome: ApprovalOutcome | null = null;
  setHandler(decideStandInApprovalUpdate, (decided) => {
    outcome = decided;
    return request;
  });
  await condition(() => outcome !== null);
  return outcome as unknown as ApprovalOutcome;
}

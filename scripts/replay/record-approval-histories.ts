import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { format, resolveConfig } from 'prettier';
import { loadProfile } from '../stack/profile';
import {
  type ApprovalWorkflowEnvironment,
  startApprovalWorkflowEnvironment,
} from '../../activities/src/approval/testing/approval-workflow-environment';
import {
  approvalStateQuery,
  approveUpdate,
  delegateUpdate,
  rejectUpdate,
  requestChangesUpdate,
} from '../../workflows/src/approval/approval.messages';
import { multiLevelApprovalWorkflow } from '../../workflows/src/approval/multi-level-approval.workflow';

/**
 * Records the histories of representative approval runs into workflows/src/approval/histories (one JSON file each),
 * for the replay test (multi-level-approval.replay.spec.ts). Run against the test stack's PostgreSQL:
 *   EV_KEEP_TEST_STACK=1 npx tsx scripts/replay/record-approval-histories.ts
 * Re-record only on purpose: a saved history stands for approvals already running in production.
 */

type Handle = WorkflowHandle<typeof multiLevelApprovalWorkflow>;

const caller = (userId: string, extra: Record<string, unknown> = {}) => ({
  userId,
  roles: ['approver'],
  acr: '1',
  authTime: '1970-01-01T00:00:00.000Z',
  ...extra,
});

async function untilLevel(handle: Handle, level: number) {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const state = await handle.query(approvalStateQuery);
    if (state.currentLevel === level && state.levels[level - 1]?.status === 'pending') return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`level ${level} never became pending`);
}

const scenarios: Record<string, (kit: ApprovalWorkflowEnvironment) => Promise<Handle>> = {
  async 'approved-two-levels'(kit) {
    const { users } = kit.org;
    const handle = await start(kit, kit.org.request('1000.00'));
    await untilLevel(handle, 1);
    await handle.executeUpdate(approveUpdate, { args: [caller(users.manager)] });
    await untilLevel(handle, 2);
    await handle.executeUpdate(approveUpdate, { args: [caller(users.financeA, { comment: 'checked' })] });
    await handle.executeUpdate(approveUpdate, { args: [caller(users.financeA)] });
    await handle.executeUpdate(approveUpdate, { args: [caller(users.financeB)] });
    return handle;
  },
  async 'rejected-step-up'(kit) {
    const { users } = kit.org;
    const handle = await start(kit, kit.org.request('60000.00'));
    const state = await untilLevel(handle, 1);
    await handle.executeUpdate(rejectUpdate, {
      args: [caller(users.owner, { acr: '2', authTime: state.asOf, comment: 'Duplicate of last week' })],
    });
    return handle;
  },
  async 'changes-requested-after-delegation'(kit) {
    const { users } = kit.org;
    const handle = await start(kit, kit.org.request('900.00'));
    await untilLevel(handle, 1);
    await handle.executeUpdate(delegateUpdate, { args: [{ ...caller(users.owner), to: users.deputy }] });
    await handle.executeUpdate(requestChangesUpdate, {
      args: [caller(users.deputy, { comment: 'Book it on the lighting line' })],
    });
    return handle;
  },
  async 'reminded-escalated-approved'(kit) {
    const { users } = kit.org;
    const handle = await start(kit, kit.org.request('1200.00'));
    await untilLevel(handle, 1);
    // Two weeks: past any reminder and escalation deadline, weekends and holidays included.
    await kit.env.sleep('14 days');
    for (let attempt = 0; ; attempt += 1) {
      const state = await handle.query(approvalStateQuery);
      if (state.levels[0]?.escalatedAt) break;
      if (attempt > 400) throw new Error('the level was not escalated');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await handle.executeUpdate(approveUpdate, { args: [caller(users.director)] });
    await untilLevel(handle, 2);
    await handle.executeUpdate(approveUpdate, { args: [caller(users.financeA)] });
    await handle.executeUpdate(approveUpdate, { args: [caller(users.financeB)] });
    return handle;
  },
};

function start(
  kit: ApprovalWorkflowEnvironment,
  request: ReturnType<ApprovalWorkflowEnvironment['org']['request']>,
) {
  return kit.client.workflow.start(multiLevelApprovalWorkflow, {
    taskQueue: kit.taskQueue,
    workflowId: `approval-${request.subject.id}`,
    args: [request],
  });
}

const { History } = temporal.api.history.v1;

/**
 * protobufjs's own object form (longs, enums and bytes as strings); loadApprovalHistory reads it back. The SDK's
 * historyToJSON fails on this install (two protobufjs majors meet in @temporalio/common and @temporalio/proto).
 */
function historyAsJson(history: temporal.api.history.v1.IHistory): Record<string, unknown> {
  return History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) Object.assign(process.env, loadProfile('test').appEnv);
  const kit = await startApprovalWorkflowEnvironment(
    require.resolve('../../workflows/src/approval/multi-level-approval.workflow'),
    'approval_histories',
  );
  try {
    for (const [name, run] of Object.entries(scenarios)) {
      const handle = await kit.withWorker(async () => {
        const started = await run(kit);
        await started.result();
        return started;
      });
      const history = await handle.fetchHistory();
      const file = path.join(__dirname, '../../workflows/src/approval/histories', `${name}.json`);
      // Written as the repository's formatter would write it, so `npm run lint` accepts a fresh recording.
      const text = await format(JSON.stringify(historyAsJson(history)), {
        ...(await resolveConfig(file)),
        filepath: file,
      });
      fs.writeFileSync(file, text);
      console.log(`recorded ${path.relative(process.cwd(), file)} (${history.events?.length ?? 0} events)`);
    }
  } finally {
    await kit.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

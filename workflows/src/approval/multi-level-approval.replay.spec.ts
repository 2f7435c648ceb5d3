import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { bundleApprovalWorkflow } from '../../../activities/src/approval/testing/approval-workflow-bundle';

// Every saved approval history (histories/*.json, recorded by scripts/replay/record-approval-histories.ts) replays against today's workflow
// code: a change that would break approvals already running fails here. Use patched()/deprecatePatch() to change
// running logic.

const { History } = temporal.api.history.v1;
const folder = path.join(__dirname, 'histories');

function loadApprovalHistory(file: string): temporal.api.history.v1.History {
  return History.fromObject(
    JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>,
  );
}

const files = fs
  .readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .sort();

let bundle: WorkflowBundle;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  bundle = await bundleApprovalWorkflow(require.resolve('./multi-level-approval.workflow'));
}, 60_000);

async function replay(histories: { workflowId: string; history: temporal.api.history.v1.History }[]) {
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories))
    results.push(result);
  return results;
}

describe('multiLevelApprovalWorkflow replay', () => {
  it('has the representative histories saved', () => {
    expect(files).toEqual([
      'approved-two-levels.json',
      'changes-requested-after-delegation.json',
      'rejected-step-up.json',
      'reminded-escalated-approved.json',
    ]);
  });

  it('replays every saved history without a determinism error', async () => {
    const results = await replay(
      files.map((file) => ({ workflowId: file, history: loadApprovalHistory(file) })),
    );
    expect(results.map((result) => [result.workflowId, result.error?.message ?? null])).toEqual(
      files.map((file) => [file, null]),
    );
  }, 60_000);

  it('fails a history whose recorded steps this code would not take', async () => {
    const history = loadApprovalHistory('approved-two-levels.json');
    const scheduled = history.events.find(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'openApprovalLevel',
    );
    scheduled!.activityTaskScheduledEventAttributes!.activityType!.name = 'openSomethingElse';
    const [result] = await replay([{ workflowId: 'tampered', history }]);
    expect(result?.error?.message).toMatch(/nondetermin/i);
  }, 60_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';

// Saved intake histories (histories/*.json, recorded by the workflow test with EV_RECORD_INTAKE_HISTORIES=1) replay
// against today's workflow code: a change that would break intakes already running fails here. Change running logic
// with patched()/deprecatePatch().

const { History } = temporal.api.history.v1;
const folder = path.join(__dirname, 'histories');
/** A saved run: its workflow id (child ids derive from it) and its history. */
function load(file: string) {
  const saved = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as {
    workflowId: string;
    history: Record<string, unknown>;
  };
  return { workflowId: saved.workflowId, history: History.fromObject(saved.history) };
}
const files = fs
  .readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .sort();

let bundle: WorkflowBundle;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./testing/workflows'),
    logger: new DefaultLogger('WARN'),
  });
}, 60_000);

async function replay(histories: { workflowId: string; history: temporal.api.history.v1.History }[]) {
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories))
    results.push(result);
  return results;
}

describe('invoiceIntakeWorkflow replay', () => {
  it('has the representative histories saved', () => {
    expect(files).toEqual([
      'changes-requested-resubmitted-posted.json',
      'duplicate-number-rejected-in-review.json',
      'foreign-supplier-reviewed-posted.json',
      'posted-after-approval.json',
    ]);
  });

  it('replays every saved history without a determinism error', async () => {
    const saved = files.map(load);
    const results = await replay(saved);
    expect(results.map((r) => [r.workflowId, r.error?.message ?? null])).toEqual(
      saved.map((s) => [s.workflowId, null]),
    );
  }, 60_000);

  it('fails a history whose recorded steps this code would not take', async () => {
    const { workflowId, history } = load('posted-after-approval.json');
    const scheduled = history.events.find(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'assessInvoice',
    );
    const attributes = scheduled?.activityTaskScheduledEventAttributes;
    if (!attributes?.activityType) throw new Error('no assessInvoice in the saved history');
    attributes.activityType.name = 'assessSomethingElse';
    const [result] = await replay([{ workflowId, history }]);
    expect(result?.error?.message).toMatch(/nondetermin/i);
  }, 60_000);
});

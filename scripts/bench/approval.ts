import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { createDatabase } from '../../activities/src/database/client';
import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';
import { BenchApi, inBatches, sleep, until } from './api-client';
import { type Benchmark, ms } from './benchmark';
import { benchSupplier, sha256 } from './invoice-corpus';
import { financeUser, firstTasks, intakeScene, uploadAll } from './intake-scene';
import { runContext } from './result';
import { summarise } from './stats';
import { approvalStateQuery } from '../../workflows/src';

interface InboxTask {
  id: string;
  status: string;
  approvalLevel: number | null;
}

/** Who decides each level of Kalahari's policy for an invoice above R100 000 (the demo seed's policy). */
const levels: readonly { readonly level: number; readonly approver: string }[] = [
  { level: 1, approver: 'approver@kalahari.demo' },
  { level: 2, approver: financeUser },
  { level: 3, approver: 'director@kalahari.demo' },
];

const myTasksQuery = `query($search: String, $filter: TaskFilter) {
  myTasks(search: $search, filter: $filter, first: 50) { items { id status approvalLevel } } }`;
const approveMutation = `mutation($taskId: ID!, $comment: String) {
  approveTask(taskId: $taskId, comment: $comment) { decision { level decision } } }`;
const rejectMutation = `mutation($taskId: ID!, $comment: String) {
  rejectTask(taskId: $taskId, comment: $comment) { decision { level decision } } }`;

/** Until the approval run has opened `level`: its tasks written and the level waiting for decisions. */
async function untilActionable(approval: WorkflowHandle, level: number): Promise<void> {
  await until(
    `approval level ${level} to wait for decisions`,
    async () => {
      const state = await approval.query(approvalStateQuery);
      return state.currentLevel === level && state.pendingApprovers.length > 0 ? true : undefined;
    },
    120_000,
    5,
  );
}

/**
 * Approval decision latency: invoices of R115 000 and more (three levels: budget-line owner, finance, director; step-up
 * above R50 000) are brought to their first approval level through the API (uploaded by the supplier, review
 * completed by finance). Then, one decision at a time, an approver's approveTask (a step-up token, acr 2) is timed
 * until the next level's task is in the next approver's myTasks, polled back to back. Two timed decisions per invoice;
 * the director rejects the third level (untimed), so nothing is posted to the demo budget.
 */
export const approvalBenchmark: Benchmark = {
  name: 'approval',
  needs: 'full',
  async run({ stack, options, log }) {
    const run = runContext(stack.label);
    const runId = Date.now().toString(36);
    const decisions = options.sizes.decisions;
    const invoices = Math.ceil(decisions / 2);
    const db = createDatabase(stack.env.DATABASE_URL, { maxConnections: 2 });
    const api = new BenchApi(stack.env);
    const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
    const temporal = new Client({ connection, namespace: stack.env.TEMPORAL_NAMESPACE });
    try {
      const scene = await intakeScene(db);
      log('  signing the approvers in with step-up (acr 2)…');
      for (const { approver } of levels) await api.accessToken(approver, true);

      log(`  bringing ${invoices} invoices to their first approval level…`);
      const numbers = Array.from(
        { length: invoices },
        (_, i) => `EVA-${runId}-${String(i + 1).padStart(4, '0')}`,
      );
      const documents = await Promise.all(
        numbers.map(async (number, i) => {
          const pdf = Buffer.from(
            await generateInvoicePdf(
              sampleInvoiceSpec({
                supplier: benchSupplier,
                number,
                issueDate: scene.today,
                dueDate: scene.today,
                dateStyle: 'iso',
                lines: [
                  { description: 'Stage, sound and rigging', quantity: '1', unitPrice: `${100000 + i}.00` },
                ],
              }),
            ),
          );
          return { name: `${number}.pdf`, kind: 'text' as const, bytes: pdf, sha256: sha256(pdf) };
        }),
      );
      const uploaded = await uploadAll(api, scene, documents, 4);
      const reviews = await firstTasks(
        db,
        scene,
        uploaded.map((u) => u.workflowId),
        Math.max(300_000, invoices * 20_000),
      );
      await inBatches([...reviews.values()], 4, (task) =>
        task.kind !== 'invoice_review'
          ? Promise.resolve(null)
          : api.graphql(
              financeUser,
              `mutation($taskId: ID!, $input: CompleteInvoiceReviewInput!) {
                completeInvoiceReview(taskId: $taskId, input: $input) { intakeStatus } }`,
              {
                taskId: task.id,
                input: {
                  decision: 'ACCEPT',
                  supplierId: scene.supplierId,
                  budgetLineId: scene.budgetLineId,
                  corrections: { supplierName: benchSupplier.name },
                },
              },
            ),
      );
      const inbox = (username: string, number: string) =>
        api
          .graphql<{ myTasks: { items: InboxTask[] } }>(
            username,
            myTasksQuery,
            { search: number, filter: { kinds: ['invoice_approval'] } },
            { stepUp: true },
          )
          .then((answer) => answer.myTasks.items);
      const openTask = (items: InboxTask[], level: number) =>
        items.find((t) => t.status === 'OPEN' && t.approvalLevel === level);
      const firstLevel = await Promise.all(
        numbers.map((number) =>
          until(
            `invoice ${number} at the first approval level`,
            async () => openTask(await inbox(levels[0]!.approver, number), 1),
            300_000,
            500,
          ),
        ),
      );

      log(`  timing ${decisions} decisions…`);
      const latencies: number[] = [];
      const actionable: number[] = [];
      const mutations: number[] = [];
      const written: number[] = [];
      let polls = 0;
      for (const [i, number] of numbers.entries()) {
        let task: InboxTask = firstLevel[i]!;
        const approval = temporal.workflow.getHandle(`${uploaded[i]!.workflowId}-approval-1`);
        await untilActionable(approval, 1);
        for (const { level, approver } of levels.slice(0, 2)) {
          const next = levels[level]!;
          const timedDecision = latencies.length < decisions;
          const sent = Date.now();
          const began = performance.now();
          await api.graphql(
            approver,
            approveMutation,
            { taskId: task.id, comment: 'benchmark' },
            { stepUp: true },
          );
          const answered = performance.now();
          let seen: InboxTask | undefined;
          for (;;) {
            polls += 1;
            seen = openTask(await inbox(next.approver, number), next.level);
            if (seen || performance.now() - began > 120_000) break;
            await sleep(5);
          }
          if (!seen)
            throw new Error(`level ${next.level} of ${number} never reached ${next.approver}'s inbox`);
          const visible = performance.now();
          await untilActionable(approval, next.level);
          if (timedDecision) {
            latencies.push(visible - began);
            actionable.push(performance.now() - began);
            mutations.push(answered - began);
            const row = await db.task.findUniqueOrThrow({
              where: { organisationId_id: { organisationId: scene.organisationId, id: seen.id } },
              select: { createdAt: true },
            });
            written.push(row.createdAt.getTime() - sent);
          }
          task = seen;
        }
        await api.graphql(
          levels[2]!.approver,
          rejectMutation,
          { taskId: task.id, comment: 'Benchmark invoice, not a real one.' },
          { stepUp: true },
        );
      }
      const latency = summarise(latencies);
      return {
        result: {
          benchmark: 'approval',
          run,
          sizes: { decisions: latencies.length, invoices, amountFrom: '115000.00 ZAR', levels: 3 },
          method: {
            latency:
              'From sending approveTask (GraphQL, step-up token) to the moment the next level’s task is OPEN in the next approver’s myTasks (searched by invoice number, polled back to back with 5 ms pauses), one decision at a time.',
            mutation: 'The approveTask request alone (the workflow Update answered).',
            taskWritten:
              'From sending approveTask to the next level’s task row created_at (the database clock, same host): without the polling’s resolution.',
            actionable:
              'From sending approveTask until the approval run reports the next level waiting for decisions (its state query through Temporal): the task is in the inbox a little earlier, and a decision sent in between is held by the API until the level takes it (up to 5 s).',
          },
          figures: {
            latency,
            mutation: summarise(mutations),
            taskWritten: summarise(written),
            actionable: summarise(actionable),
            inboxPolls: polls,
          },
        },
        summary: [
          {
            figure: 'approval decision → next inbox',
            value: `p50 ${ms(latency.p50Ms)}`,
            detail: `p99 ${ms(latency.p99Ms)}`,
            sizes: `${latencies.length} decisions`,
          },
        ],
      };
    } finally {
      await connection.close();
      await db.$disconnect();
    }
  },
};

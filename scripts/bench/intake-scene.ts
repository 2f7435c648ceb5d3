import type { Database } from '../../activities/src/database/client';
import { type BenchApi, inBatches, until } from './api-client';
import { benchSupplier, type BenchDocument } from './invoice-corpus';

/** The demo organisation's pieces the intake, approval and memory benchmarks upload into. */
export interface IntakeScene {
  readonly organisationId: string;
  readonly supplierId: string;
  readonly eventId: string;
  readonly budgetLineId: string;
  readonly approverId: string;
  readonly today: string;
}

export const supplierUser = 'supplier@kalahari.demo';
export const financeUser = 'finance@kalahari.demo';

/**
 * Kalahari Live Events of the demo seed: its supplier Soundwave (whose portal login uploads), and an event with a
 * ZAR budget line of the current fiscal year owned by approver@kalahari.demo (the policy's first level).
 */
export async function intakeScene(db: Database): Promise<IntakeScene> {
  const organisation = await db.organisation.findUnique({ where: { slug: 'kalahari-live' } });
  if (!organisation) throw new Error('no kalahari-live organisation: is the demo seed loaded?');
  const organisationId = organisation.id;
  const supplier = await db.supplier.findFirstOrThrow({
    where: { organisationId, name: benchSupplier.name },
  });
  const approver = await db.appUser.findUniqueOrThrow({
    where: { organisationId_username: { organisationId, username: 'approver@kalahari.demo' } },
  });
  const today = new Date().toISOString().slice(0, 10);
  const period = await db.accountingPeriod.findFirst({
    where: {
      organisationId,
      startsOn: { lte: new Date(today) },
      endsOn: { gte: new Date(today) },
      lockedAt: null,
    },
  });
  if (!period) throw new Error(`no open accounting period on ${today} in kalahari-live`);
  const budgets = await db.budget.findMany({ where: { organisationId, fiscalYear: period.fiscalYear } });
  const versions = await db.budgetVersion.findMany({
    where: { organisationId, budgetId: { in: budgets.map((b) => b.id) }, status: 'approved' },
  });
  const line = await db.budgetLine.findFirst({
    where: {
      organisationId,
      budgetVersionId: { in: versions.map((v) => v.id) },
      currency: 'ZAR',
      ownerId: approver.id,
    },
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
  });
  const version = versions.find((v) => v.id === line?.budgetVersionId);
  const eventId = budgets.find((b) => b.id === version?.budgetId)?.eventId;
  if (!line || !eventId) {
    throw new Error(`no approved ZAR budget line of fiscal year ${period.fiscalYear} owned by the approver`);
  }
  return {
    organisationId,
    supplierId: supplier.id,
    eventId,
    budgetLineId: line.id,
    approverId: approver.id,
    today,
  };
}

export interface UploadedInvoice {
  readonly document: BenchDocument;
  readonly workflowId: string;
  /** Date.now() when the upload request was sent. */
  readonly sentAt: number;
  readonly throttled: number;
}

/** Uploads as the supplier's portal login, at most `parallel` requests at a time. */
export async function uploadAll(
  api: BenchApi,
  scene: IntakeScene,
  documents: readonly BenchDocument[],
  parallel: number,
): Promise<UploadedInvoice[]> {
  return inBatches(documents, parallel, async (document) => {
    const sentAt = Date.now();
    const uploaded = await api.upload(supplierUser, document, { eventId: scene.eventId });
    if (uploaded.duplicate) throw new Error(`${document.name} was uploaded before: not a new intake`);
    return { document, workflowId: uploaded.workflowId, sentAt, throttled: uploaded.throttled };
  });
}

export interface WaitingTask {
  readonly id: string;
  readonly kind: string;
  readonly workflowId: string;
  readonly createdAt: Date;
}

/**
 * Waits until every intake has its first task (a review, or the first approval level) and returns it per intake
 * workflow. The task's created_at is the database's clock, the same host clock as Date.now() here.
 */
export async function firstTasks(
  db: Database,
  scene: IntakeScene,
  workflowIds: readonly string[],
  timeoutMs: number,
): Promise<Map<string, WaitingTask>> {
  const owner = (workflowId: string) => workflowId.replace(/-approval-\d+$/, '');
  const wanted = new Set(workflowIds);
  const found = new Map<string, WaitingTask>();
  await until(
    `${workflowIds.length} intakes to wait in review or approval`,
    async () => {
      const rows = await db.task.findMany({
        where: {
          organisationId: scene.organisationId,
          workflowId: { in: [...wanted].flatMap((id) => [id, `${id}-approval-1`]) },
        },
        select: { id: true, kind: true, workflowId: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
      });
      for (const row of rows) {
        const intake = owner(row.workflowId ?? '');
        if (!found.has(intake)) found.set(intake, { ...row, workflowId: intake });
        wanted.delete(intake);
      }
      return wanted.size === 0 ? true : undefined;
    },
    timeoutMs,
    200,
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; still waiting: ${[...wanted].slice(0, 5).join(', ')}`);
  });
  return found;
}

/**
 * Ends the benchmark's intakes the way finance would: each review rejected through GraphQL, with a reason, so no
 * benchmark invoice stays open in the stack. Best effort: a failure is reported, not thrown.
 */
export async function closeReviews(
  api: BenchApi,
  tasks: readonly WaitingTask[],
  log: (line: string) => void,
): Promise<void> {
  const reviews = tasks.filter((task) => task.kind === 'invoice_review');
  if (reviews.length === 0) return;
  log(`  rejecting the ${reviews.length} benchmark invoices' reviews…`);
  await inBatches(reviews, 4, (task) =>
    api.graphql(
      financeUser,
      `mutation($taskId: ID!, $input: CompleteInvoiceReviewInput!) {
        completeInvoiceReview(taskId: $taskId, input: $input) { intakeStatus } }`,
      { taskId: task.id, input: { decision: 'REJECT', comment: 'Benchmark invoice, not a real one.' } },
    ),
  ).catch((error: unknown) => log(`  could not reject every review: ${(error as Error).message}`));
}

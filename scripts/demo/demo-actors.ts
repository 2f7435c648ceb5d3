import { ExactDecimal } from '../../domain/src';
import type { InvoiceIntakeState } from '../../workflows/src';
import { ApiRefusal, type ApiUser, until } from '../testing/api-user';

// What the demo's people do, each through the API with their own token: the supplier's portal, finance's and the
// approvers' inboxes. Integration tests drive the same steps.

export const demoUsers = {
  supplier: 'supplier@kalahari.demo',
  finance: 'finance@kalahari.demo',
  /** Whose inboxes approvals are worked from, in the policy's level order (budget holder, finance, director). */
  approvers: ['approver@kalahari.demo', 'finance@kalahari.demo', 'director@kalahari.demo'],
} as const;

/** The intake's own account of an invoice, as GET /invoices/uploads/{workflowId} returns it. */
export type IntakeState = InvoiceIntakeState;

/** Intake statuses at which an invoice waits for a person or has finished. */
const settledStatuses = new Set([
  'in-review',
  'pending-approval',
  'changes-requested',
  'approved',
  'posted',
  'rejected',
]);

/** Waits until the intake is read and checked (or further), and returns its state. */
export function settledIntake(user: ApiUser, workflowId: string, timeoutMs = 300_000): Promise<IntakeState> {
  return until(
    `intake ${workflowId} to be read and routed`,
    async () => {
      const { state } = await user.uploadStatus<IntakeState>(workflowId);
      return state !== null && settledStatuses.has(state.status) ? state : undefined;
    },
    { timeoutMs },
  );
}

export interface InboxTask {
  readonly id: string;
  readonly kind: string;
  readonly subjectId: string;
  readonly subjectType: string;
  readonly approvalLevel: number | null;
  readonly title: string;
}

const inboxQuery = `query DemoInbox($filter: TaskFilter, $after: String) {
  myTasks(filter: $filter, first: 200, after: $after) {
    items { id kind subjectId subjectType approvalLevel title }
    nextCursor
  }
}`;

/** Every open task of these kinds in the user's inbox, for one event. */
export async function openTasks(
  user: ApiUser,
  kinds: readonly string[],
  eventId: string,
): Promise<InboxTask[]> {
  const tasks: InboxTask[] = [];
  let after: string | null = null;
  do {
    const page: { myTasks: { items: InboxTask[]; nextCursor: string | null } } = await user.data(inboxQuery, {
      filter: { kinds, eventId },
      after,
    });
    tasks.push(...page.myTasks.items);
    after = page.myTasks.nextCursor;
  } while (after !== null);
  return tasks;
}

/** The open review task of an intake's document, as finance finds it in its inbox. */
export function reviewTaskOf(finance: ApiUser, documentId: string, eventId: string): Promise<InboxTask> {
  return until(`the review task of document ${documentId}`, async () =>
    (await openTasks(finance, ['invoice_review'], eventId)).find((task) => task.subjectId === documentId),
  );
}

export interface ReviewInput {
  readonly decision: 'ACCEPT' | 'REJECT';
  readonly comment?: string;
  readonly corrections?: Readonly<Record<string, string>>;
  readonly budgetLineId?: string;
  readonly fxRate?: { readonly rate: string; readonly date: string; readonly source: string };
}

export async function completeReview(finance: ApiUser, taskId: string, input: ReviewInput): Promise<string> {
  const answer = await finance.data<{ completeInvoiceReview: { intakeStatus: string } }>(
    `mutation DemoReview($taskId: ID!, $input: CompleteInvoiceReviewInput!) {
       completeInvoiceReview(taskId: $taskId, input: $input) { intakeStatus workflowId } }`,
    { taskId, input },
  );
  return answer.completeInvoiceReview.intakeStatus;
}

export type ApprovalDecision = 'approveTask' | 'requestTaskChanges' | 'rejectTask';

export interface Decided {
  readonly level: number;
  readonly decision: string;
  /** The API asked for a fresh MFA sign-in first (STEP_UP_REQUIRED), and the approver gave it. */
  readonly steppedUp: boolean;
}

/**
 * A decision on an approval task as the web app sends it. When the API asks for step-up MFA (above the policy's
 * threshold), the approver signs in again with their one-time code and sends the decision once more.
 */
export async function decideTask(
  approver: ApiUser,
  decision: ApprovalDecision,
  taskId: string,
  comment: string | null,
): Promise<Decided> {
  const send = async () => {
    const answer = await approver.data<
      Record<ApprovalDecision, { decision: { level: number; decision: string } }>
    >(
      `mutation DemoDecide($taskId: ID!, $comment: String${decision === 'requestTaskChanges' ? '!' : ''}) {
         ${decision}(taskId: $taskId, comment: $comment) { decision { level decision } } }`,
      { taskId, comment },
    );
    return answer[decision].decision;
  };
  try {
    return { ...(await send()), steppedUp: false };
  } catch (error) {
    if (!(error instanceof ApiRefusal) || error.code !== 'STEP_UP_REQUIRED' || approver.mfa) throw error;
    await approver.stepUp();
    return { ...(await send()), steppedUp: true };
  }
}

export interface Submission {
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly intakeWorkflowId: string | null;
  readonly statusHistory: readonly {
    readonly status: string;
    readonly at: string;
    readonly reason: string | null;
  }[];
}

/** The supplier's submission an intake recorded, as the portal lists it (mySubmissions). */
export async function submissionOf(supplier: ApiUser, workflowId: string): Promise<Submission | undefined> {
  const answer = await supplier.data<{ mySubmissions: { items: Submission[] } }>(
    `{ mySubmissions(first: 200) { items { id number status intakeWorkflowId statusHistory { status at reason } } } }`,
  );
  return answer.mySubmissions.items.find((item) => item.intakeWorkflowId === workflowId);
}

export interface Posting {
  /** Journal entries of the invoice: exactly one when it was posted once. */
  readonly entries: number;
  readonly balanced: boolean;
  /** What the entry put on each budget line (debit − credit, base currency). */
  readonly onBudgetLines: ReadonlyMap<string, string>;
}

interface JournalLine {
  readonly budgetLineId: string | null;
  readonly debit: { readonly amount: string };
  readonly credit: { readonly amount: string };
}

/** The invoice's postings as finance reads the journal. */
export async function postingOf(finance: ApiUser, invoiceId: string): Promise<Posting> {
  const answer = await finance.data<{
    journalEntries: { totalCount: number; items: { lines: JournalLine[] }[] };
  }>(
    `query DemoPosting($filter: JournalFilter) { journalEntries(filter: $filter, first: 10) {
       totalCount items { lines { budgetLineId debit { amount } credit { amount } } } } }`,
    { filter: { sourceType: 'invoice', sourceId: invoiceId } },
  );
  const lines = answer.journalEntries.items.flatMap((entry) => entry.lines);
  const total = (pick: (line: JournalLine) => string) =>
    lines.reduce((sum, line) => sum.plus(pick(line)), new ExactDecimal(0));
  const onBudgetLines = new Map<string, ExactDecimal>();
  for (const line of lines) {
    if (line.budgetLineId === null) continue;
    const net = new ExactDecimal(line.debit.amount).minus(line.credit.amount);
    onBudgetLines.set(
      line.budgetLineId,
      (onBudgetLines.get(line.budgetLineId) ?? new ExactDecimal(0)).plus(net),
    );
  }
  return {
    entries: answer.journalEntries.totalCount,
    balanced: total((line) => line.debit.amount).equals(total((line) => line.credit.amount)),
    onBudgetLines: new Map([...onBudgetLines].map(([id, amount]) => [id, amount.toFixed(2)])),
  };
}

export interface DemoEvent {
  readonly id: string;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly fiscalYear: number;
  readonly currency: string;
  /** The current budget version's lines. */
  readonly lines: readonly { readonly id: string; readonly code: string; readonly description: string }[];
}

/**
 * The event the supplier invoices: one it can send invoices for (portalEvents) with a budget finance sees, `name`
 * when given, else the one nearest to today (postings land in today's period, so its budget year is the one that
 * shows them as actual).
 */
export async function chooseEvent(
  supplier: ApiUser,
  finance: ApiUser,
  today: string,
  name: string | undefined,
): Promise<DemoEvent> {
  const { portalEvents } = await supplier.data<{
    portalEvents: { id: string; name: string; startsOn: string; endsOn: string }[];
  }>('{ portalEvents { id name startsOn endsOn } }');
  const distance = (event: { startsOn: string; endsOn: string }) =>
    today < event.startsOn
      ? Date.parse(event.startsOn) - Date.parse(today)
      : Math.max(0, Date.parse(today) - Date.parse(event.endsOn));
  const candidates = portalEvents
    .filter((event) => name === undefined || event.name === name)
    .sort((a, b) => distance(a) - distance(b));
  for (const event of candidates) {
    const answer = await finance
      .data<{
        budget: {
          fiscalYear: number;
          currency: string;
          currentVersion: { lines: DemoEvent['lines'] } | null;
        };
      }>(
        'query DemoBudget($eventId: ID!) { budget(eventId: $eventId) { fiscalYear currency currentVersion { lines { id code description } } } }',
        { eventId: event.id },
      )
      .catch((error: unknown) => {
        if (error instanceof ApiRefusal && error.code === 'NOT_FOUND') return null;
        throw error;
      });
    const lines = answer?.budget.currentVersion?.lines ?? [];
    if (answer !== null && lines.length > 0) {
      return { ...event, fiscalYear: answer.budget.fiscalYear, currency: answer.budget.currency, lines };
    }
  }
  const offered = portalEvents.map((event) => event.name).join(', ') || 'none';
  throw new Error(
    name === undefined
      ? `${demoUsers.supplier} can send invoices for no event with a budget (portal events: ${offered})`
      : `${demoUsers.supplier} cannot send invoices for "${name}", or it has no budget (portal events: ${offered})`,
  );
}

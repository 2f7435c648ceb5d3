import { randomUUID } from 'node:crypto';
import { type Client as WsClient, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createDatabase, type Database } from '../../activities/src/database/client';
import { Money } from '@eventvault/domain';
import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';
import { demoPasswordGrant, demoStepUpLogin, type TokenSet } from '../../scripts/testing/keycloak-tokens';
import { codeOf, data as dataAt, gql as gqlAt, until } from './inbox-testing';
import { realm, requiredEnv } from './support';

// The done-when of the task inbox, on the test stack as it runs (API and worker built from this checkout, the demo
// seed's Kalahari Live Events, real Keycloak tokens): an invoice uploaded through REST goes through intake (its
// review completed through GraphQL) to approval; the first approver approves through GraphQL; the next approver's
// taskChanged subscription receives the new task and it is in their myTasks. Plus every refusal the actions map
// (FORBIDDEN, STEP_UP_REQUIRED, CONFLICT), a decision sent twice recorded once, delegation, budgetActualChanged, and
// isolation from Karoo Festivals.

interface Task {
  id: string;
  kind: string;
  title: string;
  status: string;
  assigneeId: string | null;
  assignmentReason: string | null;
  approvalLevel: number | null;
  amount: { amount: string; currency: string } | null;
}

const taskFields =
  'id kind title status assigneeId assignmentReason approvalLevel amount { amount currency }';
let apiUrl: string;
const gql = <T>(token: string, query: string, variables: Record<string, unknown> = {}) =>
  gqlAt<T>(apiUrl, token, query, variables);
const data = <T>(token: string, query: string, variables: Record<string, unknown> = {}) =>
  dataAt<T>(apiUrl, token, query, variables);
let db: Database;
let tokens: Record<'supplier' | 'finance' | 'approver' | 'events' | 'director' | 'karoo', TokenSet>;
const kalahari = { id: '', eventId: '', budgetLineId: '', supplierId: '', directorId: '' };
const clients: WsClient[] = [];
/** Review tasks finance completed through GraphQL. */
const completedReviews: string[] = [];

/** A graphql-ws subscription, collecting what it receives. */
function subscribe<T>(token: string, query: string, variables: Record<string, unknown> = {}) {
  const received: T[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: `${apiUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    // Refused connections are asserted through `closes`, not logged.
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  const closes: number[] = [];
  client.on('closed', (event) => closes.push((event as { code: number }).code));
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  client.on('connected', () => setTimeout(subscribed, 1_500));
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.data) received.push(value.data);
        if (value.errors) errors.push(value.errors);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { received, errors, closes, ready, client };
}

async function myTasks(token: string, search: string, kinds?: string[]): Promise<Task[]> {
  const answer = await data<{ myTasks: { items: Task[] } }>(
    token,
    `query($search: String, $filter: TaskFilter) { myTasks(search: $search, filter: $filter, first: 50) { items { ${taskFields} } } }`,
    { search, filter: kinds ? { kinds } : null },
  );
  return answer.myTasks.items;
}

/**
 * Uploads a generated invoice of Soundwave as its supplier login (the demo supplier user speaks for Soundwave),
 * completes its review as finance, returns its number.
 */
async function invoiceAwaitingApproval(net: string, currency = 'ZAR'): Promise<string> {
  const number = `KSR-${randomUUID().slice(0, 8).toUpperCase()}`;
  const today = new Date().toISOString().slice(0, 10);
  const pdf = await generateInvoicePdf(
    sampleInvoiceSpec({
      supplier: {
        name: 'Soundwave Audio Hire (Pty) Ltd',
        vatNumber: '4230245781',
        address: ['1 Main Road', 'Cape Town'],
      },
      number,
      currency,
      issueDate: today,
      dueDate: today,
      dateStyle: 'iso',
      lines: [{ description: 'Stage and rigging', quantity: '1', unitPrice: net }],
    }),
  );
  const form = new FormData();
  form.append('eventId', kalahari.eventId);
  form.append('supplierId', kalahari.supplierId);
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${number}.pdf`);
  const upload = await fetch(`${apiUrl}/invoices/uploads`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.supplier.accessToken}` },
    body: form,
    signal: AbortSignal.timeout(60_000),
  });
  expect(upload.status).toBe(202);

  // Reviews (no budget line was given) are open to finance; finance completes each through GraphQL.
  for (let round = 0; round < 3; round += 1) {
    const next = await until(`invoice ${number} in review or approval`, async () => {
      const reviews = await myTasks(tokens.finance.accessToken, number, ['invoice_review']);
      if (reviews[0]) return { review: reviews[0] };
      const approvals = await myTasks(tokens.approver.accessToken, number, ['invoice_approval']);
      return approvals[0] ? { review: null } : undefined;
    });
    if (!next.review) return number;
    const completed = await data<{ completeInvoiceReview: { intakeStatus: string } }>(
      tokens.finance.accessToken,
      `mutation($taskId: ID!, $input: CompleteInvoiceReviewInput!) {
         completeInvoiceReview(taskId: $taskId, input: $input) { intakeStatus workflowId } }`,
      {
        taskId: next.review.id,
        input: {
          decision: 'ACCEPT',
          supplierId: kalahari.supplierId,
          budgetLineId: kalahari.budgetLineId,
          corrections: { supplierName: 'Soundwave Audio Hire (Pty) Ltd' },
          // Kept only when the organisation has no rate for that day yet.
          ...(currency === 'ZAR' ? {} : { fxRate: { rate: '20.5', date: today, source: 'task inbox test' } }),
        },
      },
    );
    expect(completed.completeInvoiceReview.intakeStatus).toBe('checking');
    completedReviews.push(next.review.id);
    await until(`review task of ${number} closed`, async () =>
      (await myTasks(tokens.finance.accessToken, number, ['invoice_review'])).some(
        (t) => t.id === next.review.id,
      )
        ? undefined
        : true,
    );
  }
  throw new Error(`invoice ${number} still in review after three rounds`);
}

const decide = (verb: 'approveTask' | 'rejectTask') => `mutation($taskId: ID!, $comment: String) {
  ${verb}(taskId: $taskId, comment: $comment) { decision { level decision decidedBy decidedByName decidedAt } task { ${taskFields} } } }`;

beforeAll(async () => {
  apiUrl = requiredEnv('API_URL');
  db = createDatabase(requiredEnv('DATABASE_URL'), { maxConnections: 2 });
  const org = await db.organisation.findUniqueOrThrow({ where: { slug: 'kalahari-live' } });
  const today = new Date(new Date().toISOString().slice(0, 10));
  const period = await db.accountingPeriod.findFirstOrThrow({
    where: { organisationId: org.id, startsOn: { lte: today }, endsOn: { gte: today }, lockedAt: null },
  });
  const [line] = await db.$queryRaw<{ id: string; event_id: string }[]>`
    SELECT l.id, b.event_id FROM budget_line l
    JOIN budget_version v ON v.id = l.budget_version_id JOIN budget b ON b.id = v.budget_id
    WHERE l.organisation_id = ${org.id}::uuid AND b.fiscal_year = ${period.fiscalYear} AND l.currency = 'ZAR'
    ORDER BY v.status = 'approved' DESC, l.code LIMIT 1`;
  const supplier = await db.supplier.findFirstOrThrow({
    where: { organisationId: org.id, name: 'Soundwave Audio Hire (Pty) Ltd' },
  });
  const director = await db.appUser.findUniqueOrThrow({
    where: { organisationId_username: { organisationId: org.id, username: 'director@kalahari.demo' } },
  });
  Object.assign(kalahari, {
    id: org.id,
    eventId: line!.event_id,
    budgetLineId: line!.id,
    supplierId: supplier.id,
    directorId: director.id,
  });
  const grant = (username: string) => demoPasswordGrant(realm(), username);
  tokens = {
    supplier: await grant('supplier@kalahari.demo'),
    finance: await grant('finance@kalahari.demo'),
    approver: await grant('approver@kalahari.demo'),
    events: await grant('events@kalahari.demo'),
    director: await grant('director@kalahari.demo'),
    karoo: await grant('finance@karoo.demo'),
  };
}, 180_000);

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await db?.$disconnect();
});

describe('the task inbox end to end', () => {
  let number: string;
  let firstTask: Task;
  let financeTask: Task;

  it('takes an uploaded invoice through review to approval; the approver finds it in myTasks with its detail', async () => {
    number = await invoiceAwaitingApproval('20000.00');
    const [task] = await myTasks(tokens.approver.accessToken, number, ['invoice_approval']);
    expect(task).toMatchObject({
      status: 'OPEN',
      approvalLevel: 1,
      amount: { amount: '23000.00', currency: 'ZAR' },
    });
    firstTask = task!;
    const detail = await data<{
      task: {
        invoiceNumber: string;
        documentPreview: { url: string } | null;
        thumbnail: { url: string } | null;
        extracted: { invoiceNumber: { value: string; confidence: number }; gross: { value: string } } | null;
        budgetLine: { budgetLineId: string; remainingAfterInvoice: { amount: string } } | null;
        decisions: unknown[];
      };
    }>(
      tokens.approver.accessToken,
      `query($id: ID!) { task(id: $id) { invoiceNumber documentPreview { url } thumbnail { url }
         extracted { invoiceNumber { value confidence } gross { value } }
         budgetLine { budgetLineId budget { amount } actual { amount } remainingAfterInvoice { amount } }
         decisions { level decision } } }`,
      { id: firstTask.id },
    );
    expect(completedReviews.length).toBeGreaterThan(0);
    expect(detail.task.invoiceNumber).toBe(number);
    expect(detail.task.documentPreview?.url).toMatch(/^http/);
    expect(detail.task.thumbnail?.url).toMatch(/^http/);
    expect(detail.task.extracted?.invoiceNumber.value).toBe(number);
    expect(detail.task.extracted?.invoiceNumber.confidence).toBeGreaterThan(0);
    expect(detail.task.extracted?.gross.value).toBe('23000.00');
    expect(detail.task.budgetLine?.budgetLineId).toBe(kalahari.budgetLineId);
    expect(detail.task.decisions).toEqual([]);
    // Another approver of the organisation does not see a task that is not theirs.
    expect(
      codeOf(
        await gql(tokens.director.accessToken, `query($id: ID!) { task(id: $id) { invoiceId } }`, {
          id: firstTask.id,
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('shows the approver what a foreign invoice will cost its budget line before it is posted: all it owes, converted', async () => {
    const foreign = await invoiceAwaitingApproval('1000.00', 'EUR');
    const [task] = await myTasks(tokens.approver.accessToken, foreign, ['invoice_approval']);
    expect(task?.amount?.currency).toBe('EUR');
    const detail = await data<{
      task: {
        assessment: { amountInBaseCurrency: { amount: string; currency: string } | null } | null;
        budgetLine: {
          budget: { amount: string };
          actual: { amount: string };
          costOnLine: { amount: string; currency: string };
          remainingAfterInvoice: { amount: string };
        } | null;
      };
    }>(
      tokens.approver.accessToken,
      `query($id: ID!) { task(id: $id) { assessment { amountInBaseCurrency { amount currency } }
         budgetLine { budget { amount } actual { amount } costOnLine { amount currency } remainingAfterInvoice { amount } } } }`,
      { id: task!.id },
    );
    const owed = detail.task.assessment?.amountInBaseCurrency;
    expect(owed?.currency).toBe('ZAR');
    expect(Money.of(owed!.amount, 'ZAR').isZero()).toBe(false);
    const line = detail.task.budgetLine!;
    // The invoice's VAT is foreign, so it cannot be claimed: all it owes, converted, lands on the line.
    expect(line.costOnLine).toEqual(owed);
    const remaining = Money.of(line.budget.amount, 'ZAR')
      .subtract(Money.of(line.actual.amount, 'ZAR'))
      .subtract(Money.of(owed!.amount, 'ZAR'));
    expect(line.remainingAfterInvoice.amount).toBe(remaining.amount.toFixed(2));
  });

  it("pushes the next level's task to the next approver's subscription when the first approves, and nothing to Karoo", async () => {
    const query = `subscription { taskChanged { change taskId kind status task { ${taskFields} } } }`;
    const finance = subscribe<{ taskChanged: { change: string; taskId: string; task: Task | null } }>(
      tokens.finance.accessToken,
      query,
    );
    const karoo = subscribe<{ taskChanged: unknown }>(tokens.karoo.accessToken, query);
    const actuals = subscribe<{ budgetActualChanged: { eventId: string } }>(
      tokens.karoo.accessToken,
      `subscription($eventId: ID!) { budgetActualChanged(eventId: $eventId) { eventId } }`,
      { eventId: kalahari.eventId },
    );
    await Promise.all([finance.ready, karoo.ready, actuals.ready]);

    const approved = await data<{
      approveTask: { decision: { level: number; decision: string; decidedAt: string }; task: Task };
    }>(tokens.approver.accessToken, decide('approveTask'), {
      taskId: firstTask.id,
      comment: 'Stage as quoted',
    });
    expect(approved.approveTask.decision).toMatchObject({ level: 1, decision: 'approve' });
    expect(approved.approveTask.task.status).toBe('DONE');

    const pushed = await until('the taskChanged push to finance', () =>
      Promise.resolve(
        finance.received.find(
          (m) => m.taskChanged.change === 'CREATED' && m.taskChanged.task?.title.includes(number),
        ),
      ),
    );
    expect(pushed.taskChanged.task).toMatchObject({
      kind: 'invoice_approval',
      approvalLevel: 2,
      status: 'OPEN',
    });
    financeTask = pushed.taskChanged.task!;
    expect((await myTasks(tokens.finance.accessToken, number)).map((t) => t.id)).toContain(financeTask.id);
    expect(finance.errors).toEqual([]);
    // Karoo subscribed before and got nothing (its subscription for a Kalahari event was refused outright).
    expect(karoo.received).toEqual([]);
    expect(actuals.received).toEqual([]);
    expect(JSON.stringify(actuals.errors)).toContain('NOT_FOUND');
  });

  it('records a decision sent twice once, and answers the second with the first', async () => {
    const again = await data<{
      approveTask: { decision: { decidedAt: string; decidedBy: string; decidedByName: string | null } };
    }>(tokens.approver.accessToken, decide('approveTask'), { taskId: firstTask.id });
    const rows = await db.approvalDecision.findMany({
      where: { organisationId: kalahari.id, taskId: firstTask.id },
    });
    expect(rows).toHaveLength(1);
    // Who decided, by the name people know them by, beside the id.
    const approver = await db.appUser.findUniqueOrThrow({ where: { id: rows[0]!.decidedBy } });
    expect(again.approveTask.decision).toMatchObject({
      decidedBy: approver.id,
      decidedByName: approver.displayName,
    });
    expect(approver.displayName).not.toBe(approver.id);
    expect(new Date(again.approveTask.decision.decidedAt).getTime()).toBe(rows[0]!.decidedAt.getTime());
  });

  it('marks a task recorded without a running approval (the demo seed’s) as not decidable, and refuses to decide it', async () => {
    const seeded = await data<{ myTasks: { items: (Task & { decidable: boolean })[] } }>(
      tokens.approver.accessToken,
      `query { myTasks(first: 50, search: "Approve") { items { ${taskFields} decidable } } }`,
    );
    const imported = seeded.myTasks.items.find((t) => t.title.startsWith('Approve '));
    expect(imported?.decidable).toBe(false);
    const answer = await gql(tokens.approver.accessToken, decide('approveTask'), { taskId: imported!.id });
    expect(codeOf(answer)).toBe('CONFLICT');
    expect(answer.errors?.[0]?.message).toContain('without a running approval');
    // A task of a running approval (decided by now, still the approver's) is decidable.
    const running = await data<{ task: { task: { decidable: boolean } } }>(
      tokens.approver.accessToken,
      `query($id: ID!) { task(id: $id) { task { decidable } } }`,
      { id: firstTask.id },
    );
    expect(running.task.task.decidable).toBe(true);
  });

  it('refuses a decision on a task already closed with CONFLICT, and one by a non-approver with FORBIDDEN', async () => {
    const levelOne = await db.task.findFirstOrThrow({
      where: {
        organisationId: kalahari.id,
        approvalLevel: 1,
        title: { contains: number },
        status: 'cancelled',
      },
    });
    expect(
      codeOf(
        await gql(tokens.events.accessToken, decide('rejectTask'), { taskId: levelOne.id, comment: 'late' }),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(await gql(tokens.director.accessToken, decide('approveTask'), { taskId: financeTask.id })),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await gql(
          tokens.approver.accessToken,
          `mutation($id: ID!) { requestTaskChanges(taskId: $id, comment: "  ") { decision { level } } }`,
          { id: financeTask.id },
        ),
      ),
    ).toBe('VALIDATION');
    const review = `mutation($taskId: ID!, $input: CompleteInvoiceReviewInput!) {
      completeInvoiceReview(taskId: $taskId, input: $input) { intakeStatus } }`;
    const accept = { taskId: completedReviews[0], input: { decision: 'ACCEPT' } };
    expect(codeOf(await gql(tokens.finance.accessToken, review, accept))).toBe('CONFLICT');
    expect(codeOf(await gql(tokens.approver.accessToken, review, accept))).toBe('FORBIDDEN');
    expect(
      codeOf(await gql(tokens.finance.accessToken, review, { ...accept, input: { decision: 'REJECT' } })),
    ).toBe('VALIDATION');
    // Roles without an inbox never get past the role check.
    expect(codeOf(await gql(tokens.supplier.accessToken, `{ myTasks { totalCount } }`))).toBe('FORBIDDEN');
  });

  it('refuses subscriptions without a valid token (closed, 4403) and to roles without an inbox (FORBIDDEN)', async () => {
    const query = 'subscription { taskChanged { taskId } }';
    const anonymous = subscribe('not-a-token', query);
    const supplier = subscribe(tokens.supplier.accessToken, query);
    await until('both refusals', () =>
      Promise.resolve(anonymous.closes.length > 0 && supplier.errors.length > 0 ? true : undefined),
    );
    expect(anonymous.closes).toEqual([4403]);
    expect(anonymous.received).toEqual([]);
    expect(JSON.stringify(supplier.errors)).toContain('FORBIDDEN');
    expect(supplier.received).toEqual([]);
  });

  it('keeps Karoo out: no Kalahari task in its inbox, and NOT_FOUND for Kalahari task ids', async () => {
    const karooTasks = await data<{ myTasks: { items: Task[] } }>(
      tokens.karoo.accessToken,
      `{ myTasks(first: 200) { items { id title } } }`,
    );
    expect(karooTasks.myTasks.items.filter((t) => t.title.includes('KSR-'))).toEqual([]);
    expect(
      codeOf(
        await gql(tokens.karoo.accessToken, `query($id: ID!) { task(id: $id) { invoiceId } }`, {
          id: financeTask.id,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await gql(tokens.karoo.accessToken, decide('approveTask'), { taskId: financeTask.id })),
    ).toBe('NOT_FOUND');
  });

  it('finance approves the last level: the invoice is posted and budgetActualChanged is pushed for its event', async () => {
    const actuals = subscribe<{ budgetActualChanged: { eventId: string; budgetLineId: string | null } }>(
      tokens.finance.accessToken,
      `subscription($eventId: ID!) { budgetActualChanged(eventId: $eventId) { eventId budgetLineId } }`,
      { eventId: kalahari.eventId },
    );
    await actuals.ready;
    const approved = await data<{ approveTask: { task: Task } }>(
      tokens.finance.accessToken,
      decide('approveTask'),
      {
        taskId: financeTask.id,
      },
    );
    expect(approved.approveTask.task.status).toBe('DONE');
    const pushed = await until('the budgetActualChanged push', () =>
      Promise.resolve(
        actuals.received.find((m) => m.budgetActualChanged.budgetLineId === kalahari.budgetLineId),
      ),
    );
    expect(pushed.budgetActualChanged.eventId).toBe(kalahari.eventId);
  });

  it('asks for step-up MFA above the threshold (STEP_UP_REQUIRED), accepts a fresh step-up, and delegates', async () => {
    const big = await invoiceAwaitingApproval('60000.00');
    const [task] = await myTasks(tokens.approver.accessToken, big, ['invoice_approval']);
    const refused = await gql(tokens.approver.accessToken, decide('approveTask'), { taskId: task!.id });
    expect(codeOf(refused)).toBe('STEP_UP_REQUIRED');
    const steppedUp = await demoStepUpLogin(realm(), 'approver@kalahari.demo');
    // Sent twice at once (a double click): both answered with the one decision the workflow recorded.
    const approve = () =>
      data<{ approveTask: { decision: { level: number; decidedAt: string } } }>(
        steppedUp.accessToken,
        decide('approveTask'),
        { taskId: task!.id },
      );
    const [first, second] = await Promise.all([approve(), approve()]);
    expect(first.approveTask.decision.level).toBe(1);
    expect(second.approveTask.decision).toEqual(first.approveTask.decision);
    expect(
      await db.approvalDecision.count({ where: { organisationId: kalahari.id, taskId: task!.id } }),
    ).toBe(1);

    const levelTwo = await until(
      'the finance task of the large invoice',
      async () => (await myTasks(tokens.finance.accessToken, big, ['invoice_approval']))[0],
    );
    const delegated = await data<{ delegateTask: { assigneeId: string; level: number } }>(
      tokens.finance.accessToken,
      `mutation($taskId: ID!, $to: ID!) { delegateTask(taskId: $taskId, to: $to, comment: "on leave") { level approverId assigneeId } }`,
      { taskId: levelTwo.id, to: kalahari.directorId },
    );
    expect(delegated.delegateTask).toMatchObject({ level: 2, assigneeId: kalahari.directorId });
    const directorTasks = await myTasks(tokens.director.accessToken, big, ['invoice_approval']);
    expect(directorTasks.find((t) => t.id === levelTwo.id)).toMatchObject({ assignmentReason: 'delegated' });
    expect(
      (await myTasks(tokens.finance.accessToken, big, ['invoice_approval'])).map((t) => t.id),
    ).not.toContain(levelTwo.id);
  });
});

import { createDatabase, type Database } from '../../activities/src/database/client';
import { demoPasswordGrant, type TokenSet } from '../../scripts/testing/keycloak-tokens';
import {
  codeOf,
  data,
  gql,
  type InboxTask,
  myTasks,
  soundwaveInvoiceNumber,
  until,
  uploadSoundwaveInvoice,
} from './inbox-testing';
import { realm, requiredEnv } from './support';

// Finance review with corrections, on the test stack as it runs (API and worker built from this checkout, the demo
// seed's Kalahari Live Events, real Keycloak tokens): an invoice carrying the number of an earlier one goes to review
// stating its failed checks, with the earlier invoice (and a working link to its document) beside it; finance's
// refusals come back stated, the workflow's own included; the corrections applied through GraphQL take the invoice
// to approval; the approver hands the approval to a colleague the API offers, and to nobody it does not.

interface Issue {
  code: string;
  message: string;
  blocking: boolean;
}
interface Duplicate {
  invoiceId: string;
  number: string;
  supplierName: string;
  issueDate: string;
  dueDate: string | null;
  gross: { amount: string; currency: string; minorUnits: number };
  status: string;
  matchedBy: string[];
  documentPreview: { url: string } | null;
}
interface Detail {
  invoiceId: string | null;
  reviewReasons: Issue[];
  assessment: {
    intakeStatus: string;
    draft: { invoiceNumber: string | null; gross: string | null; dueDate: string | null };
    supplierId: string | null;
    issues: Issue[];
  } | null;
  likelyDuplicates: Duplicate[];
}
interface Candidate {
  userId: string;
  displayName: string;
  username: string;
  roles: string[];
}

const detailQuery = `query($id: ID!) { task(id: $id) {
  invoiceId
  reviewReasons { code message blocking }
  assessment { intakeStatus draft { invoiceNumber gross dueDate } supplierId issues { code message blocking } }
  likelyDuplicates { invoiceId number supplierName issueDate dueDate gross { amount currency minorUnits } status
    matchedBy documentPreview { url } } } }`;
const reviewMutation = `mutation($taskId: ID!, $input: CompleteInvoiceReviewInput!) {
  completeInvoiceReview(taskId: $taskId, input: $input) { intakeStatus workflowId } }`;
const candidatesQuery = `query($taskId: ID!) { delegationCandidates(taskId: $taskId) { userId displayName username roles } }`;

let apiUrl: string;
let db: Database;
let tokens: Record<'supplier' | 'finance' | 'approver' | 'director' | 'karoo', TokenSet>;
const kalahari = {
  id: '',
  eventId: '',
  budgetLineId: '',
  otherEventsLineId: '',
  supplierId: '',
  users: {} as Record<string, string>,
};

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function openReview(number: string): Promise<InboxTask> {
  return until(`the review of ${number}`, async () => {
    const [review] = await myTasks(apiUrl, tokens.finance.accessToken, number, ['invoice_review']);
    return review;
  });
}

/** The approval task of `number`; a review opened again (other than `completed`) fails the test with its reasons. */
async function approvalTask(number: string, ...completed: string[]): Promise<InboxTask> {
  return until(`the approval of ${number}`, async () => {
    const reviews = (await myTasks(apiUrl, tokens.finance.accessToken, number, ['invoice_review'])).filter(
      (task) => !completed.includes(task.id),
    );
    if (reviews.length > 0) {
      const detail = await data<{ task: Detail }>(apiUrl, tokens.finance.accessToken, detailQuery, {
        id: reviews[0]!.id,
      });
      throw new Error(`${number} went to review again: ${JSON.stringify(detail.task.reviewReasons)}`);
    }
    const [approval] = await myTasks(apiUrl, tokens.approver.accessToken, number, ['invoice_approval']);
    return approval;
  });
}

beforeAll(async () => {
  apiUrl = requiredEnv('API_URL');
  db = createDatabase(requiredEnv('DATABASE_URL'), { maxConnections: 2 });
  const org = await db.organisation.findUniqueOrThrow({ where: { slug: 'kalahari-live' } });
  const now = new Date(today());
  const period = await db.accountingPeriod.findFirstOrThrow({
    where: { organisationId: org.id, startsOn: { lte: now }, endsOn: { gte: now }, lockedAt: null },
  });
  const [line] = await db.$queryRaw<{ id: string; event_id: string }[]>`
    SELECT l.id, b.event_id FROM budget_line l
    JOIN budget_version v ON v.id = l.budget_version_id JOIN budget b ON b.id = v.budget_id
    WHERE l.organisation_id = ${org.id}::uuid AND b.fiscal_year = ${period.fiscalYear} AND l.currency = 'ZAR'
    ORDER BY v.status = 'approved' DESC, l.code LIMIT 1`;
  const [elsewhere] = await db.$queryRaw<{ id: string }[]>`
    SELECT l.id FROM budget_line l
    JOIN budget_version v ON v.id = l.budget_version_id JOIN budget b ON b.id = v.budget_id
    WHERE l.organisation_id = ${org.id}::uuid AND b.event_id <> ${line!.event_id}::uuid LIMIT 1`;
  const supplier = await db.supplier.findFirstOrThrow({
    where: { organisationId: org.id, name: 'Soundwave Audio Hire (Pty) Ltd' },
  });
  const users = await db.appUser.findMany({
    where: { organisationId: org.id },
    select: { id: true, username: true },
  });
  Object.assign(kalahari, {
    id: org.id,
    eventId: line!.event_id,
    budgetLineId: line!.id,
    otherEventsLineId: elsewhere!.id,
    supplierId: supplier.id,
    users: Object.fromEntries(users.map((user) => [user.username, user.id])),
  });
  const grant = (username: string) => demoPasswordGrant(realm(), username);
  tokens = {
    supplier: await grant('supplier@kalahari.demo'),
    finance: await grant('finance@kalahari.demo'),
    approver: await grant('approver@kalahari.demo'),
    director: await grant('director@kalahari.demo'),
    karoo: await grant('finance@karoo.demo'),
  };
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
});

describe('finance review with corrections, likely duplicates and delegation', () => {
  const number = soundwaveInvoiceNumber();
  let earlierInvoiceId: string;
  let review: InboxTask;
  let approval: InboxTask;

  it('sends an invoice with the number of an earlier one to review, stating the failed checks beside the earlier invoice', async () => {
    // The earlier invoice: reviewed (no budget line was given) and recorded, waiting for approval.
    await uploadSoundwaveInvoice(apiUrl, tokens.supplier.accessToken, {
      number,
      net: '1000.00',
      eventId: kalahari.eventId,
      supplierId: kalahari.supplierId,
    });
    const first = await openReview(number);
    await data(apiUrl, tokens.finance.accessToken, reviewMutation, {
      taskId: first.id,
      input: { decision: 'ACCEPT', budgetLineId: kalahari.budgetLineId },
    });
    await approvalTask(number, first.id);
    earlierInvoiceId = (await db.invoice.findFirstOrThrow({ where: { organisationId: kalahari.id, number } }))
      .id;

    // The same number again, another amount: a second document, so a second intake.
    await uploadSoundwaveInvoice(apiUrl, tokens.supplier.accessToken, {
      number,
      net: '2000.00',
      eventId: kalahari.eventId,
      supplierId: kalahari.supplierId,
    });
    review = await until('the review of the second document', async () =>
      (await myTasks(apiUrl, tokens.finance.accessToken, number, ['invoice_review'])).find(
        (task) => task.id !== first.id,
      ),
    );
    const { task } = await data<{ task: Detail }>(apiUrl, tokens.finance.accessToken, detailQuery, {
      id: review.id,
    });
    expect(task.reviewReasons).toEqual(
      expect.arrayContaining([
        {
          code: 'duplicate-number',
          message: expect.stringContaining(`already has invoice ${number}`) as string,
          blocking: true,
        },
        { code: 'no-budget-line', message: expect.any(String) as string, blocking: true },
      ]),
    );
    expect(task.assessment).toMatchObject({
      intakeStatus: 'in-review',
      draft: { invoiceNumber: number, gross: '2300.00' },
      supplierId: kalahari.supplierId,
    });
    expect(task.assessment?.issues.map((issue) => issue.code)).toContain('duplicate-number');
    expect(task.likelyDuplicates).toHaveLength(1);
    const [earlier] = task.likelyDuplicates;
    expect(earlier).toMatchObject({
      invoiceId: earlierInvoiceId,
      number,
      supplierName: 'Soundwave Audio Hire (Pty) Ltd',
      issueDate: today(),
      gross: { amount: '1150.00', currency: 'ZAR', minorUnits: 2 },
      status: 'pending_approval',
      matchedBy: ['SAME_NUMBER'],
    });
    const preview = await fetch(earlier!.documentPreview!.url, { signal: AbortSignal.timeout(15_000) });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await preview.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    expect(codeOf(await gql(apiUrl, tokens.karoo.accessToken, detailQuery, { id: review.id }))).toBe(
      'NOT_FOUND',
    );
  });

  it('states what it refuses: the API its own checks, and the workflow its validator', async () => {
    const refuse = async (input: Record<string, unknown>) =>
      gql(apiUrl, tokens.finance.accessToken, reviewMutation, {
        taskId: review.id,
        input: { decision: 'ACCEPT', ...input },
      });

    const comma = await refuse({ corrections: { net: '2 000,00' } });
    expect(codeOf(comma)).toBe('VALIDATION');
    expect(comma.errors?.[0]?.extensions?.details?.['field']).toBe('corrections.net');

    const wrongLine = await refuse({ budgetLineId: kalahari.otherEventsLineId });
    expect(codeOf(wrongLine)).toBe('VALIDATION');
    expect(wrongLine.errors?.[0]?.message).toContain("not in the event's budget");

    const both = await refuse({ supplierId: kalahari.supplierId, newSupplier: { name: 'Soundwave Again' } });
    expect(codeOf(both)).toBe('VALIDATION');

    const existing = await refuse({ newSupplier: { name: 'Soundwave Audio Hire (Pty) Ltd' } });
    expect(existing.errors?.[0]?.message).toContain('already in the supplier register');

    const karoo = await db.organisation.findUniqueOrThrow({ where: { slug: 'karoo-festivals' } });
    const karooEvent = await db.event.findFirstOrThrow({
      where: { organisationId: karoo.id },
      select: { id: true },
    });
    expect(codeOf(await refuse({ eventId: karooEvent.id }))).toBe('NOT_FOUND');

    // A negative amount is refused by the API with its field, as the intake workflow's own validator would.
    const negative = await refuse({ corrections: { net: '-2000.00' } });
    expect(codeOf(negative)).toBe('VALIDATION');
    expect(negative.errors?.[0]?.extensions?.details?.['field']).toBe('corrections.net');
    expect(negative.errors?.[0]?.message).toMatch(/zero or more/);

    // Nothing of it reached the workflow: the review is still open with the same reasons.
    const { task } = await data<{ task: Detail }>(apiUrl, tokens.finance.accessToken, detailQuery, {
      id: review.id,
    });
    expect(task.assessment?.intakeStatus).toBe('in-review');
  });

  it('applies the corrections sent through GraphQL and takes the invoice on to approval', async () => {
    const corrected = `${number}-B`;
    const dueDate = inDays(30);
    const answer = await data<{ completeInvoiceReview: { intakeStatus: string } }>(
      apiUrl,
      tokens.finance.accessToken,
      reviewMutation,
      {
        taskId: review.id,
        input: {
          decision: 'ACCEPT',
          comment: 'The supplier reused the number; their statement says -B',
          corrections: { invoiceNumber: corrected, dueDate, net: '2000.00', vat: '300.00', gross: '2300.00' },
          supplierId: kalahari.supplierId,
          eventId: kalahari.eventId,
          budgetLineId: kalahari.budgetLineId,
        },
      },
    );
    expect(answer.completeInvoiceReview.intakeStatus).toBe('checking');
    approval = await approvalTask(corrected, review.id);
    expect(approval).toMatchObject({ status: 'OPEN', approvalLevel: 1 });

    const invoice = await db.invoice.findFirstOrThrow({
      where: { organisationId: kalahari.id, number: corrected },
    });
    expect(invoice).toMatchObject({ status: 'pending_approval', supplierId: kalahari.supplierId });
    expect(invoice.budgetLineId).toBe(kalahari.budgetLineId);
    expect(invoice.dueDate?.toISOString().slice(0, 10)).toBe(dueDate);
    expect(invoice.grossAmount.toFixed(2)).toBe('2300.00');
    expect(invoice.id).not.toBe(earlierInvoiceId);

    const { task } = await data<{ task: Detail }>(apiUrl, tokens.approver.accessToken, detailQuery, {
      id: approval.id,
    });
    expect(task.invoiceId).toBe(invoice.id);
    expect(task.reviewReasons).toEqual([]);
    expect(task.assessment?.draft).toMatchObject({ invoiceNumber: corrected, dueDate });
    expect(task.likelyDuplicates).toEqual([]);
    // The review is closed: completing it again is a conflict.
    expect(
      codeOf(
        await gql(apiUrl, tokens.finance.accessToken, reviewMutation, {
          taskId: review.id,
          input: { decision: 'ACCEPT' },
        }),
      ),
    ).toBe('CONFLICT');
  });

  it('offers the approver colleagues to delegate to, and delegates to one of them', async () => {
    const { delegationCandidates: candidates } = await data<{ delegationCandidates: Candidate[] }>(
      apiUrl,
      tokens.approver.accessToken,
      candidatesQuery,
      { taskId: approval.id },
    );
    const usernames = candidates.map((candidate) => candidate.username);
    expect(usernames).toContain('director@kalahari.demo');
    expect(usernames).toContain('finance@kalahari.demo');
    // Never the caller, never the submitter, nobody without an inbox, nobody approving at this level already.
    expect(usernames).not.toContain('approver@kalahari.demo');
    expect(usernames).not.toContain('supplier@kalahari.demo');
    expect(usernames).not.toContain('auditor@kalahari.demo');
    expect(usernames).not.toContain('partner@kalahari.demo');
    const { workflowId } = await db.task.findUniqueOrThrow({ where: { id: approval.id } });
    const levelSlots = await db.task.findMany({
      where: { organisationId: kalahari.id, workflowId, approvalLevel: 1 },
      select: { approverId: true, assigneeId: true },
    });
    const atLevel = levelSlots.flatMap((slot) => [slot.approverId, slot.assigneeId]);
    expect(candidates.filter((candidate) => atLevel.includes(candidate.userId))).toEqual([]);
    const inboxRoles = ['admin', 'finance', 'approver', 'event_manager'];
    expect(candidates.filter((c) => !c.roles.some((role) => inboxRoles.includes(role)))).toEqual([]);

    // Only the task's holder is offered anyone; other organisations do not even find the task.
    expect(
      codeOf(await gql(apiUrl, tokens.finance.accessToken, candidatesQuery, { taskId: approval.id })),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await gql(apiUrl, tokens.karoo.accessToken, candidatesQuery, { taskId: approval.id })),
    ).toBe('NOT_FOUND');
    // A review is not delegated.
    expect(
      codeOf(await gql(apiUrl, tokens.finance.accessToken, candidatesQuery, { taskId: review.id })),
    ).toBe('VALIDATION');

    const delegate = `mutation($taskId: ID!, $to: ID!, $comment: String) {
      delegateTask(taskId: $taskId, to: $to, comment: $comment) { level approverId assigneeId } }`;
    // Someone the API did not offer is refused by the approval workflow: here, the submitter.
    const toSubmitter = await gql(apiUrl, tokens.approver.accessToken, delegate, {
      taskId: approval.id,
      to: kalahari.users['supplier@kalahari.demo'],
    });
    expect(codeOf(toSubmitter)).toBe('VALIDATION');

    const director = candidates.find((candidate) => candidate.username === 'director@kalahari.demo')!;
    const delegated = await data<{ delegateTask: { level: number; assigneeId: string } }>(
      apiUrl,
      tokens.approver.accessToken,
      delegate,
      { taskId: approval.id, to: director.userId, comment: 'Away at the venue all week' },
    );
    expect(delegated.delegateTask).toMatchObject({ level: 1, assigneeId: director.userId });
    const directorsTask = await until('the delegated task in the director’s inbox', async () =>
      (await myTasks(apiUrl, tokens.director.accessToken, `${number}-B`, ['invoice_approval'])).find(
        (task) => task.id === approval.id,
      ),
    );
    expect(directorsTask).toMatchObject({ assigneeId: director.userId, assignmentReason: 'delegated' });

    // The director may pass it on, but not back to the approver whose slot it is, nor to themself.
    const fromDirector = await data<{ delegationCandidates: Candidate[] }>(
      apiUrl,
      tokens.director.accessToken,
      candidatesQuery,
      { taskId: approval.id },
    );
    const onward = fromDirector.delegationCandidates.map((candidate) => candidate.username);
    expect(onward).not.toContain('approver@kalahari.demo');
    expect(onward).not.toContain('director@kalahari.demo');
    expect(onward).toContain('finance@kalahari.demo');
    // The approver no longer holds it.
    expect(
      codeOf(await gql(apiUrl, tokens.approver.accessToken, candidatesQuery, { taskId: approval.id })),
    ).toBe('NOT_FOUND');
  });
});

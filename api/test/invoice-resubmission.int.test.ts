import { createHash, randomUUID } from 'node:crypto';
import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';
import {
  chooseEvent,
  completeReview,
  decideTask,
  type DemoEvent,
  type IntakeState,
  openTasks,
  postingOf,
  reviewTaskOf,
  settledIntake,
  submissionOf,
} from '../../scripts/demo/demo-actors';
import {
  type ApiLocation,
  ApiUser,
  type DocumentFile,
  documentForm,
  type RestAnswer,
  until,
  versionsRoute,
} from '../../scripts/testing/api-user';
import { realm, requiredEnv } from './support';

// Resubmitting a corrected invoice, on the test stack as it runs (API and worker built from this checkout, the demo
// seed's Kalahari Live Events, real Keycloak tokens): an approver requests changes, the supplier sends a corrected
// PDF through POST /invoices/uploads/{workflowId}/versions, it is read again, goes back to approval and is posted
// once. Plus every refusal of the route, and a supplier seeing only its own supplier's uploads.

let location: ApiLocation;
let users: Record<
  'supplier' | 'finance' | 'approver' | 'auditor' | 'karooSupplier' | 'karooFinance',
  ApiUser
>;
let event: DemoEvent;
let budgetLineId: string;
const number = `KSR-V-${randomUUID().slice(0, 8).toUpperCase()}`;
const comment = 'The Dune tent PA was booked for 2 days, as quoted: please correct line 1.';
let first: DocumentFile;
let corrected: DocumentFile;
let workflowId: string;
let invoiceId: string;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A Soundwave invoice for `days` days of PA hire (the generated PDFs differ only in that quantity). */
async function soundwaveInvoice(days: string): Promise<DocumentFile> {
  const today = new Date().toISOString().slice(0, 10);
  const bytes = await generateInvoicePdf(
    sampleInvoiceSpec({
      supplier: {
        name: 'Soundwave Audio Hire (Pty) Ltd',
        vatNumber: '4230245781',
        address: ['14 Bree Street', 'Cape Town 8001'],
      },
      number,
      issueDate: today,
      dueDate: today,
      dateStyle: 'iso',
      lines: [{ description: `Dune tent PA system, ${days} days`, quantity: days, unitPrice: '6200.00' }],
    }),
  );
  return { bytes, name: `${number}-${days}-days.pdf` };
}

function resubmit(
  user: ApiUser,
  id: string,
  form: FormData,
): Promise<RestAnswer<{ error?: { message: string } }>> {
  return user.rest('POST', versionsRoute(id), form);
}

const intakeOf = async (user: ApiUser, id: string) => (await user.uploadStatus<IntakeState>(id)).state;

beforeAll(async () => {
  location = { ...realm(), apiUrl: requiredEnv('API_URL') };
  const signIn = (username: string) => ApiUser.signIn(location, username);
  users = {
    supplier: await signIn('supplier@kalahari.demo'),
    finance: await signIn('finance@kalahari.demo'),
    approver: await signIn('approver@kalahari.demo'),
    auditor: await signIn('auditor@kalahari.demo'),
    karooSupplier: await signIn('supplier@karoo.demo'),
    karooFinance: await signIn('finance@karoo.demo'),
  };
  event = await chooseEvent(users.supplier, users.finance, new Date().toISOString().slice(0, 10), undefined);
  budgetLineId = (event.lines.find((line) => line.code === 'SND-02') ?? event.lines[0])!.id;
  first = await soundwaveInvoice('3');
  corrected = await soundwaveInvoice('2');
}, 120_000);

describe('POST /invoices/uploads/{workflowId}/versions', () => {
  it('refuses a version while the intake waits for none, in the workflow’s words (409 CONFLICT)', async () => {
    const receipt = await users.supplier.uploadInvoice(first, { eventId: event.id });
    workflowId = receipt.workflowId;
    const review = await settledIntake(users.supplier, workflowId);
    expect(review.status).toBe('in-review');
    const task = await reviewTaskOf(users.finance, review.documentId, event.id);
    await completeReview(users.finance, task.id, { decision: 'ACCEPT', budgetLineId });
    const routed = await until('the invoice in approval', async () => {
      const state = await intakeOf(users.supplier, workflowId);
      return state?.status === 'pending-approval' ? state : undefined;
    });
    invoiceId = routed.invoiceId;

    const early = await resubmit(users.supplier, workflowId, documentForm(corrected));
    expect(early).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'CONFLICT',
          message: 'This invoice is not waiting for a new version (it is pending-approval).',
          details: { status: 'pending-approval' },
        },
      },
    });
  });

  it('lets an approver ask for changes; the supplier’s portal shows the intake and the comment', async () => {
    const task = await until('the approver’s task', async () =>
      (await openTasks(users.approver, ['invoice_approval'], event.id)).find(
        (t) => t.subjectId === invoiceId,
      ),
    );
    const decided = await decideTask(users.approver, 'requestTaskChanges', task.id, comment);
    expect(decided).toMatchObject({ level: 1, decision: 'request-changes' });
    const waiting = await until('the intake waiting for a new version', async () => {
      const state = await intakeOf(users.supplier, workflowId);
      return state?.status === 'pending-approval' ? undefined : state;
    });
    expect(waiting).toMatchObject({
      status: 'changes-requested',
      approvalOutcome: { result: 'changes-requested', comment },
    });
    const submission = await submissionOf(users.supplier, workflowId);
    expect(submission).toMatchObject({ number, status: 'received', intakeWorkflowId: workflowId });
    expect(submission?.statusHistory.at(-1)).toMatchObject({ status: 'received', reason: comment });
  });

  it('refuses the same file (422), a file that is no document (415), no file or other fields (400)', async () => {
    const same = await resubmit(users.supplier, workflowId, documentForm({ ...first, name: 'renamed.pdf' }));
    expect(same).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'VALIDATION',
          message: 'This is the same file as before: send the corrected document.',
        },
      },
    });
    const text = await resubmit(
      users.supplier,
      workflowId,
      documentForm({ bytes: new TextEncoder().encode('corrected, honestly'), name: 'v2.pdf' }),
    );
    expect(text.status).toBe(415);
    const none = await resubmit(users.supplier, workflowId, new FormData());
    expect(none).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', details: { field: 'file' } } },
    });
    const extra = await resubmit(users.supplier, workflowId, documentForm(corrected, { eventId: event.id }));
    expect(extra).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION' } } });
    expect((await intakeOf(users.supplier, workflowId))?.status).toBe('changes-requested');
  });

  it('answers 404 to another organisation, to unknown intakes and to a supplier for another supplier’s upload, 403 to an auditor', async () => {
    const form = () => documentForm(corrected);
    const unknown = workflowId.replace(/[0-9a-f]{64}$/, '0'.repeat(64));
    const answers = await Promise.all([
      resubmit(users.karooSupplier, workflowId, form()),
      resubmit(users.karooFinance, workflowId, form()),
      resubmit(users.supplier, unknown, form()),
      resubmit(users.auditor, workflowId, form()),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 403]);

    // Finance uploads an invoice of another supplier: Soundwave's user neither sees nor corrects it; finance sees it.
    const { suppliers } = await users.finance.data<{ suppliers: { items: { id: string; name: string }[] } }>(
      '{ suppliers(first: 5, search: "Highveld Lighting") { items { id name } } }',
    );
    const other = suppliers.items[0]!;
    const theirs = await users.finance.uploadInvoice(await soundwaveInvoice('5'), {
      eventId: event.id,
      supplierId: other.id,
    });
    const statusOf = (user: ApiUser) =>
      user.rest('GET', `/invoices/uploads/${encodeURIComponent(theirs.workflowId)}`);
    expect((await statusOf(users.supplier)).status).toBe(404);
    expect((await resubmit(users.supplier, theirs.workflowId, form())).status).toBe(404);
    expect((await statusOf(users.finance)).status).toBe(200);
    // Its own upload stays visible to it.
    expect(
      (await users.supplier.rest('GET', `/invoices/uploads/${encodeURIComponent(workflowId)}`)).status,
    ).toBe(200);
    // Finance rejects the stray upload, so it leaves nothing open behind.
    const stray = await settledIntake(users.finance, theirs.workflowId);
    if (stray.status === 'in-review') {
      const task = await reviewTaskOf(users.finance, stray.documentId, event.id);
      await completeReview(users.finance, task.id, { decision: 'REJECT', comment: 'Uploaded by a test' });
    }
  });

  it('takes the corrected version (202), reads it again, routes it back to approval, and posts it once', async () => {
    const answer = await resubmit(users.supplier, workflowId, documentForm(corrected));
    expect(answer).toEqual({
      status: 202,
      body: {
        workflowId,
        document: {
          sha256: sha256(corrected.bytes),
          sizeBytes: corrected.bytes.length,
          contentType: 'application/pdf',
        },
        status: 'received',
      },
    });
    const reread = await settledIntake(users.supplier, workflowId);
    expect(reread).toMatchObject({
      status: 'pending-approval',
      documentVersion: 2,
      document: { sha256: sha256(corrected.bytes) },
      extracted: { invoiceNumber: { value: number }, gross: { value: '14260.00' } },
    });

    for (const approver of [users.approver, users.finance]) {
      const task = await until('the next approval task', async () =>
        (await openTasks(approver, ['invoice_approval'], event.id)).find((t) => t.subjectId === invoiceId),
      );
      await decideTask(approver, 'approveTask', task.id, null);
    }
    const posted = await until('the corrected invoice posted', async () => {
      const state = await intakeOf(users.supplier, workflowId);
      return state?.status === 'posted' ? state : undefined;
    });
    expect(posted.approval?.round).toBe(2);
    const posting = await postingOf(users.finance, invoiceId);
    expect(posting).toEqual({
      entries: 1,
      balanced: true,
      onBudgetLines: new Map([[budgetLineId, '12400.00']]),
    });

    const { invoice } = await users.finance.data<{
      invoice: {
        status: string;
        gross: { amount: string };
        intakeWorkflowId: string;
        documents: { versions: unknown[] }[];
      };
    }>(
      'query($id: ID!) { invoice(id: $id) { status gross { amount } intakeWorkflowId documents { versions { sha256 } } } }',
      {
        id: invoiceId,
      },
    );
    expect(invoice).toEqual({
      status: 'posted',
      gross: { amount: '14260.00' },
      intakeWorkflowId: workflowId,
      documents: [{ versions: [{ sha256: sha256(first.bytes) }, { sha256: sha256(corrected.bytes) }] }],
    });
    // Done: a further version is refused in the intake's words.
    const late = await resubmit(users.supplier, workflowId, documentForm(await soundwaveInvoice('1')));
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
  });
});

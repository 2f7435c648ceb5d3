import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  type Database,
  InvoiceIntakeStarter,
  createDatabase,
  createObjectStorageClient,
  ensureBuckets,
} from '@eventvault/activities';
import { ExactDecimal } from '@eventvault/domain';
import {
  completeInvoiceReviewUpdate,
  invoiceIntakeStateQuery,
  type InvoiceIntakeState,
  type InvoiceIntakeStatus,
} from '@eventvault/workflows';
import {
  createMigratedDatabase,
  type ScratchDatabase,
} from '../../activities/src/database/testing/scratch-database';
import {
  generateInvoicePdf,
  invoiceTotals,
  sampleInvoiceSpec,
  scanInvoicePdf,
  type InvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';
import {
  createIntakeFixture,
  type IntakeFixture,
} from '../../activities/src/invoice-intake/testing/intake-fixture';
import { decideStandInApprovalUpdate } from '../../workflows/src/invoice-intake/testing/approval-stand-in.workflow';

// Real worker processes on the test stack's Temporal server, killed with SIGKILL: once while a scan is being read by
// OCR, once right after approval while the invoices are being posted. A fresh worker finishes each time, and every
// invoice ends as exactly one balanced journal entry. (The approval child is the test stand-in: what is under test is
// intake's durability, not the approval chain.)
jest.setTimeout(420_000);

const repoRoot = path.resolve(__dirname, '../..');
const workerScript = path.join(__dirname, 'testing/intake-test-worker.ts');

describe('invoice intake survives a killed worker', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let fixture: IntakeFixture;
  let connection: Connection;
  let client: Client;
  let starter: InvoiceIntakeStarter;
  const taskQueue = `intake-kill-${randomUUID()}`;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    scratch = await createMigratedDatabase('intake_kill');
    db = createDatabase(scratch.url, { maxConnections: 4 });
    fixture = await createIntakeFixture(db, 'kill-test');
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:17233' });
    client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    const storage = createObjectStorageClient(process.env);
    const bucket = process.env.S3_BUCKET_DOCUMENTS ?? 'eventvault-documents';
    await ensureBuckets(storage, [bucket], process.env.S3_REGION ?? 'us-east-1');
    starter = new InvoiceIntakeStarter({ temporal: client, storage, documentsBucket: bucket, taskQueue });
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await connection?.close();
    await db?.$disconnect();
    await scratch?.drop();
  });

  function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: scratch.url, EV_TEST_TASK_QUEUE: taskQueue, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    workers.push(child);
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${errors}`)));
    });
  }

  function kill(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async function until<T>(probe: () => Promise<T | undefined>, what: string, seconds = 240): Promise<T> {
    for (let waited = 0; waited < seconds * 10; waited += 1) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const stateOf = (handle: WorkflowHandle) => handle.query(invoiceIntakeStateQuery);
  const inStatus = (handle: WorkflowHandle, statuses: InvoiceIntakeStatus[]) =>
    until(
      async () => {
        const state = await stateOf(handle);
        return statuses.includes(state.status) ? state : undefined;
      },
      `${handle.workflowId} to be ${statuses.join('/')}`,
    );

  async function upload(spec: InvoiceSpec, bytes: Uint8Array) {
    const supplier = await db.supplier.findFirst({
      where: { organisationId: fixture.organisationId, name: spec.supplier.name },
    });
    if (!supplier) {
      await db.supplier.create({
        data: {
          organisationId: fixture.organisationId,
          name: spec.supplier.name,
          vatNumber: spec.supplier.vatNumber,
        },
      });
    }
    const started = await starter.start({
      organisationId: fixture.organisationId,
      uploadedBy: null,
      supplierId: null,
      eventId: fixture.eventId,
      fileName: `${spec.number}.pdf`,
      content: bytes,
    });
    return { spec, handle: started.handle };
  }

  /** Finance settles whatever extraction got wrong with the printed values and picks the budget line. */
  async function reviewIfNeeded(handle: WorkflowHandle, spec: InvoiceSpec): Promise<InvoiceIntakeState> {
    let state = await inStatus(handle, ['in-review', 'pending-approval']);
    while (state.status === 'in-review') {
      const totals = invoiceTotals(spec);
      await handle.executeUpdate(completeInvoiceReviewUpdate, {
        args: [
          {
            userId: fixture.financeUserId,
            roles: ['finance'],
            decision: 'accept',
            budgetLineId: fixture.budgetLineId,
            corrections: {
              supplierName: spec.supplier.name,
              invoiceNumber: spec.number,
              issueDate: spec.issueDate,
              dueDate: spec.dueDate,
              currency: spec.currency,
              net: totals.net,
              vat: totals.vat,
              gross: totals.gross,
            },
          },
        ],
      });
      state = await inStatus(handle, ['in-review', 'pending-approval']);
    }
    return state;
  }

  it('kills the worker during OCR and again during posting; each invoice is posted exactly once', async () => {
    const first = await startWorker();
    const scanSpec = sampleInvoiceSpec({
      number: 'KILL-SCAN-1',
      issueDate: '2026-09-04',
      dueDate: '2026-10-04',
    });
    const textSpec = sampleInvoiceSpec({
      number: 'KILL-TEXT-2',
      issueDate: '2026-09-06',
      dueDate: '2026-10-06',
      supplier: {
        name: 'Sutherland Staging CC',
        vatNumber: '4987654321',
        address: ['1 Church Street', 'Sutherland'],
      },
    });
    const scan = await upload(scanSpec, await scanInvoicePdf(await generateInvoicePdf(scanSpec)));
    const text = await upload(textSpec, await generateInvoicePdf(textSpec));

    // Kill 1: the scan's extraction has started on the first worker (OCR pool starting or reading the page).
    await until(async () => {
      const { raw } = await scan.handle.describe();
      const reading = (raw.pendingActivities ?? []).some(
        (a) =>
          a.activityType?.name === 'extractInvoiceDocument' &&
          a.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
      );
      return reading ? true : undefined;
    }, 'OCR to start');
    await kill(first);

    const second = await startWorker();
    const states = [
      await reviewIfNeeded(scan.handle, scan.spec),
      await reviewIfNeeded(text.handle, text.spec),
    ];
    expect(states.map((s) => s.status)).toEqual(['pending-approval', 'pending-approval']);

    // Kill 2: both approved, the worker is killed while it records approvals and posts.
    for (const state of states) {
      await client.workflow
        .getHandle(state.approval?.workflowId ?? '')
        .executeUpdate(decideStandInApprovalUpdate, { args: [{ result: 'approved', decisions: [] }] });
    }
    await kill(second);

    const third = await startWorker();
    const finals = (await Promise.all([scan.handle.result(), text.handle.result()])) as InvoiceIntakeState[];
    expect(finals.map((s) => s.status)).toEqual(['posted', 'posted']);

    // The scan's extraction really ran twice: the attempt the first worker died in, and the one that finished.
    const { events } = await scan.handle.fetchHistory();
    const extractionIds = new Set(
      (events ?? [])
        .filter(
          (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'extractInvoiceDocument',
        )
        .map((e) => String(e.eventId)),
    );
    const attempts = (events ?? [])
      .filter((e) => extractionIds.has(String(e.activityTaskStartedEventAttributes?.scheduledEventId ?? '')))
      .map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);

    for (const [index, final] of finals.entries()) {
      const spec = [scanSpec, textSpec][index] as InvoiceSpec;
      const entries = await db.journalEntry.findMany({
        where: { organisationId: fixture.organisationId, sourceType: 'invoice', sourceId: final.invoiceId },
        include: { lines: true },
      });
      expect(entries).toHaveLength(1);
      const lines = entries[0]?.lines ?? [];
      const total = (pick: (l: (typeof lines)[number]) => string) =>
        lines.reduce((sum, l) => sum.plus(pick(l)), new ExactDecimal(0)).toFixed(2);
      expect(total((l) => l.debit.toFixed())).toBe(total((l) => l.credit.toFixed()));
      expect(total((l) => l.credit.toFixed())).toBe(invoiceTotals(spec).gross);
      const posted = await db.auditLog.count({
        where: {
          organisationId: fixture.organisationId,
          subjectId: final.invoiceId,
          action: 'invoice.posted',
        },
      });
      expect(posted).toBe(1);
      expect(await db.paymentSchedule.count({ where: { invoiceId: final.invoiceId } })).toBe(1);
    }
    third.kill('SIGTERM');
  });
});

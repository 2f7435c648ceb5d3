import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { type ApprovalOutcome, ExactDecimal } from '@eventvault/domain';
import {
  BudgetVsActualRepository,
  type Database,
  InvoiceIntakeStarter,
  SupplierRepository,
  BankDetailsCipher,
  createDatabase,
  createExtractionActivities,
  createInvoiceIntakeActivities,
  createObjectStorageClient,
  ensureBuckets,
  sharedOcrPool,
  shutdownSharedOcrPool,
  thumbnailKey,
} from '@eventvault/activities';
import {
  createMigratedDatabase,
  type ScratchDatabase,
} from '../../../activities/src/database/testing/scratch-database';
import {
  completeInvoiceReviewUpdate,
  invoiceIntakeStateQuery,
  type InvoiceIntakeState,
  type InvoiceIntakeStatus,
} from './invoice-intake.workflow';
import {
  generateInvoicePdf,
  sampleInvoiceSpec,
  type InvoiceSpec,
} from '../../../activities/src/extraction/testing/invoice-generator';
import { decideStandInApprovalUpdate } from './testing/approval-stand-in.workflow';

// The intake workflow on Temporal's time-skipping server with its real activities (extraction included) on a scratch
// database and the test stack's S3, reading invoices printed by the extraction tests' generator. The approval child is
// a stand-in that ends with the test's decision (the approval chain has its own tests).
const taskQueue = 'invoice-intake-test';
const cipher = BankDetailsCipher.fromKeyring(`test-1:${Buffer.alloc(32, 7).toString('base64')}`);

/** A ZAR invoice of the staging supplier with one line of `net` at 15 % VAT, printed by the extraction tests' generator. */
function staging(number: string, extra: { net?: string; description?: string } = {}): InvoiceSpec {
  return sampleInvoiceSpec({
    supplier: {
      name: 'Karoo Staging & Rigging (Pty) Ltd',
      vatNumber: '4120189357',
      address: ['1 Main Road', 'Cape Town'],
    },
    number,
    issueDate: '2026-09-05',
    dueDate: '2026-10-05',
    lines: [
      {
        description: extra.description ?? 'Stage and rigging',
        quantity: '1',
        unitPrice: extra.net ?? '10000.00',
      },
    ],
  });
}

describe('invoiceIntakeWorkflow', () => {
  let env: TestWorkflowEnvironment;
  let scratch: ScratchDatabase;
  let db: Database;
  let createWorker: () => Promise<Worker>;
  let starter: InvoiceIntakeStarter;
  const ids = { org: '', finance: '', supplier: '', event: '', budgetLine: '', period: '' };

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    scratch = await createMigratedDatabase('intake_wf');
    db = createDatabase(scratch.url, { maxConnections: 4 });
    const org = await db.organisation.create({
      data: {
        slug: 'intake-test',
        legalName: 'Intake Test (Pty) Ltd',
        baseCurrency: 'ZAR',
        fiscalYearStartMonth: 3,
        vatRegistered: true,
      },
    });
    ids.org = org.id;
    const finance = await db.appUser.create({
      data: {
        organisationId: org.id,
        username: 'finance',
        displayName: 'Fiona Finance',
        email: 'f@example.test',
      },
    });
    ids.finance = finance.id;
    const supplier = await db.supplier.create({
      data: { organisationId: org.id, name: 'Karoo Staging & Rigging (Pty) Ltd', vatNumber: '4120189357' },
    });
    ids.supplier = supplier.id;
    const event = await db.event.create({
      data: {
        organisationId: org.id,
        name: 'Test Festival',
        startsOn: new Date('2026-09-01'),
        endsOn: new Date('2026-09-03'),
      },
    });
    ids.event = event.id;
    const category = await db.budgetCategory.create({
      data: { organisationId: org.id, code: 'PROD', name: 'Production', expenseAccountCode: '5100' },
    });
    const budget = await db.budget.create({
      data: { organisationId: org.id, eventId: event.id, name: 'Main', currency: 'ZAR', fiscalYear: 2027 },
    });
    const version = await db.budgetVersion.create({
      data: { organisationId: org.id, budgetId: budget.id, versionNo: 1 },
    });
    const line = await db.budgetLine.create({
      data: {
        organisationId: org.id,
        budgetVersionId: version.id,
        categoryId: category.id,
        code: 'PROD-STAGE',
        description: 'Stage and rigging',
        amount: '500000',
        currency: 'ZAR',
      },
    });
    ids.budgetLine = line.id;
    await db.purchaseOrder.create({
      data: {
        organisationId: org.id,
        supplierId: supplier.id,
        eventId: event.id,
        budgetLineId: line.id,
        number: 'PO-100',
        status: 'issued',
        currency: 'ZAR',
        netAmount: '100000',
        vatAmount: '15000',
        grossAmount: '115000',
      },
    });
    const period = await db.accountingPeriod.create({
      data: {
        organisationId: org.id,
        fiscalYear: 2027,
        startsOn: new Date('2026-03-01'),
        endsOn: new Date('2027-02-28'),
      },
    });
    ids.period = period.id;

    const storage = createObjectStorageClient(process.env);
    const bucket = process.env.S3_BUCKET_DOCUMENTS ?? 'eventvault-documents';
    await ensureBuckets(storage, [bucket], process.env.S3_REGION ?? 'us-east-1');

    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: {
        executable: {
          type: 'existing-path',
          path: path.resolve(__dirname, '../../../.venv/bin/temporal-test-server'),
        },
      },
    });
    // The time-skipping server knows no custom search attributes until told (the stacks register them at start).
    const { searchAttributes } = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../../temporal-config/dev-server.json'), 'utf8'),
    ) as { searchAttributes: Record<string, 'Keyword' | 'Double'> };
    await env.connection.operatorService.addSearchAttributes({
      namespace: 'default',
      searchAttributes: Object.fromEntries(
        Object.entries(searchAttributes).map(([name, type]) => [
          name,
          type === 'Double'
            ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE
            : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        ]),
      ),
    });
    createWorker = () =>
      Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowsPath: require.resolve('./testing/workflows'),
        activities: {
          ...createInvoiceIntakeActivities({
            db,
            supplierRegister: (organisationId) => new SupplierRepository(db, organisationId, cipher),
            clock: () => new Date('2026-10-01T10:00:00Z'),
          }),
          ...createExtractionActivities({ storage, documentsBucket: bucket, ocr: sharedOcrPool() }),
        },
      });
    starter = new InvoiceIntakeStarter({ temporal: env.client, storage, documentsBucket: bucket, taskQueue });
  });

  afterAll(async () => {
    await shutdownSharedOcrPool();
    await env?.teardown();
    await db?.$disconnect();
    await scratch?.drop();
  });

  async function upload(
    invoice: InvoiceSpec,
    options: { purchaseOrderNumber?: string; eventId?: string | null } = {},
  ) {
    const bytes = await generateInvoicePdf(invoice);
    const started = await starter.start({
      organisationId: ids.org,
      uploadedBy: null,
      supplierId: null,
      eventId: options.eventId === undefined ? ids.event : options.eventId,
      purchaseOrderNumber: options.purchaseOrderNumber ?? null,
      fileName: `${invoice.number}.pdf`,
      content: bytes,
    });
    return { ...started, bytes };
  }

  /** With EV_RECORD_INTAKE_HISTORIES=1, saves the run's history for the replay test (histories/NAME.json). */
  async function saveHistory(handle: WorkflowHandle, name: string): Promise<void> {
    if (process.env.EV_RECORD_INTAKE_HISTORIES !== '1') return;
    const { History } = temporal.api.history.v1;
    const history = History.toObject(History.fromObject(await handle.fetchHistory()), {
      longs: String,
      enums: String,
      bytes: String,
    });
    fs.mkdirSync(path.join(__dirname, 'histories'), { recursive: true });
    fs.writeFileSync(
      path.join(__dirname, 'histories', `${name}.json`),
      `${JSON.stringify({ workflowId: handle.workflowId, history }, null, 1)}\n`,
    );
  }

  async function waitFor(
    handle: WorkflowHandle,
    statuses: InvoiceIntakeStatus[],
  ): Promise<InvoiceIntakeState> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const state = await handle.query(invoiceIntakeStateQuery);
      if (statuses.includes(state.status)) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`workflow ${handle.workflowId} never reached ${statuses.join('/')}`);
  }

  async function decideApproval(state: InvoiceIntakeState, outcome: ApprovalOutcome) {
    if (!state.approval) throw new Error('no approval child');
    await env.client.workflow
      .getHandle(state.approval.workflowId)
      .executeUpdate(decideStandInApprovalUpdate, { args: [outcome] });
  }

  const approved: ApprovalOutcome = {
    result: 'approved',
    decisions: [],
  };

  async function entriesOf(invoiceId: string) {
    return db.journalEntry.findMany({
      where: { organisationId: ids.org, sourceType: 'invoice', sourceId: invoiceId },
      include: { lines: true },
    });
  }

  function balanced(lines: { debit: { toFixed(): string }; credit: { toFixed(): string } }[]): boolean {
    const sum = (pick: (line: (typeof lines)[number]) => string) =>
      lines.reduce((total, line) => total.plus(pick(line)), new ExactDecimal(0));
    return sum((l) => l.debit.toFixed()).equals(sum((l) => l.credit.toFixed()));
  }

  it('posts a clean invoice once on its budget line, schedules its payment and notifies the supplier; a re-upload is a duplicate', async () => {
    await (
      await createWorker()
    ).runUntil(async () => {
      const before = await new BudgetVsActualRepository(db, ids.org).linesForEvent(ids.event);
      const started = await upload(staging('INV-001'), { purchaseOrderNumber: 'PO-100' });
      expect(started.duplicate).toBe(false);
      const pending = await waitFor(started.handle, ['pending-approval', 'in-review']);
      expect(pending.review?.reasons ?? []).toEqual([]);
      expect(pending.status).toBe('pending-approval');

      const again = await starter.start({
        organisationId: ids.org,
        uploadedBy: null,
        supplierId: null,
        eventId: ids.event,
        fileName: 'again.pdf',
        content: started.bytes,
      });
      expect(again.duplicate).toBe(true);
      expect(again.workflowId).toBe(started.workflowId);

      await decideApproval(pending, approved);
      const final = (await started.handle.result()) as InvoiceIntakeState;
      expect(final.status).toBe('posted');
      await saveHistory(started.handle, 'posted-after-approval');
      const { searchAttributes } = await started.handle.describe();
      expect(searchAttributes).toMatchObject({
        InvoiceStatus: ['posted'],
        OrganisationId: [ids.org],
        SupplierId: [ids.supplier],
        EventId: [ids.event],
        InvoiceAmount: [11500],
      });

      const entries = await entriesOf(final.invoiceId);
      expect(entries).toHaveLength(1);
      const lines = entries[0]?.lines ?? [];
      expect(lines.map((l) => [l.accountCode, l.debit.toFixed(2), l.credit.toFixed(2)]).sort()).toEqual([
        ['1400', '1500.00', '0.00'],
        ['2000', '0.00', '11500.00'],
        ['5100', '10000.00', '0.00'],
      ]);
      expect(balanced(lines)).toBe(true);
      expect(lines.find((l) => l.accountCode === '5100')?.budgetLineId).toBe(ids.budgetLine);

      const after = await new BudgetVsActualRepository(db, ids.org).linesForEvent(ids.event);
      const actualOf = (rows: typeof after) => rows.find((r) => r.budgetLineId === ids.budgetLine)?.actual;
      expect(new ExactDecimal(actualOf(after) ?? '0').minus(actualOf(before) ?? '0').toFixed(2)).toBe(
        '10000.00',
      );

      const invoice = await db.invoice.findUniqueOrThrow({ where: { id: final.invoiceId } });
      expect(invoice.status).toBe('posted');
      const schedule = await db.paymentSchedule.findMany({ where: { invoiceId: final.invoiceId } });
      expect(schedule.map((s) => [s.dueOn.toISOString().slice(0, 10), s.amount.toFixed(2)])).toEqual([
        ['2026-10-05', '11500.00'],
      ]);
      const notes = await db.supplierNotification.findMany({ where: { invoiceId: final.invoiceId } });
      expect(notes.map((n) => n.kind)).toEqual(['payment-scheduled']);
      const version = await db.documentVersion.findFirstOrThrow({ where: { documentId: final.documentId } });
      expect(version.sha256).toBe(started.document.sha256);
      expect(version.thumbnailKey).toBe(thumbnailKey(started.document.objectKey));
      const audit = await db.auditLog.findMany({
        where: { subjectId: final.invoiceId },
        orderBy: { sequence: 'asc' },
      });
      expect(audit.map((a) => a.action)).toEqual([
        'invoice.submitted_for_approval',
        'invoice.approved',
        'invoice.posted',
      ]);
    });
  });

  it('sends a known number with different content to review with the reason, and a rejected review ends it', async () => {
    await (
      await createWorker()
    ).runUntil(async () => {
      const started = await upload(staging('INV001', { description: 'Stage and rigging, second copy' }), {
        purchaseOrderNumber: 'PO-100',
      });
      const review = await waitFor(started.handle, ['in-review']);
      expect(review.review?.reasons.map((r) => r.code)).toEqual(['duplicate-number']);
      expect(review.review?.reasons[0]?.message).toMatch(/already has invoice INV-001 dated 2026-09-05/);
      const task = await db.task.findUniqueOrThrow({ where: { id: review.review?.taskId ?? '' } });
      expect(task.title).toMatch(/already has invoice INV-001/);
      expect(task.status).toBe('open');

      const refused = await started.handle
        .executeUpdate(completeInvoiceReviewUpdate, {
          args: [{ userId: ids.finance, roles: ['approver'], decision: 'reject', comment: 'dup' }],
        })
        .then(
          () => null,
          (error: unknown) => error as Error & { cause?: Error },
        );
      expect(refused?.cause?.message).toMatch(/Only finance completes an invoice review/);
      expect((await started.handle.query(invoiceIntakeStateQuery)).status).toBe('in-review');
      await started.handle.executeUpdate(completeInvoiceReviewUpdate, {
        args: [
          { userId: ids.finance, roles: ['finance'], decision: 'reject', comment: 'Duplicate of INV-001' },
        ],
      });
      const final = (await started.handle.result()) as InvoiceIntakeState;
      expect(final.status).toBe('rejected');
      expect(final.rejection).toBe('Duplicate of INV-001');
      await saveHistory(started.handle, 'duplicate-number-rejected-in-review');
      expect(await db.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'done' });
      expect(await entriesOf(final.invoiceId)).toHaveLength(0);
    });
  });

  it('reviews an unknown foreign supplier: finance creates it, enters the rate and budget line; posts in base currency', async () => {
    await (
      await createWorker()
    ).runUntil(async () => {
      const started = await upload(
        sampleInvoiceSpec({
          language: 'de',
          supplier: {
            name: 'Lichtwerk Berlin GmbH',
            vatNumber: 'DE811907980',
            address: ['Hauptstr. 1', 'Berlin'],
          },
          number: 'LW-2026-17',
          issueDate: '2026-09-10',
          dueDate: undefined,
          currency: 'EUR',
          vatPercent: '19',
          amountStyle: 'dot-thousands',
          currencyDisplay: 'symbol-after',
          lines: [{ description: 'Lichttechnik', quantity: '1', unitPrice: '1000.00' }],
        }),
      );
      const review = await waitFor(started.handle, ['in-review']);
      const codes = review.review?.reasons.map((r) => r.code) ?? [];
      expect(codes).toEqual(
        expect.arrayContaining(['unknown-supplier', 'no-budget-line', 'fx-rate-missing']),
      );

      await started.handle.executeUpdate(completeInvoiceReviewUpdate, {
        args: [
          {
            userId: ids.finance,
            roles: ['finance'],
            decision: 'accept',
            newSupplier: { name: 'Lichtwerk Berlin GmbH', vatNumber: 'DE811907980' },
            supplierHints: { documentLocale: 'de-DE' },
            budgetLineId: ids.budgetLine,
            fxRate: { rate: '20.123456789', date: '2026-09-10', source: 'SARB' },
          },
        ],
      });
      const pending = await waitFor(started.handle, ['pending-approval', 'in-review']);
      expect(pending.review?.reasons ?? []).toEqual([]);
      expect(pending.assessment?.amountInBaseCurrency).toEqual({ amount: '23946.91', currency: 'ZAR' });
      await decideApproval(pending, approved);
      const final = (await started.handle.result()) as InvoiceIntakeState;
      expect(final.status).toBe('posted');
      await saveHistory(started.handle, 'foreign-supplier-reviewed-posted');
      const lines = (await entriesOf(final.invoiceId))[0]?.lines ?? [];
      // Foreign VAT is not claimable: the converted gross the approvers saw is the expense (EUR 1190.00 at the rate,
      // not net and VAT rounded apart, 20123.46 + 3823.46).
      expect(
        lines.map((l) => [l.accountCode, l.currency, l.debit.toFixed(2), l.credit.toFixed(2)]).sort(),
      ).toEqual([
        ['2000', 'ZAR', '0.00', '23946.91'],
        ['5100', 'ZAR', '23946.91', '0.00'],
      ]);
      const supplier = await db.supplier.findFirstOrThrow({
        where: { organisationId: ids.org, vatNumber: 'DE811907980' },
      });
      expect(supplier.documentLocale).toBe('de-DE');
    });
  });

  it('loops back on requested changes: the resubmitted version is extracted again and posted once', async () => {
    await (
      await createWorker()
    ).runUntil(async () => {
      const started = await upload(staging('INV-002', { net: '2000.00' }), {
        purchaseOrderNumber: 'PO-100',
      });
      const pending = await waitFor(started.handle, ['pending-approval']);
      await decideApproval(pending, {
        result: 'changes-requested',
        comment: 'Please add the PO number to the invoice',
        decisions: [],
      });
      await waitFor(started.handle, ['changes-requested']);
      const bytes = await generateInvoicePdf(
        staging('INV-002', { net: '2000.00', description: 'Stage and rigging (PO-100)' }),
      );
      await starter.resubmit({
        workflowId: started.workflowId,
        organisationId: ids.org,
        submittedBy: null,
        fileName: 'INV-002-v2.pdf',
        content: bytes,
      });
      const second = await waitFor(started.handle, ['pending-approval']);
      expect(second.documentVersion).toBe(2);
      expect(second.approval?.round).toBe(2);
      await decideApproval(second, approved);
      const final = (await started.handle.result()) as InvoiceIntakeState;
      expect(final.status).toBe('posted');
      await saveHistory(started.handle, 'changes-requested-resubmitted-posted');
      expect(await entriesOf(final.invoiceId)).toHaveLength(1);
      const versions = await db.documentVersion.findMany({
        where: { documentId: final.documentId },
        orderBy: { versionNo: 'asc' },
      });
      expect(versions.map((v) => v.versionNo)).toEqual([1, 2]);
      const notes = await db.supplierNotification.findMany({ where: { invoiceId: final.invoiceId } });
      expect(notes.map((n) => n.kind).sort()).toEqual(['invoice-changes-requested', 'payment-scheduled']);
    });
  });

  it('ends a rejected approval without posting and tells the supplier why', async () => {
    await (
      await createWorker()
    ).runUntil(async () => {
      const started = await upload(staging('INV-003', { net: '100.00' }), {
        purchaseOrderNumber: 'PO-100',
      });
      const pending = await waitFor(started.handle, ['pending-approval']);
      await decideApproval(pending, { result: 'rejected', reason: 'Not ordered', decisions: [] });
      const final = (await started.handle.result()) as InvoiceIntakeState;
      expect(final.status).toBe('rejected');
      expect(await entriesOf(final.invoiceId)).toHaveLength(0);
      expect((await db.invoice.findUniqueOrThrow({ where: { id: final.invoiceId } })).status).toBe(
        'rejected',
      );
      const notes = await db.supplierNotification.findMany({ where: { invoiceId: final.invoiceId } });
      expect(notes.map((n) => [n.kind, n.payload])).toEqual([
        ['invoice-rejected', { reason: 'Not ordered' }],
      ]);
    });
  });
});

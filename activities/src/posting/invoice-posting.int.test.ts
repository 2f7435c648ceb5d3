import { createDatabase, type Database } from '../database/client';
import { createMigratedDatabase, type ScratchDatabase } from '../database/testing/scratch-database';
import { createIntakeFixture, type IntakeFixture } from '../invoice-intake/testing/intake-fixture';
import { InvoicePostingRepository } from './invoice-posting.repository';

// Posting on a real PostgreSQL: the unique index makes a second journal entry for an invoice impossible, whoever
// races whom, and a locked or missing period sends the entry to the current period with the reason recorded.
describe('InvoicePostingRepository', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let fixture: IntakeFixture;
  let supplierId: string;

  beforeAll(async () => {
    scratch = await createMigratedDatabase('invoice_posting');
    db = createDatabase(scratch.url, { maxConnections: 6 });
    fixture = await createIntakeFixture(db, 'posting-test');
    ({ id: supplierId } = await db.supplier.create({
      data: { organisationId: fixture.organisationId, name: 'Sutherland Staging CC' },
    }));
  });

  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  async function approvedInvoice(number: string, invoiceDate: string) {
    return db.invoice.create({
      data: {
        organisationId: fixture.organisationId,
        supplierId,
        eventId: fixture.eventId,
        budgetLineId: fixture.budgetLineId,
        status: 'approved',
        number,
        normalisedNumber: number.replace(/[^A-Z0-9]/gi, '').toUpperCase(),
        invoiceDate: new Date(invoiceDate),
        currency: 'ZAR',
        netAmount: '1000.00',
        vatAmount: '150.00',
        grossAmount: '1150.00',
      },
    });
  }

  it('posts one entry when several workers post the same invoice at once, and every caller gets that entry', async () => {
    const invoice = await approvedInvoice('RACE-1', '2026-09-10');
    const posting = new InvoicePostingRepository(db, fixture.organisationId);
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => posting.postInvoice(invoice.id, { fxRateId: null, postedBy: null })),
    );
    const entries = await db.journalEntry.findMany({
      where: { organisationId: fixture.organisationId, sourceType: 'invoice', sourceId: invoice.id },
    });
    expect(entries).toHaveLength(1);
    expect(new Set(results.map((r) => r.journalEntryId))).toEqual(new Set([entries[0]?.id]));
    expect(results.filter((r) => !r.alreadyPosted)).toHaveLength(1);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe('posted');
    const audited = await db.auditLog.count({ where: { subjectId: invoice.id, action: 'invoice.posted' } });
    expect(audited).toBe(1);
  });

  it('refuses a second entry for an invoice in the database itself', async () => {
    const invoice = await approvedInvoice('RACE-2', '2026-09-11');
    const posting = new InvoicePostingRepository(db, fixture.organisationId);
    const first = await posting.postInvoice(invoice.id, { fxRateId: null, postedBy: null });
    await expect(
      db.journalEntry.create({
        data: {
          organisationId: fixture.organisationId,
          periodId: first.periodId,
          entryDate: new Date('2026-09-11'),
          description: 'a second posting',
          sourceType: 'invoice',
          sourceId: invoice.id,
        },
      }),
    ).rejects.toThrow(/journal_entry_one_per_invoice_idx|Unique constraint/);
  });

  it('posts into the current open period, saying why, when the invoice date has no open period', async () => {
    const invoice = await approvedInvoice('OLD-1', '2019-05-02');
    const posting = new InvoicePostingRepository(
      db,
      fixture.organisationId,
      () => new Date('2026-10-01T09:00:00Z'),
    );
    const posted = await posting.postInvoice(invoice.id, { fxRateId: null, postedBy: null });
    expect(posted.periodId).toBe(fixture.periodId);
    expect(posted.entryDate).toBe('2026-10-01');
    expect(posted.periodNote).toBe(
      'The period of the invoice date 2019-05-02 does not exist; posted in the current period on 2026-10-01.',
    );
    const audit = await db.auditLog.findFirstOrThrow({
      where: { subjectId: invoice.id, action: 'invoice.posted' },
    });
    expect(audit.payload).toMatchObject({ periodNote: posted.periodNote });
  });

  it('refuses to post an invoice that is not approved', async () => {
    const invoice = await approvedInvoice('PENDING-1', '2026-09-12');
    await db.invoice.update({ where: { id: invoice.id }, data: { status: 'pending_approval' } });
    await expect(
      new InvoicePostingRepository(db, fixture.organisationId).postInvoice(invoice.id, {
        fxRateId: null,
        postedBy: null,
      }),
    ).rejects.toThrow(/is pending_approval, not approved/);
  });
});

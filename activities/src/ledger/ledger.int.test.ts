import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '../database/client';
import { type ScratchDatabase, createMigratedDatabase } from '../database/testing/scratch-database';
import { AuditLogRepository } from './audit-log.repository';
import { JournalRepository } from './journal.repository';

// The ledger repositories on a database of this file's own (created empty, migrated by `npm run migrate`).

let scratch: ScratchDatabase;
let db: Database;

beforeAll(async () => {
  scratch = await createMigratedDatabase('ledger');
  db = createDatabase(scratch.url, { maxConnections: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

async function newOrganisation(): Promise<{ organisationId: string; periodId: string }> {
  const { id: organisationId } = await db.organisation.create({
    data: {
      slug: `o-${randomUUID().slice(0, 8)}`,
      legalName: 'O',
      baseCurrency: 'ZAR',
      fiscalYearStartMonth: 3,
    },
  });
  const { id: periodId } = await db.accountingPeriod.create({
    data: {
      organisationId,
      fiscalYear: 2026,
      startsOn: new Date('2026-03-01'),
      endsOn: new Date('2026-03-31'),
    },
  });
  return { organisationId, periodId };
}

const purchase = (periodId: string) => ({
  periodId,
  entryDate: new Date('2026-03-10'),
  description: 'PA hire',
  lines: [
    { accountCode: '5000', debit: '1000.00', currency: 'ZAR' },
    { accountCode: '1400', debit: '150.00', currency: 'ZAR' },
    { accountCode: '2000', credit: '1150.00', currency: 'ZAR' },
  ],
});

describe('JournalRepository', () => {
  it('posts a balanced entry and reads it back, only within its organisation', async () => {
    const mine = await newOrganisation();
    const theirs = await newOrganisation();
    const journal = new JournalRepository(db, mine.organisationId);
    const { id } = await journal.post(purchase(mine.periodId));
    const entry = await journal.findEntry(id);
    expect(
      entry?.lines.map((l) => [l.lineNo, l.accountCode, l.debit.toFixed(2), l.credit.toFixed(2)]),
    ).toEqual([
      [1, '5000', '1000.00', '0.00'],
      [2, '1400', '150.00', '0.00'],
      [3, '2000', '0.00', '1150.00'],
    ]);
    expect(await new JournalRepository(db, theirs.organisationId).findEntry(id)).toBeNull();
    // Another organisation's period is refused by the composite foreign key.
    await expect(
      new JournalRepository(db, theirs.organisationId).post(purchase(mine.periodId)),
    ).rejects.toThrow();
  });

  it('surfaces the refusals: unbalanced, and locked period', async () => {
    const { organisationId, periodId } = await newOrganisation();
    const journal = new JournalRepository(db, organisationId);
    const unbalanced = purchase(periodId);
    unbalanced.lines[2] = { accountCode: '2000', credit: '1149.99', currency: 'ZAR' };
    await expect(journal.post(unbalanced)).rejects.toThrow(/unbalanced/);
    expect(await journal.lockPeriod(periodId)).toBe(true);
    expect(await journal.lockPeriod(periodId)).toBe(false);
    await expect(journal.post(purchase(periodId))).rejects.toThrow(/is locked/);
  });
});

describe('AuditLogRepository', () => {
  it('appends a chain the database verifies, per organisation', async () => {
    const a = new AuditLogRepository(db, (await newOrganisation()).organisationId);
    const b = new AuditLogRepository(db, (await newOrganisation()).organisationId);
    const first = await a.append({ action: 'invoice.received', subjectType: 'invoice', payload: { n: 1 } });
    await b.append({ action: 'invoice.received', subjectType: 'invoice' });
    const second = await a.append({ action: 'invoice.approved', subjectType: 'invoice', payload: { n: 2 } });
    expect([first.sequence, second.sequence]).toEqual([1n, 2n]);
    expect((await a.head())?.hash).toEqual(second.hash);
    expect(await a.firstBrokenSequence()).toBeNull();
    expect(await b.firstBrokenSequence()).toBeNull();
  });
});

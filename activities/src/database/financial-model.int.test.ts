import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, type Database } from './client';
import { type ScratchDatabase, createMigratedDatabase } from './testing/scratch-database';
import { Prisma } from '../generated/prisma/client';

// The financial model (migration 1764790000000_financial-model.sql) on the real PostgreSQL of the test stack:
// one database of this file's own, created empty, migrated by `npm run migrate`, dropped at the end.

let scratch: ScratchDatabase;
let databaseUrl = '';
let sql: Client;
let db: Database;

beforeAll(async () => {
  scratch = await createMigratedDatabase('financial');
  databaseUrl = scratch.url;
  sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  db = createDatabase(databaseUrl, { maxConnections: 3 });
});

afterAll(async () => {
  await db?.$disconnect();
  await sql?.end();
  await scratch?.drop();
});

/** A fresh organisation with an open accounting period for March 2026, so tests never share rows. */
async function newOrganisation(): Promise<{ organisationId: string; periodId: string }> {
  const organisation = await db.organisation.create({
    data: {
      slug: `org-${randomUUID().slice(0, 8)}`,
      legalName: 'Festival Co (Pty) Ltd',
      baseCurrency: 'ZAR',
      fiscalYearStartMonth: 3,
    },
  });
  const period = await db.accountingPeriod.create({
    data: {
      organisationId: organisation.id,
      fiscalYear: 2026,
      startsOn: new Date('2026-03-01'),
      endsOn: new Date('2026-03-31'),
    },
  });
  return { organisationId: organisation.id, periodId: period.id };
}

interface Line {
  account: string;
  debit?: string;
  credit?: string;
  currency?: string;
}

/** Writes an entry and its lines in one transaction (the balance check runs at COMMIT). */
async function postEntry(organisationId: string, periodId: string, lines: Line[]): Promise<string> {
  const entryId = randomUUID();
  await sql.query('BEGIN');
  try {
    await sql.query(
      `INSERT INTO journal_entry (id, organisation_id, period_id, entry_date, description)
       VALUES ($1, $2, $3, '2026-03-10', 'test entry')`,
      [entryId, organisationId, periodId],
    );
    for (const [index, line] of lines.entries()) {
      await sql.query(
        `INSERT INTO journal_line (organisation_id, entry_id, line_no, account_code, debit, credit, currency)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          organisationId,
          entryId,
          index + 1,
          line.account,
          line.debit ?? '0',
          line.credit ?? '0',
          line.currency ?? 'ZAR',
        ],
      );
    }
    await sql.query('COMMIT');
  } catch (error) {
    await sql.query('ROLLBACK');
    throw error;
  }
  return entryId;
}

async function lineCount(entryId: string): Promise<number> {
  const result = await sql.query<{ n: string }>(
    'SELECT count(*) AS n FROM journal_line WHERE entry_id = $1',
    [entryId],
  );
  return Number(result.rows[0]?.n);
}

describe('double-entry journal', () => {
  it('accepts a balanced entry', async () => {
    const { organisationId, periodId } = await newOrganisation();
    const entryId = await postEntry(organisationId, periodId, [
      { account: '5000', debit: '1150.00' },
      { account: '1400', debit: '0.01' },
      { account: '2000', credit: '1150.01' },
    ]);
    expect(await lineCount(entryId)).toBe(3);
  });

  it('refuses an unbalanced entry at commit, not before', async () => {
    const { organisationId, periodId } = await newOrganisation();
    const entryId = randomUUID();
    await sql.query('BEGIN');
    await sql.query(
      `INSERT INTO journal_entry (id, organisation_id, period_id, entry_date, description)
       VALUES ($1, $2, $3, '2026-03-10', 'half an entry')`,
      [entryId, organisationId, periodId],
    );
    // The lone debit line is accepted inside the transaction: the check is deferred to COMMIT.
    await sql.query(
      `INSERT INTO journal_line (organisation_id, entry_id, line_no, account_code, debit, currency)
       VALUES ($1, $2, 1, '5000', 100, 'ZAR')`,
      [organisationId, entryId],
    );
    await expect(sql.query('COMMIT')).rejects.toThrow(
      /unbalanced in ZAR: debits 100\.0000 <> credits 0\.0000/,
    );
    const entries = await sql.query('SELECT 1 FROM journal_entry WHERE id = $1', [entryId]);
    expect(entries.rowCount).toBe(0);
  });

  it('refuses an entry that is off by one cent, and one balanced only across currencies', async () => {
    const { organisationId, periodId } = await newOrganisation();
    await expect(
      postEntry(organisationId, periodId, [
        { account: '5000', debit: '1000.00' },
        { account: '2000', credit: '999.99' },
      ]),
    ).rejects.toThrow(/unbalanced/);
    await expect(
      postEntry(organisationId, periodId, [
        { account: '5000', debit: '100', currency: 'ZAR' },
        { account: '2000', credit: '100', currency: 'USD' },
      ]),
    ).rejects.toThrow(/unbalanced/);
  });

  it('refuses an update or delete that unbalances a posted entry', async () => {
    const { organisationId, periodId } = await newOrganisation();
    const entryId = await postEntry(organisationId, periodId, [
      { account: '5000', debit: '10' },
      { account: '2000', credit: '10' },
    ]);
    await expect(
      sql.query(`UPDATE journal_line SET debit = 11 WHERE entry_id = $1 AND line_no = 1`, [entryId]),
    ).rejects.toThrow(/unbalanced/);
    await expect(
      sql.query(`DELETE FROM journal_line WHERE entry_id = $1 AND line_no = 2`, [entryId]),
    ).rejects.toThrow(/unbalanced/);
    expect(await lineCount(entryId)).toBe(2);
  });

  it('refuses an unbalanced entry written through the Prisma client', async () => {
    const { organisationId, periodId } = await newOrganisation();
    await expect(
      db.journalEntry.create({
        data: {
          organisationId,
          periodId,
          entryDate: new Date('2026-03-10'),
          description: 'unbalanced via Prisma',
          lines: {
            create: [
              { lineNo: 1, accountCode: '5000', debit: '5.68', currency: 'ZAR' },
              { lineNo: 2, accountCode: '2000', credit: '5.67', currency: 'ZAR' },
            ],
          },
        },
      }),
    ).rejects.toThrow(/unbalanced/);
    expect(await db.journalEntry.count({ where: { organisationId } })).toBe(0);
  });

  it('refuses a line that points into another organisation', async () => {
    const mine = await newOrganisation();
    const theirs = await newOrganisation();
    const theirEntry = await postEntry(theirs.organisationId, theirs.periodId, [
      { account: '5000', debit: '1' },
      { account: '2000', credit: '1' },
    ]);
    await expect(
      sql.query(
        `INSERT INTO journal_line (organisation_id, entry_id, line_no, account_code, debit, currency)
         VALUES ($1, $2, 9, '5000', 1, 'ZAR')`,
        [mine.organisationId, theirEntry],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

describe('accounting periods', () => {
  it('refuses any posting into a locked period, and the lock cannot be lifted', async () => {
    const { organisationId, periodId } = await newOrganisation();
    const entryId = await postEntry(organisationId, periodId, [
      { account: '5000', debit: '10' },
      { account: '2000', credit: '10' },
    ]);
    await sql.query('UPDATE accounting_period SET locked_at = now() WHERE id = $1', [periodId]);

    // A new entry in the period.
    await expect(
      postEntry(organisationId, periodId, [
        { account: '5000', debit: '10' },
        { account: '2000', credit: '10' },
      ]),
    ).rejects.toThrow(/accounting period 2026-03-01 to 2026-03-31 is locked/);
    // New lines on, changes to and deletion of an entry already posted there.
    await expect(
      sql.query(
        `INSERT INTO journal_line (organisation_id, entry_id, line_no, account_code, debit, currency)
         VALUES ($1, $2, 3, '5000', 1, 'ZAR')`,
        [organisationId, entryId],
      ),
    ).rejects.toThrow(/is locked/);
    await expect(
      sql.query(`UPDATE journal_line SET account_code = '5100' WHERE entry_id = $1 AND line_no = 1`, [
        entryId,
      ]),
    ).rejects.toThrow(/is locked/);
    await expect(sql.query('DELETE FROM journal_entry WHERE id = $1', [entryId])).rejects.toThrow(
      /is locked/,
    );
    await expect(
      sql.query(`UPDATE journal_entry SET entry_date = '2026-03-11' WHERE id = $1`, [entryId]),
    ).rejects.toThrow(/is locked/);
    // Unlocking, re-dating or deleting the locked period.
    await expect(
      sql.query('UPDATE accounting_period SET locked_at = NULL WHERE id = $1', [periodId]),
    ).rejects.toThrow(/is locked/);
    await expect(
      sql.query(`UPDATE accounting_period SET ends_on = '2026-04-30' WHERE id = $1`, [periodId]),
    ).rejects.toThrow(/is locked/);
    await expect(sql.query('DELETE FROM accounting_period WHERE id = $1', [periodId])).rejects.toThrow(
      /is locked/,
    );
    expect(await lineCount(entryId)).toBe(2);
  });

  it('refuses an entry dated outside its period, and overlapping periods', async () => {
    const { organisationId, periodId } = await newOrganisation();
    await expect(
      sql.query(
        `INSERT INTO journal_entry (organisation_id, period_id, entry_date, description)
         VALUES ($1, $2, '2026-04-01', 'April in March')`,
        [organisationId, periodId],
      ),
    ).rejects.toThrow(/outside accounting period/);
    await expect(
      sql.query(
        `INSERT INTO accounting_period (organisation_id, fiscal_year, starts_on, ends_on)
         VALUES ($1, 2026, '2026-03-31', '2026-04-30')`,
        [organisationId],
      ),
    ).rejects.toThrow(/overlaps/);
  });
});

describe('budget categories', () => {
  it('roll lines up to every ancestor, and refuse a cycle', async () => {
    const { organisationId } = await newOrganisation();
    const category = (code: string, parentId?: string) =>
      db.budgetCategory.create({ data: { organisationId, code, name: code, parentId } });
    const production = await category('PROD');
    const stage = await category('PROD-STAGE', production.id);
    const sound = await category('PROD-STAGE-SOUND', stage.id);
    const event = await db.event.create({
      data: {
        organisationId,
        name: 'Fest',
        startsOn: new Date('2026-03-05'),
        endsOn: new Date('2026-03-07'),
      },
    });
    const budget = await db.budget.create({
      data: { organisationId, eventId: event.id, name: 'Main', currency: 'ZAR', fiscalYear: 2026 },
    });
    const version = await db.budgetVersion.create({
      data: { organisationId, budgetId: budget.id, versionNo: 1 },
    });
    const line = (code: string, categoryId: string, amount: string) =>
      db.budgetLine.create({
        data: {
          organisationId,
          budgetVersionId: version.id,
          categoryId,
          code,
          description: code,
          amount,
          currency: 'ZAR',
        },
      });
    await line('L1', stage.id, '1000.50');
    await line('L2', sound.id, '250.25');
    await line('L3', sound.id, '0.25');

    const rolled = await sql.query<{ code: string; total: string }>(
      `SELECT c.code, sum(l.amount)::text AS total
       FROM budget_line l
       JOIN budget_category_ancestor a ON a.category_id = l.category_id AND a.organisation_id = l.organisation_id
       JOIN budget_category c ON c.id = a.ancestor_id
       WHERE l.organisation_id = $1 AND l.budget_version_id = $2
       GROUP BY c.code ORDER BY c.code`,
      [organisationId, version.id],
    );
    expect(rolled.rows).toEqual([
      { code: 'PROD', total: '1251.0000' },
      { code: 'PROD-STAGE', total: '1251.0000' },
      { code: 'PROD-STAGE-SOUND', total: '250.5000' },
    ]);
    await expect(
      db.budgetCategory.update({ where: { id: production.id }, data: { parentId: sound.id } }),
    ).rejects.toThrow(/own ancestor/);
  });
});

describe('audit log', () => {
  async function audit(organisationId: string, action: string, payload: object): Promise<void> {
    await db.auditLog.create({
      data: { organisationId, action, subjectType: 'invoice', subjectId: randomUUID(), payload },
    });
  }

  it('refuses UPDATE, DELETE and TRUNCATE: no privilege, and the trigger refuses even when granted', async () => {
    const { organisationId } = await newOrganisation();
    await audit(organisationId, 'invoice.received', { amount: '1150.00' });
    await expect(
      sql.query(`UPDATE audit_log SET action = 'x' WHERE organisation_id = $1`, [organisationId]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      sql.query('DELETE FROM audit_log WHERE organisation_id = $1', [organisationId]),
    ).rejects.toThrow(/permission denied/);
    await expect(db.auditLog.deleteMany({ where: { organisationId } })).rejects.toThrow();

    // The application role owns the table and could grant itself the privileges back: the triggers still refuse.
    await sql.query('BEGIN');
    try {
      await sql.query('GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER');
      await sql.query('SAVEPOINT s');
      await expect(
        sql.query(`UPDATE audit_log SET action = 'x' WHERE organisation_id = $1`, [organisationId]),
      ).rejects.toThrow(/append-only: UPDATE refused/);
      await sql.query('ROLLBACK TO SAVEPOINT s');
      await expect(
        sql.query('DELETE FROM audit_log WHERE organisation_id = $1', [organisationId]),
      ).rejects.toThrow(/append-only: DELETE refused/);
      await sql.query('ROLLBACK TO SAVEPOINT s');
      await expect(sql.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    } finally {
      await sql.query('ROLLBACK');
    }
    expect(await db.auditLog.count({ where: { organisationId } })).toBe(1);
  });

  it('chains every row to its predecessor: sha256(previous hash || canonical text), verified end to end', async () => {
    const { organisationId } = await newOrganisation();
    await audit(organisationId, 'invoice.received', { amount: '1150.00', currency: 'ZAR' });
    // A writer cannot choose its own sequence or hash: the database computes them.
    await db.auditLog.create({
      data: {
        organisationId,
        action: 'invoice.approved',
        subjectType: 'invoice',
        sequence: 99n,
        hash: new Uint8Array(32),
        payload: { by: 'someone', note: 'ünïcode and "quotes"' },
      },
    });
    await audit(organisationId, 'invoice.posted', { lines: [1, 2, 3] });

    const rows = await sql.query<{
      sequence: string;
      previous_hash: Buffer | null;
      hash: Buffer;
      canonical: string;
    }>(
      `SELECT sequence::text, previous_hash, hash,
              audit_log_canonical(organisation_id, sequence, actor_id, action, subject_type, subject_id, payload, at)
                AS canonical
       FROM audit_log WHERE organisation_id = $1 ORDER BY sequence`,
      [organisationId],
    );
    expect(rows.rows.map((r) => r.sequence)).toEqual(['1', '2', '3']);
    let previous: Buffer | null = null;
    for (const row of rows.rows) {
      expect(row.previous_hash).toEqual(previous);
      // Recomputed outside the database, with Node's own SHA-256.
      const expected = createHash('sha256')
        .update(previous ?? Buffer.alloc(0))
        .update(row.canonical, 'utf8')
        .digest();
      expect(row.hash).toEqual(expected);
      previous = row.hash;
    }
    const verified = await sql.query<{ broken: string | null }>('SELECT verify_audit_chain($1) AS broken', [
      organisationId,
    ]);
    expect(verified.rows[0]?.broken).toBeNull();
  });

  it('detects a row changed or removed by the table owner with the triggers disabled', async () => {
    // What is proven: the owning role can bypass the refusals (grant itself UPDATE/DELETE, disable the trigger);
    // verify_audit_chain then names the first row that no longer verifies. Not proven (not provable from the chain
    // alone): a tamperer who also recomputes every later hash, or removes only the newest rows; that needs the
    // latest hash anchored outside the database.
    const { organisationId } = await newOrganisation();
    for (const n of [1, 2, 3, 4]) await audit(organisationId, `step.${n}`, { n });
    const broken = async (): Promise<string | null> =>
      (
        await sql.query<{ broken: string | null }>('SELECT verify_audit_chain($1) AS broken', [
          organisationId,
        ])
      ).rows[0]?.broken ?? null;
    const tamper = async (statement: string): Promise<void> => {
      await sql.query('BEGIN');
      try {
        await sql.query('GRANT UPDATE, DELETE ON audit_log TO CURRENT_USER');
        await sql.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_refuse_change');
        await sql.query(statement, [organisationId]);
        await sql.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_refuse_change');
        await sql.query('REVOKE UPDATE, DELETE ON audit_log FROM CURRENT_USER');
        await sql.query('COMMIT');
      } catch (error) {
        await sql.query('ROLLBACK');
        throw error;
      }
    };
    expect(await broken()).toBeNull();

    await tamper(`UPDATE audit_log SET payload = '{"n": 20}' WHERE organisation_id = $1 AND sequence = 3`);
    expect(await broken()).toBe('3');

    await tamper(`UPDATE audit_log SET payload = '{"n": 3}' WHERE organisation_id = $1 AND sequence = 3`);
    expect(await broken()).toBeNull();

    await tamper(`DELETE FROM audit_log WHERE organisation_id = $1 AND sequence = 2`);
    expect(await broken()).toBe('2');

    // The refusals are back in force after the tamper.
    await expect(
      sql.query(`UPDATE audit_log SET action = 'x' WHERE organisation_id = $1`, [organisationId]),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('Prisma client and the financial tables agree', () => {
  it('writes and reads back every model', async () => {
    const maxAmount = '99999999999999999999.9999';
    const organisation = await db.organisation.create({
      data: {
        slug: `drift-${randomUUID().slice(0, 8)}`,
        legalName: 'Drift Check (Pty) Ltd',
        baseCurrency: 'ZAR',
        fiscalYearStartMonth: 3,
        vatRegistered: true,
        vatNumber: '4123456789',
        vatRoundingMode: 'per_document',
        defaultVatRate: '15',
      },
    });
    const organisationId = organisation.id;
    const user = await db.appUser.create({
      data: { organisationId, username: 'fin@drift.demo', displayName: 'Fin', email: 'fin@drift.demo' },
    });
    const template = await db.eventTemplate.create({
      data: { organisationId, name: 'Festival', description: 'd' },
    });
    const event = await db.event.create({
      data: {
        organisationId,
        templateId: template.id,
        seriesKey: 'fest',
        name: 'Fest 2026',
        venue: 'Farm',
        startsOn: new Date('2026-03-20'),
        endsOn: new Date('2026-03-22'),
        status: 'confirmed',
      },
    });
    const stakeholder = await db.stakeholderAssignment.create({
      data: { organisationId, eventId: event.id, userId: user.id, role: 'budget_holder' },
    });
    const category = await db.budgetCategory.create({
      data: { organisationId, code: 'ART', name: 'Artists' },
    });
    const budget = await db.budget.create({
      data: { organisationId, eventId: event.id, name: 'Main', currency: 'ZAR', fiscalYear: 2026 },
    });
    const version = await db.budgetVersion.create({
      data: {
        organisationId,
        budgetId: budget.id,
        versionNo: 1,
        status: 'approved',
        approvedBy: user.id,
        approvedAt: new Date(),
      },
    });
    const budgetLine = await db.budgetLine.create({
      data: {
        organisationId,
        budgetVersionId: version.id,
        categoryId: category.id,
        code: 'ART-1',
        description: 'Headliner',
        amount: maxAmount,
        currency: 'ZAR',
      },
    });
    const ciphertext = new Uint8Array([1, 2, 3, 250]);
    const supplier = await db.supplier.create({
      data: {
        organisationId,
        name: 'Sound Co',
        vatNumber: '4999999999',
        documentLocale: 'en-ZA',
        bankDetailsCiphertext: ciphertext,
        bankDetailsKeyId: 'kms-key-1',
        bankDetailsChangedAt: new Date(),
      },
    });
    const money = { currency: 'ZAR', netAmount: '1000.00', vatAmount: '150.00', grossAmount: '1150.00' };
    const quote = await db.quote.create({
      data: {
        organisationId,
        supplierId: supplier.id,
        eventId: event.id,
        budgetLineId: budgetLine.id,
        ...money,
      },
    });
    const order = await db.purchaseOrder.create({
      data: {
        organisationId,
        supplierId: supplier.id,
        eventId: event.id,
        budgetLineId: budgetLine.id,
        quoteId: quote.id,
        number: 'PO-1',
        ...money,
      },
    });
    const invoice = await db.invoice.create({
      data: {
        organisationId,
        supplierId: supplier.id,
        eventId: event.id,
        budgetLineId: budgetLine.id,
        purchaseOrderId: order.id,
        status: 'pending_approval',
        number: 'inv/0042',
        normalisedNumber: 'INV0042',
        invoiceDate: new Date('2026-03-10'),
        dueDate: new Date('2026-04-10'),
        ...money,
        lines: {
          create: [
            {
              lineNo: 1,
              description: 'PA hire',
              quantity: '2',
              unitPrice: '500.00',
              vatRate: '15',
              budgetLineId: budgetLine.id,
              ...money,
            },
          ],
        },
      },
    });
    // A duplicate of the same supplier's invoice number is refused.
    await expect(
      db.invoice.create({
        data: {
          organisationId,
          supplierId: supplier.id,
          eventId: event.id,
          number: 'INV-0042',
          normalisedNumber: 'INV0042',
          invoiceDate: new Date('2026-03-10'),
          ...money,
        },
      }),
    ).rejects.toThrow();
    const document = await db.document.create({
      data: {
        organisationId,
        kind: 'invoice',
        title: 'inv/0042.pdf',
        supplierId: supplier.id,
        invoiceId: invoice.id,
        versions: {
          create: [
            {
              versionNo: 1,
              s3Key: `documents/${randomUUID()}.pdf`,
              sha256: 'a'.repeat(64),
              contentType: 'application/pdf',
              sizeBytes: 5_000_000_000n,
              thumbnailKey: 'thumbs/x.png',
              uploadedBy: user.id,
            },
          ],
        },
      },
    });
    const task = await db.task.create({
      data: {
        organisationId,
        kind: 'approve_invoice',
        title: 'Approve inv/0042',
        subjectType: 'invoice',
        subjectId: invoice.id,
        eventId: event.id,
        assigneeId: user.id,
        workflowId: 'wf-1',
      },
    });
    const decision = await db.approvalDecision.create({
      data: {
        organisationId,
        taskId: task.id,
        subjectType: 'invoice',
        subjectId: invoice.id,
        decidedBy: user.id,
        decision: 'approved',
      },
    });
    const period = await db.accountingPeriod.create({
      data: {
        organisationId,
        fiscalYear: 2026,
        startsOn: new Date('2026-03-01'),
        endsOn: new Date('2026-03-31'),
      },
    });
    const entry = await db.journalEntry.create({
      data: {
        organisationId,
        periodId: period.id,
        entryDate: new Date('2026-03-10'),
        description: 'inv/0042',
        sourceType: 'invoice',
        sourceId: invoice.id,
        postedBy: user.id,
        lines: {
          create: [
            {
              lineNo: 1,
              accountCode: '5000',
              debit: '1000.00',
              currency: 'ZAR',
              eventId: event.id,
              budgetLineId: budgetLine.id,
            },
            { lineNo: 2, accountCode: '1400', debit: '150.00', currency: 'ZAR' },
            { lineNo: 3, accountCode: '2000', credit: '1150.00', currency: 'ZAR' },
          ],
        },
      },
    });
    const payment = await db.payment.create({
      data: {
        organisationId,
        kind: 'deposit',
        supplierId: supplier.id,
        eventId: event.id,
        paidOn: new Date('2026-03-01'),
        amount: '575.00',
        currency: 'ZAR',
      },
    });
    const settlement = await db.ticketSettlement.create({
      data: {
        organisationId,
        eventId: event.id,
        externalId: 'howler-s-1',
        settledOn: new Date('2026-03-25'),
        currency: 'ZAR',
        grossSales: '1000.00',
        fees: '50.00',
        vatOnFees: '7.50',
        netPayout: '942.50',
      },
    });
    const sale = await db.ticketSale.create({
      data: {
        organisationId,
        eventId: event.id,
        externalId: 'howler-t-1',
        ticketType: 'GA',
        quantity: 2,
        soldAt: new Date(),
        currency: 'ZAR',
        grossAmount: '1000.00',
        feeAmount: '50.00',
        settlementId: settlement.id,
      },
    });
    const auditRow = await db.auditLog.create({
      data: {
        organisationId,
        actorId: user.id,
        action: 'invoice.posted',
        subjectType: 'invoice',
        subjectId: invoice.id,
        payload: { entry: entry.id },
      },
    });

    const scoped = (id: string) => ({ where: { organisationId_id: { organisationId, id } } });
    const readOrganisation = await db.organisation.findUniqueOrThrow({ where: { id: organisationId } });
    expect(readOrganisation.vatRoundingMode).toBe('per_document');
    expect(readOrganisation.defaultVatRate.toFixed(4)).toBe('15.0000');
    expect((await db.eventTemplate.findUniqueOrThrow(scoped(template.id))).name).toBe('Festival');
    expect((await db.event.findUniqueOrThrow(scoped(event.id))).startsOn.toISOString()).toBe(
      '2026-03-20T00:00:00.000Z',
    );
    expect((await db.stakeholderAssignment.findUniqueOrThrow(scoped(stakeholder.id))).role).toBe(
      'budget_holder',
    );
    expect((await db.budgetCategory.findUniqueOrThrow(scoped(category.id))).parentId).toBeNull();
    expect((await db.budget.findUniqueOrThrow(scoped(budget.id))).fiscalYear).toBe(2026);
    expect((await db.budgetVersion.findUniqueOrThrow(scoped(version.id))).status).toBe('approved');
    // The widest amount survives the round trip exactly.
    expect((await db.budgetLine.findUniqueOrThrow(scoped(budgetLine.id))).amount.toFixed(4)).toBe(maxAmount);
    const readSupplier = await db.supplier.findUniqueOrThrow(scoped(supplier.id));
    expect(Array.from(readSupplier.bankDetailsCiphertext ?? [])).toEqual([1, 2, 3, 250]);
    expect((await db.quote.findUniqueOrThrow(scoped(quote.id))).grossAmount.toFixed(2)).toBe('1150.00');
    expect((await db.purchaseOrder.findUniqueOrThrow(scoped(order.id))).number).toBe('PO-1');
    const readInvoice = await db.invoice.findUniqueOrThrow({
      ...scoped(invoice.id),
      include: { lines: true },
    });
    expect(
      readInvoice.lines.map((l) => [l.quantity.toFixed(4), l.vatRate.toFixed(4), l.organisationId]),
    ).toEqual([['2.0000', '15.0000', organisationId]]);
    const readDocument = await db.document.findUniqueOrThrow({
      ...scoped(document.id),
      include: { versions: true },
    });
    expect(readDocument.versions.map((v) => v.sizeBytes)).toEqual([5_000_000_000n]);
    expect((await db.task.findUniqueOrThrow(scoped(task.id))).status).toBe('open');
    expect((await db.approvalDecision.findUniqueOrThrow(scoped(decision.id))).decision).toBe('approved');
    expect((await db.accountingPeriod.findUniqueOrThrow(scoped(period.id))).lockedAt).toBeNull();
    const readEntry = await db.journalEntry.findUniqueOrThrow({
      ...scoped(entry.id),
      include: { lines: true },
    });
    const sum = (values: Prisma.Decimal[]) =>
      values.reduce((a, b) => a.plus(b), new Prisma.Decimal(0)).toFixed(2);
    expect(sum(readEntry.lines.map((l) => l.debit))).toBe('1150.00');
    expect(sum(readEntry.lines.map((l) => l.credit))).toBe('1150.00');
    expect((await db.payment.findUniqueOrThrow(scoped(payment.id))).kind).toBe('deposit');
    expect((await db.ticketSettlement.findUniqueOrThrow(scoped(settlement.id))).netPayout.toFixed(2)).toBe(
      '942.50',
    );
    expect((await db.ticketSale.findUniqueOrThrow(scoped(sale.id))).settlementId).toBe(settlement.id);
    const readAudit = await db.auditLog.findUniqueOrThrow({ where: { id: auditRow.id } });
    expect(readAudit.sequence).toBe(1n);
    expect(readAudit.hash).toHaveLength(32);
    expect(readAudit.payload).toEqual({ entry: entry.id });
  });
});

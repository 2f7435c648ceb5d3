import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase } from '../../activities/src/database/client';
import {
  type ScratchDatabase,
  createMigratedDatabase,
} from '../../activities/src/database/testing/scratch-database';
import { bankDetailsCipherFromConfig } from '../../activities/src/suppliers/bank-details-cipher';
import { SupplierRepository } from '../../activities/src/suppliers/supplier.repository';
import { seedDemoData } from './demo-seed';

// The demo seed on a database of this file's own (created empty, migrated by `npm run migrate`, dropped at the end).

let scratch: ScratchDatabase;
let databaseUrl = '';
let sql: Client;
const keyring = `seed-test:${randomBytes(32).toString('base64')}`;

beforeAll(async () => {
  scratch = await createMigratedDatabase('demo_seed');
  databaseUrl = scratch.url;
  sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await scratch?.drop();
});

const tables = [
  'organisation',
  'app_user',
  'event',
  'stakeholder_assignment',
  'budget_category',
  'budget',
  'budget_version',
  'budget_line',
  'supplier',
  'invoice',
  'invoice_line',
  'task',
  'accounting_period',
  'journal_entry',
  'journal_line',
  'payment',
  'audit_log',
];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(result.rows[0]?.n);
  }
  return counts;
}

async function scalar(query: string, values: unknown[] = []): Promise<string | null> {
  const result = await sql.query<{ v: string | null }>(query, values);
  return result.rows[0]?.v ?? null;
}

async function organisationId(slug: string): Promise<string> {
  return (await scalar('SELECT id::text AS v FROM organisation WHERE slug = $1', [slug])) ?? '';
}

describe('demo seed', () => {
  let firstCounts: Record<string, number> = {};

  it('seeds a fresh database quickly, and a second run creates nothing', async () => {
    const started = performance.now();
    const first = await seedDemoData(databaseUrl, keyring);
    const firstMs = performance.now() - started;
    expect(first).toMatch(/^created \d+ rows$/);
    expect(firstMs).toBeLessThan(5_000);
    firstCounts = await rowCounts();

    const again = performance.now();
    await expect(seedDemoData(databaseUrl, keyring)).resolves.toBe('already present');
    expect(performance.now() - again).toBeLessThan(5_000);
    expect(await rowCounts()).toEqual(firstCounts);
  });

  it('gives Kalahari Live two fiscal years of events with budgets of 30+ lines', async () => {
    const kalahari = await organisationId('kalahari-live');
    expect(
      Number(
        await scalar(`SELECT count(DISTINCT b.fiscal_year) AS v FROM budget b WHERE b.organisation_id = $1`, [
          kalahari,
        ]),
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM event WHERE organisation_id = $1 AND series_key = 'karoo-sunset'`,
          [kalahari],
        ),
      ),
    ).toBe(2);
    expect(
      Number(await scalar('SELECT count(*) AS v FROM budget_line WHERE organisation_id = $1', [kalahari])),
    ).toBeGreaterThanOrEqual(30);
    // Hierarchical categories: lines sit in leaves and roll up to a root.
    expect(
      Number(
        await scalar(
          `SELECT count(DISTINCT a.ancestor_id) AS v FROM budget_line l
           JOIN budget_category_ancestor a ON a.category_id = l.category_id AND a.depth = 1
           WHERE l.organisation_id = $1`,
          [kalahari],
        ),
      ),
    ).toBeGreaterThanOrEqual(5);
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM invoice WHERE organisation_id = $1 AND status = 'pending_approval'`,
          [kalahari],
        ),
      ),
    ).toBeGreaterThanOrEqual(3);
    // Suppliers carry VAT numbers and bank details sealed at rest: the row never holds the account number.
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM supplier
           WHERE organisation_id = $1 AND (vat_number IS NULL OR bank_details_ciphertext IS NULL)`,
          [kalahari],
        ),
      ),
    ).toBe(0);
    const supplierId = String(
      await scalar(`SELECT id AS v FROM supplier WHERE organisation_id = $1 ORDER BY name LIMIT 1`, [
        kalahari,
      ]),
    );
    const cipher = bankDetailsCipherFromConfig({ BANK_DETAILS_KEYRING: keyring });
    const seeded = createDatabase(databaseUrl, { maxConnections: 1 });
    try {
      const details = await new SupplierRepository(seeded, kalahari, cipher).bankDetails(supplierId);
      expect(details?.accountNumber).toMatch(/^62\d{8}$/);
      const row = String(await scalar(`SELECT s::text AS v FROM supplier s WHERE id = $1`, [supplierId]));
      expect(row).not.toContain(details?.accountNumber);
    } finally {
      await seeded.$disconnect();
    }
    // The older year's early months are locked, the newer year is open.
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM accounting_period
           WHERE organisation_id = $1 AND fiscal_year = 2025 AND locked_at IS NOT NULL`,
          [kalahari],
        ),
      ),
    ).toBeGreaterThan(0);
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM accounting_period
           WHERE organisation_id = $1 AND fiscal_year = 2026 AND locked_at IS NOT NULL`,
          [kalahari],
        ),
      ),
    ).toBe(0);
  });

  it('posts only balanced journal entries, with VAT at 15 % on every invoice line', async () => {
    expect(Number(await scalar('SELECT count(*) AS v FROM journal_entry'))).toBeGreaterThan(20);
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM (
             SELECT entry_id FROM journal_line GROUP BY entry_id, currency HAVING sum(debit) <> sum(credit)
           ) unbalanced`,
        ),
      ),
    ).toBe(0);
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM invoice_line
           WHERE vat_amount <> round(net_amount * 0.15, 2) OR net_amount + vat_amount <> gross_amount`,
        ),
      ),
    ).toBe(0);
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM invoice i
           LEFT JOIN (
             SELECT invoice_id, sum(net_amount) AS net, sum(vat_amount) AS vat, sum(gross_amount) AS gross
             FROM invoice_line GROUP BY invoice_id
           ) s ON s.invoice_id = i.id
           WHERE s.invoice_id IS NULL OR (i.net_amount, i.vat_amount, i.gross_amount) <> (s.net, s.vat, s.gross)`,
        ),
      ),
    ).toBe(0);
  });

  it('keeps both organisations apart, each with a verified audit chain', async () => {
    for (const slug of ['kalahari-live', 'karoo-festivals']) {
      const id = await organisationId(slug);
      expect(
        Number(await scalar('SELECT count(*) AS v FROM event WHERE organisation_id = $1', [id])),
      ).toBeGreaterThan(0);
      expect(
        Number(await scalar('SELECT count(*) AS v FROM audit_log WHERE organisation_id = $1', [id])),
      ).toBeGreaterThan(0);
      expect(await scalar('SELECT verify_audit_chain($1::uuid)::text AS v', [id])).toBeNull();
    }
    expect(
      Number(
        await scalar(
          `SELECT count(*) AS v FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
           WHERE l.organisation_id <> e.organisation_id`,
        ),
      ),
    ).toBe(0);
  });
});

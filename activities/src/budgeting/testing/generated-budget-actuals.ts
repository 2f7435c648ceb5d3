import type { Database } from '../../database/client';
import { Prisma } from '../../generated/prisma/client';

/**
 * The shape of a generated organisation for budget vs actual at scale (benchmark and equivalence test): `events`
 * events spread over four fiscal years, each with one budget of 12 lines per version, and `journalLines` journal
 * lines in entries of four lines each.
 */
export interface BudgetActualsPlan {
  readonly events: number;
  /** Journal entries; every entry has four lines, so the journal holds 4 × entries lines. */
  readonly entries: number;
  readonly journalLines: number;
  /** The first of the four fiscal years (March to February); the first two are locked once posted. */
  readonly firstFiscalYear: number;
  readonly fiscalYears: readonly number[];
  readonly lockedFiscalYears: readonly number[];
  readonly linesPerVersion: number;
  /** Budget versions (1 or 2 per budget) and their lines. */
  readonly budgetVersions: number;
  readonly budgetLines: number;
}

export const linesPerEntry = 4;
const linesPerVersion = 12;
const fiscalYearCount = 4;

/** Events with two versions: n % 3 = 0 (superseded + approved) and n % 3 = 1 (approved + draft). */
function versionCount(events: number): number {
  const twoVersions = Math.ceil(events / 3) + Math.ceil((events - 1) / 3);
  return events + Math.max(0, twoVersions);
}

/**
 * What `generateBudgetActuals` will write for `events` events and about `journalLines` journal lines: lines come in
 * balanced entries of four, so the count is rounded down to a multiple of four (at least one entry).
 */
export function planBudgetActuals(options: {
  readonly events: number;
  readonly journalLines: number;
  readonly firstFiscalYear?: number;
}): BudgetActualsPlan {
  const { events, journalLines } = options;
  if (!Number.isInteger(events) || events < 1) throw new Error('events must be a positive integer');
  if (!Number.isInteger(journalLines) || journalLines < linesPerEntry) {
    throw new Error(`journal lines must be an integer of at least ${linesPerEntry}`);
  }
  const firstFiscalYear = options.firstFiscalYear ?? 2023;
  const entries = Math.floor(journalLines / linesPerEntry);
  const fiscalYears = Array.from({ length: fiscalYearCount }, (_, i) => firstFiscalYear + i);
  const budgetVersions = versionCount(events);
  return {
    events,
    entries,
    journalLines: entries * linesPerEntry,
    firstFiscalYear,
    fiscalYears,
    lockedFiscalYears: fiscalYears.slice(0, 2),
    linesPerVersion,
    budgetVersions,
    budgetLines: budgetVersions * linesPerVersion,
  };
}

export interface GeneratedBudgetActuals {
  readonly organisationId: string;
  readonly plan: BudgetActualsPlan;
  /** Event ids in generation order (event n is `eventIds[n]`); every fourth event starts a new series. */
  readonly eventIds: readonly string[];
  readonly seriesKeys: readonly string[];
}

/**
 * An organisation with the plan's events, budgets and journal, written set-based (INSERT … SELECT over
 * generate_series) in one transaction with the schema's constraints enforced as it is written: composite foreign
 * keys, checks, the entry period guard (an entry's date inside its open period) and the balanced-entry trigger at
 * commit; the first two fiscal years are locked afterwards. Ids are
 * md5-derived from the organisation and the row's ordinal, so the rows refer to each other without lookups.
 *
 * Event n: fiscal year first + n % 4, series `series-⌊n/4⌋`, a ZAR budget (EUR when n % 50 = 7) with versions
 * n % 3 = 0: 1 superseded + 2 approved (version 2 renames line 5 to L12), n % 3 = 1: 1 approved + 2 draft,
 * n % 3 = 2: 1 draft only. Entry j (0 … entries-1) on event n = j % events, in round t = j / events: by (t + n) % 10,
 * 0-6 an invoice (two expense lines on two budget lines, input VAT at 15 %, the payable), 7 a credit note (the same
 * reversed), 8-9 a payment (no budget line); one in 13 on the event's other version, one in 17 dated in the next
 * fiscal year when there is one.
 */
export async function generateBudgetActuals(
  db: Database,
  slug: string,
  plan: BudgetActualsPlan,
): Promise<GeneratedBudgetActuals> {
  const { id: organisationId } = await db.organisation.create({
    data: { slug, legalName: slug, baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
  });
  const org = organisationId;
  const first = plan.firstFiscalYear;
  const years = plan.fiscalYears.length;
  const id = (kind: string, ...parts: Prisma.Sql[]) =>
    Prisma.sql`md5(${org}::text || ${`:${kind}`}::text ${Prisma.join(
      parts.map((p) => Prisma.sql`|| ':' || (${p})::text`),
      ' ',
    )})::uuid`;
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO accounting_period (id, organisation_id, fiscal_year, starts_on, ends_on)
        SELECT ${id('period', Prisma.sql`m`)}, ${org}::uuid, ${first}::int + m / 12,
          make_date(${first}::int, 3, 1) + make_interval(months => m),
          (make_date(${first}::int, 3, 1) + make_interval(months => m + 1))::date - 1
        FROM generate_series(0, ${years * 12 - 1}::int) AS m`;
      await tx.$executeRaw`
        INSERT INTO budget_category (id, organisation_id, parent_id, code, name)
        SELECT ${id('category', Prisma.sql`'C' || r`)}, ${org}::uuid, NULL, 'C' || r, 'Category ' || r
        FROM generate_series(0, 5) AS r`;
      await tx.$executeRaw`
        INSERT INTO budget_category (id, organisation_id, parent_id, code, name)
        SELECT ${id('category', Prisma.sql`'C' || r || '.' || c`)}, ${org}::uuid,
          ${id('category', Prisma.sql`'C' || r`)}, 'C' || r || '.' || c, 'Category ' || r || '.' || c
        FROM generate_series(0, 5) AS r, generate_series(0, 2) AS c`;
      await tx.$executeRaw`
        INSERT INTO event (id, organisation_id, series_key, name, starts_on, ends_on, status)
        SELECT ${id('event', Prisma.sql`n`)}, ${org}::uuid, 'series-' || n / 4, 'Event ' || n,
          make_date(${first}::int + n % 4, 3, 1) + (n * 37) % 330,
          make_date(${first}::int + n % 4, 3, 1) + (n * 37) % 330 + 2, 'confirmed'
        FROM generate_series(0, ${plan.events - 1}::int) AS n`;
      await tx.$executeRaw`
        INSERT INTO budget (id, organisation_id, event_id, name, currency, fiscal_year)
        SELECT ${id('budget', Prisma.sql`n`)}, ${org}::uuid, ${id('event', Prisma.sql`n`)}, 'Main',
          CASE WHEN n % 50 = 7 THEN 'EUR' ELSE 'ZAR' END, ${first}::int + n % 4
        FROM generate_series(0, ${plan.events - 1}::int) AS n`;
      await tx.$executeRaw`
        INSERT INTO budget_version (id, organisation_id, budget_id, version_no, status, approved_at)
        SELECT ${id('version', Prisma.sql`n`, Prisma.sql`v`)}, ${org}::uuid, ${id('budget', Prisma.sql`n`)}, v,
          s.status, CASE WHEN s.status = 'draft' THEN NULL ELSE timestamptz '2023-01-01' END
        FROM generate_series(0, ${plan.events - 1}::int) AS n
        CROSS JOIN LATERAL (VALUES (1), (2)) AS versions (v)
        CROSS JOIN LATERAL (SELECT CASE
          WHEN n % 3 = 0 THEN (ARRAY['superseded', 'approved'])[v]
          WHEN n % 3 = 1 THEN (ARRAY['approved', 'draft'])[v]
          ELSE 'draft' END AS status) AS s
        WHERE v = 1 OR n % 3 <> 2`;
      await tx.$executeRaw`
        INSERT INTO budget_line (id, organisation_id, budget_version_id, category_id, code, description, amount,
          currency)
        SELECT ${id('line', Prisma.sql`n`, Prisma.sql`v`, Prisma.sql`k`)}, ${org}::uuid,
          ${id('version', Prisma.sql`n`, Prisma.sql`v`)},
          CASE WHEN k = 11 THEN ${id('category', Prisma.sql`'C' || (n % 6)`)}
            ELSE ${id('category', Prisma.sql`'C' || ((n + k) % 6) || '.' || (k % 3)`)} END,
          CASE WHEN v = 2 AND n % 3 = 0 AND k = 5 THEN 'L12' ELSE 'L' || lpad(k::text, 2, '0') END,
          'Line ' || k,
          ((n * 131 + k * 977 + v * 17) % 90000 + 1000) + ((n + k) % 100) / 100.0,
          CASE WHEN n % 50 = 7 THEN 'EUR' ELSE 'ZAR' END
        FROM generate_series(0, ${plan.events - 1}::int) AS n
        CROSS JOIN LATERAL (VALUES (1), (2)) AS versions (v)
        CROSS JOIN generate_series(0, ${plan.linesPerVersion - 1}::int) AS k
        WHERE v = 1 OR n % 3 <> 2`;
      // Entry j posts on event n = j % events in round t = j / events; what varies per entry is drawn from t + n, so
      // every event gets every kind of entry whatever the number of events.
      const entries = Prisma.sql`
        SELECT j, n, kind, currency, entry_date,
          (extract(year FROM entry_date)::int - ${first}::int) * 12 + extract(month FROM entry_date)::int - 3 AS m,
          CASE WHEN (t + n) % 13 = 0 AND n % 3 = 0 THEN 1 WHEN (t + n) % 13 = 0 AND n % 3 = 1 THEN 2
            WHEN n % 3 = 0 THEN 2 ELSE 1 END AS v,
          (t + n) % 12 AS k1, ((t + n) % 12 + 1 + t % 11) % 12 AS k2,
          ((j::bigint * 7919) % 500000 + 100) / 100.0 AS a1, ((j::bigint * 104729) % 300000 + 100) / 100.0 AS a2
        FROM (
          SELECT j, n, t,
            CASE WHEN (t + n) % 10 < 7 THEN 'invoice' WHEN (t + n) % 10 = 7 THEN 'credit' ELSE 'payment' END AS kind,
            CASE WHEN n % 50 = 7 THEN 'EUR' ELSE 'ZAR' END AS currency,
            CASE WHEN (t + 3 * n) % 17 = 0 AND n % 4 < ${years - 1}::int
              THEN make_date(${first}::int + n % 4 + 1, 3, 1) + ((j::bigint * 53) % 300)::int
              ELSE make_date(${first}::int + n % 4, 3, 1) + ((j::bigint * 53) % 365)::int END AS entry_date
          FROM generate_series(0, ${plan.entries - 1}::int) AS j
          CROSS JOIN LATERAL (SELECT j % ${plan.events}::int AS n, j / ${plan.events}::int AS t) AS round
        ) AS e`;
      await tx.$executeRaw`
        INSERT INTO journal_entry (id, organisation_id, period_id, entry_date, description, source_type)
        SELECT ${id('entry', Prisma.sql`j`)}, ${org}::uuid, ${id('period', Prisma.sql`m`)}, entry_date,
          kind || ' ' || j, kind
        FROM (${entries}) AS e`;
      // Two per-line triggers are switched off for the load only (inside this transaction, so a failure leaves them
      // on): the line period guard refuses lines in a locked period, and no period is locked until the load is
      // committed (the entry guard has checked each entry's date against its open period); the notification only
      // tells listeners, and nobody listens on a generated database. The balanced-entry check stays on.
      const quiet = ['journal_line_guard_period', 'journal_line_notify_actual'];
      for (const trigger of quiet)
        await tx.$executeRawUnsafe(`ALTER TABLE journal_line DISABLE TRIGGER ${trigger}`);
      await tx.$executeRaw`
        INSERT INTO journal_line (organisation_id, entry_id, line_no, account_code, description, debit, credit,
          currency, event_id, budget_line_id)
        SELECT ${org}::uuid, ${id('entry', Prisma.sql`j`)}, l.line_no, l.account_code, kind, l.debit, l.credit,
          currency, CASE WHEN l.on_budget THEN ${id('event', Prisma.sql`n`)} END,
          CASE WHEN l.on_budget THEN ${id('line', Prisma.sql`n`, Prisma.sql`v`, Prisma.sql`l.k`)} END
        FROM (${entries}) AS e
        CROSS JOIN LATERAL (SELECT round((a1 + a2) * 0.15, 2) AS vat) AS t
        CROSS JOIN LATERAL (VALUES
          (1, CASE WHEN kind = 'payment' THEN '2000' ELSE '5000' END, kind <> 'payment', k1,
            CASE WHEN kind = 'credit' THEN 0 ELSE a1 END, CASE WHEN kind = 'credit' THEN a1 ELSE 0 END),
          (2, CASE WHEN kind = 'payment' THEN '2000' ELSE '5000' END, kind <> 'payment', k2,
            CASE WHEN kind = 'credit' THEN 0 ELSE a2 END, CASE WHEN kind = 'credit' THEN a2 ELSE 0 END),
          (3, CASE WHEN kind = 'payment' THEN '1000' ELSE '1400' END, false, 0,
            CASE WHEN kind = 'invoice' THEN vat ELSE 0 END,
            CASE WHEN kind = 'credit' THEN vat WHEN kind = 'payment' THEN a1 ELSE 0 END),
          (4, CASE WHEN kind = 'payment' THEN '1000' ELSE '2000' END, false, 0,
            CASE WHEN kind = 'credit' THEN a1 + a2 + vat ELSE 0 END,
            CASE WHEN kind = 'invoice' THEN a1 + a2 + vat WHEN kind = 'payment' THEN a2 ELSE 0 END)
        ) AS l (line_no, account_code, on_budget, k, debit, credit)`;
      // The deferred balance checks run now: a table with pending trigger events cannot be altered.
      await tx.$executeRawUnsafe('SET CONSTRAINTS journal_entry_balanced IMMEDIATE');
      for (const trigger of quiet)
        await tx.$executeRawUnsafe(`ALTER TABLE journal_line ENABLE TRIGGER ${trigger}`);
    },
    { timeout: 60 * 60 * 1000 },
  );
  // Closed years are locked after their postings, as a year-end close would.
  await db.accountingPeriod.updateMany({
    where: { organisationId, fiscalYear: { in: [...plan.lockedFiscalYears] } },
    data: { lockedAt: new Date('2025-06-01T00:00:00Z') },
  });
  // Vacuumed as autovacuum would have done by the time a journal this size is read (visibility map included).
  for (const table of ['journal_line', 'journal_entry', 'budget_line', 'budget_version', 'budget', 'event']) {
    await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${table}`);
  }
  const eventIds = await db.$queryRaw<{ id: string }[]>`
    SELECT ${id('event', Prisma.sql`n`)}::text AS id FROM generate_series(0, ${plan.events - 1}::int) AS n
    ORDER BY n`;
  return {
    organisationId,
    plan,
    eventIds: eventIds.map((e) => e.id),
    seriesKeys: Array.from({ length: Math.ceil(plan.events / 4) }, (_, s) => `series-${s}`),
  };
}

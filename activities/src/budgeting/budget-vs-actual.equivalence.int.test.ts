import { createDatabase, type Database } from '../database/client';
import { type ScratchDatabase, createMigratedDatabase } from '../database/testing/scratch-database';
import { Prisma } from '../generated/prisma/client';
import { BudgetVsActualRepository } from './budget-vs-actual.repository';
import {
  type GeneratedBudgetActuals,
  generateBudgetActuals,
  planBudgetActuals,
} from './testing/generated-budget-actuals';

// Budget vs actual was rewritten for speed (correlated sub-selects over the posted sums became one join; issue 7).
// Every figure must stay exactly what the original query gave: this file keeps the original line_figures verbatim
// and compares every method of the repository with it, on generated organisations holding superseded and draft
// versions, codes dropped by a newer version, credit notes, postings in other fiscal years, locked periods and a
// second currency.

/** The repository with the line_figures CTE as it was before the rewrite. */
class OriginalBudgetVsActual extends BudgetVsActualRepository {
  protected override lineFigures(eventFilter: Prisma.Sql): Prisma.Sql {
    const org = this.organisationId;
    return Prisma.sql`
      current_version AS (
        SELECT DISTINCT ON (v.budget_id) v.id, v.budget_id
        FROM budget_version v
        WHERE v.organisation_id = ${org}::uuid
        ORDER BY v.budget_id, (v.status = 'approved') DESC, v.version_no DESC
      ),
      scoped_budget AS (
        SELECT b.id, b.event_id, b.fiscal_year, cv.id AS version_id
        FROM budget b
        JOIN current_version cv ON cv.budget_id = b.id
        JOIN event e ON e.organisation_id = b.organisation_id AND e.id = b.event_id
        WHERE b.organisation_id = ${org}::uuid ${eventFilter}
      ),
      posted AS (
        SELECT v.budget_id, bl.code, jl.currency, p.fiscal_year, sum(jl.debit - jl.credit) AS amount
        FROM journal_line jl
        JOIN journal_entry je ON je.organisation_id = jl.organisation_id AND je.id = jl.entry_id
        JOIN accounting_period p ON p.organisation_id = je.organisation_id AND p.id = je.period_id
        JOIN budget_line bl ON bl.organisation_id = jl.organisation_id AND bl.id = jl.budget_line_id
        JOIN budget_version v ON v.organisation_id = bl.organisation_id AND v.id = bl.budget_version_id
        WHERE jl.organisation_id = ${org}::uuid
          AND je.organisation_id = ${org}::uuid
          AND p.organisation_id = ${org}::uuid
          AND bl.organisation_id = ${org}::uuid
          AND v.organisation_id = ${org}::uuid
          AND v.budget_id IN (SELECT id FROM scoped_budget)
        GROUP BY v.budget_id, bl.code, jl.currency, p.fiscal_year
      ),
      line_figures AS (
        SELECT sb.event_id, sb.id AS budget_id, sb.version_id AS budget_version_id, sb.fiscal_year,
          bl.id AS budget_line_id, bl.code, bl.description, bl.category_id, bl.currency, bl.amount AS budget,
          coalesce((SELECT sum(po.amount) FROM posted po
            WHERE po.budget_id = sb.id AND po.code = bl.code AND po.currency = bl.currency
              AND po.fiscal_year = sb.fiscal_year), 0) AS actual,
          coalesce((SELECT sum(po.amount) FROM posted po
            WHERE po.budget_id = sb.id AND po.code = bl.code AND po.currency = bl.currency
              AND po.fiscal_year <> sb.fiscal_year), 0) AS actual_other_years
        FROM scoped_budget sb
        JOIN budget_line bl ON bl.organisation_id = ${org}::uuid AND bl.budget_version_id = sb.version_id
      )`;
  }
}

let scratch: ScratchDatabase;
let db: Database;
let organisations: GeneratedBudgetActuals[];

beforeAll(async () => {
  scratch = await createMigratedDatabase('budgeting_equivalence');
  db = createDatabase(scratch.url, { maxConnections: 2 });
  // 49 events: every version shape (n % 3), the EUR budget (n % 50 = 7), series of four and one left over.
  const plan = planBudgetActuals({ events: 49, journalLines: 12_000 });
  organisations = [
    await generateBudgetActuals(db, 'equivalence-a', plan),
    await generateBudgetActuals(db, 'equivalence-b', planBudgetActuals({ events: 9, journalLines: 800 })),
  ];
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

describe('budget vs actual after the rewrite', () => {
  it('generates what it should compare on: both versions, other years, credits, EUR, locked periods', async () => {
    const [a] = organisations;
    if (!a) throw new Error('no organisation');
    const repo = new BudgetVsActualRepository(db, a.organisationId);
    const lines = (await Promise.all(a.eventIds.map((id) => repo.linesForEvent(id)))).flat();
    expect(lines.filter((l) => l.actual !== '0.0000').length).toBeGreaterThan(300);
    expect(lines.some((l) => l.actualOtherYears !== '0.0000')).toBe(true);
    expect(lines.some((l) => l.currency === 'EUR' && l.actual !== '0.0000')).toBe(true);
    const credits = await db.journalEntry.count({
      where: { organisationId: a.organisationId, sourceType: 'credit' },
    });
    expect(credits).toBeGreaterThan(0);
    const locked = await db.accountingPeriod.count({
      where: { organisationId: a.organisationId, lockedAt: { not: null } },
    });
    expect(locked).toBe(24);
  });

  it('gives every figure exactly as the original query did, for every method and organisation', async () => {
    for (const generated of organisations) {
      const current = new BudgetVsActualRepository(db, generated.organisationId);
      const original = new OriginalBudgetVsActual(db, generated.organisationId);
      const both = async <T>(read: (repo: BudgetVsActualRepository) => Promise<T>) => {
        const [now, before] = await Promise.all([read(current), read(original)]);
        expect(now).toEqual(before);
        return now;
      };
      expect((await both((r) => r.fiscalYears())).length).toBeGreaterThan(0);
      for (const year of [...generated.plan.fiscalYears, 1999]) {
        await both((r) => r.linesForFiscalYear(year));
        await both((r) => r.categoriesForFiscalYear(year));
      }
      for (const eventId of generated.eventIds) {
        await both((r) => r.linesForEvent(eventId));
        await both((r) => r.categoriesForEvent(eventId));
        await both((r) => r.monthlyActualsForEvent(eventId));
      }
      for (const seriesKey of generated.seriesKeys) await both((r) => r.seriesYearOverYear(seriesKey));
    }
  });

  it('answers nothing for the other organisation’s events', async () => {
    const [a, b] = organisations;
    if (!a || !b) throw new Error('no organisations');
    const repo = new BudgetVsActualRepository(db, a.organisationId);
    for (const eventId of b.eventIds) expect(await repo.linesForEvent(eventId)).toEqual([]);
  });
});

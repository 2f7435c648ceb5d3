import type { Database } from '../database/client';
import { Prisma } from '../generated/prisma/client';

/**
 * Budget vs actual from the journal (issue 3, item 6).
 *
 * Budget: the lines of each budget's current version, i.e. its approved version, or its newest version while none
 * is approved. Actual: the posted journal lines tagged with a budget line of the same budget and code (so actuals
 * posted while an older version was current stay with their line), in the budget line's currency, net of credits:
 * debit − credit (spend is a debit on the expense line; a credit note or reversal reduces it).
 * Fiscal year: a journal line counts as actual only when the fiscal year of its entry's accounting period equals the
 * budget's fiscal year; lines on the budget line posted in another fiscal year are reported apart, as
 * actualOtherYears, and never counted against this budget.
 *
 * Every query is scoped to the organisation (every table and the category view are filtered on organisation_id),
 * and every amount is returned as exact decimal text with 4 decimals (numeric(24,4)), never as a JS number.
 */

export interface BudgetLineFigures {
  eventId: string;
  budgetId: string;
  budgetVersionId: string;
  fiscalYear: number;
  budgetLineId: string;
  code: string;
  description: string;
  categoryId: string;
  currency: string;
  budget: string;
  actual: string;
  /** budget − actual: what is left (negative when overspent). */
  remaining: string;
  /** Posted on this line in another fiscal year than the budget's: never part of actual. */
  actualOtherYears: string;
}

export interface CategoryFigures {
  eventId: string;
  budgetId: string;
  fiscalYear: number;
  categoryId: string;
  categoryCode: string;
  categoryName: string;
  parentId: string | null;
  currency: string;
  /** Sums over the lines in this category and in all its descendants. */
  budget: string;
  actual: string;
  remaining: string;
  lineCount: number;
}

export interface FiscalYearFigures {
  fiscalYear: number;
  currency: string;
  budget: string;
  actual: string;
  remaining: string;
  eventCount: number;
}

export interface SeriesEventFigures {
  eventId: string;
  eventName: string;
  startsOn: Date;
  fiscalYear: number;
  currency: string;
  budget: string;
  actual: string;
  remaining: string;
}

export interface MonthlyActualFigures {
  fiscalYear: number;
  /** YYYY-MM of the journal entries' date. */
  month: string;
  currency: string;
  /** Posted on the event's budget lines in that month (same rule as actual: the budget's fiscal year only). */
  actual: string;
  /** Actual up to and including that month; the last month's equals the lines' total actual. */
  cumulativeActual: string;
}

export interface SeriesYearOverYear {
  seriesKey: string;
  /** One row per event, budget fiscal year and currency, oldest first. */
  events: SeriesEventFigures[];
  /** Category roll-ups of every event of the series (compare by categoryCode across events). */
  categories: CategoryFigures[];
}

interface LineRow {
  event_id: string;
  budget_id: string;
  budget_version_id: string;
  fiscal_year: number;
  budget_line_id: string;
  code: string;
  description: string;
  category_id: string;
  currency: string;
  budget: string;
  actual: string;
  remaining: string;
  actual_other_years: string;
}

interface CategoryRow {
  event_id: string;
  budget_id: string;
  fiscal_year: number;
  category_id: string;
  category_code: string;
  category_name: string;
  parent_id: string | null;
  currency: string;
  budget: string;
  actual: string;
  remaining: string;
  line_count: number;
}

export class BudgetVsActualRepository {
  constructor(
    protected readonly db: Database,
    readonly organisationId: string,
  ) {}

  /**
   * The CTEs ending in line_figures: one row per line of the current version of each budget of the events that
   * `eventFilter` keeps (a condition on budget b and event e), with its budget, actual and actual of other years.
   */
  protected lineFigures(eventFilter: Prisma.Sql): Prisma.Sql {
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
      -- Per line of the budget (code and currency), what was posted in the budget's fiscal year and in others.
      posted_by_line AS (
        SELECT po.budget_id, po.code, po.currency,
          sum(po.amount) FILTER (WHERE po.fiscal_year = sb.fiscal_year) AS actual,
          sum(po.amount) FILTER (WHERE po.fiscal_year <> sb.fiscal_year) AS actual_other_years
        FROM posted po
        JOIN scoped_budget sb ON sb.id = po.budget_id
        GROUP BY po.budget_id, po.code, po.currency
      ),
      line_figures AS (
        SELECT sb.event_id, sb.id AS budget_id, sb.version_id AS budget_version_id, sb.fiscal_year,
          bl.id AS budget_line_id, bl.code, bl.description, bl.category_id, bl.currency, bl.amount AS budget,
          coalesce(pl.actual, 0) AS actual, coalesce(pl.actual_other_years, 0) AS actual_other_years
        FROM scoped_budget sb
        JOIN budget_line bl ON bl.organisation_id = ${org}::uuid AND bl.budget_version_id = sb.version_id
        LEFT JOIN posted_by_line pl ON pl.budget_id = sb.id AND pl.code = bl.code AND pl.currency = bl.currency
      )`;
  }

  private eventFilter(eventIds?: readonly string[]): Prisma.Sql {
    if (eventIds === undefined) return Prisma.empty;
    if (eventIds.length === 0) return Prisma.sql`AND false`;
    return Prisma.sql`AND b.event_id IN (${Prisma.join(eventIds.map((id) => Prisma.sql`${id}::uuid`))})`;
  }

  private seriesFilter(seriesKey: string): Prisma.Sql {
    return Prisma.sql`AND e.series_key = ${seriesKey}`;
  }

  private async lines(filter: Prisma.Sql): Promise<BudgetLineFigures[]> {
    const rows = await this.db.$queryRaw<LineRow[]>`
      WITH ${this.lineFigures(filter)}
      SELECT event_id::text, budget_id::text, budget_version_id::text, fiscal_year::int, budget_line_id::text, code,
        description, category_id::text, currency::text,
        budget::numeric(28,4)::text AS budget, actual::numeric(28,4)::text AS actual,
        (budget - actual)::numeric(28,4)::text AS remaining,
        actual_other_years::numeric(28,4)::text AS actual_other_years
      FROM line_figures
      ORDER BY fiscal_year, event_id, code`;
    return rows.map((r) => ({
      eventId: r.event_id,
      budgetId: r.budget_id,
      budgetVersionId: r.budget_version_id,
      fiscalYear: r.fiscal_year,
      budgetLineId: r.budget_line_id,
      code: r.code,
      description: r.description,
      categoryId: r.category_id,
      currency: r.currency,
      budget: r.budget,
      actual: r.actual,
      remaining: r.remaining,
      actualOtherYears: r.actual_other_years,
    }));
  }

  private async categories(filter: Prisma.Sql): Promise<CategoryFigures[]> {
    const org = this.organisationId;
    const rows = await this.db.$queryRaw<CategoryRow[]>`
      WITH ${this.lineFigures(filter)}
      SELECT lf.event_id::text, lf.budget_id::text, lf.fiscal_year::int, c.id::text AS category_id,
        c.code AS category_code, c.name AS category_name, c.parent_id::text, lf.currency::text,
        sum(lf.budget)::numeric(28,4)::text AS budget, sum(lf.actual)::numeric(28,4)::text AS actual,
        sum(lf.budget - lf.actual)::numeric(28,4)::text AS remaining, count(*)::int AS line_count
      FROM line_figures lf
      JOIN budget_category_ancestor a ON a.organisation_id = ${org}::uuid AND a.category_id = lf.category_id
      JOIN budget_category c ON c.organisation_id = ${org}::uuid AND c.id = a.ancestor_id
      GROUP BY lf.event_id, lf.budget_id, lf.fiscal_year, c.id, c.code, c.name, c.parent_id, lf.currency
      ORDER BY lf.fiscal_year, lf.event_id, c.code`;
    return rows.map((r) => ({
      eventId: r.event_id,
      budgetId: r.budget_id,
      fiscalYear: r.fiscal_year,
      categoryId: r.category_id,
      categoryCode: r.category_code,
      categoryName: r.category_name,
      parentId: r.parent_id,
      currency: r.currency,
      budget: r.budget,
      actual: r.actual,
      remaining: r.remaining,
      lineCount: r.line_count,
    }));
  }

  /** Budget vs actual per line of the event's budgets (one budget per fiscal year). */
  linesForEvent(eventId: string): Promise<BudgetLineFigures[]> {
    return this.lines(this.eventFilter([eventId]));
  }

  /** Budget vs actual of the event rolled up per category: every category that holds a line or has one below it. */
  categoriesForEvent(eventId: string): Promise<CategoryFigures[]> {
    return this.categories(this.eventFilter([eventId]));
  }

  /** Budget vs actual per line of every budget of the fiscal year (all events). */
  linesForFiscalYear(fiscalYear: number): Promise<BudgetLineFigures[]> {
    return this.lines(Prisma.sql`AND b.fiscal_year = ${fiscalYear}::int`);
  }

  /** The fiscal year's budgets rolled up per category and event. */
  categoriesForFiscalYear(fiscalYear: number): Promise<CategoryFigures[]> {
    return this.categories(Prisma.sql`AND b.fiscal_year = ${fiscalYear}::int`);
  }

  /** The event's actual month by month, for charts over time; months without postings are left out. */
  async monthlyActualsForEvent(eventId: string): Promise<MonthlyActualFigures[]> {
    const org = this.organisationId;
    const rows = await this.db.$queryRaw<
      { fiscal_year: number; month: string; currency: string; actual: string; cumulative: string }[]
    >`
      WITH ${this.lineFigures(this.eventFilter([eventId]))},
      monthly AS (
        SELECT sb.fiscal_year, to_char(je.entry_date, 'YYYY-MM') AS month, jl.currency,
          sum(jl.debit - jl.credit) AS amount
        FROM journal_line jl
        JOIN journal_entry je ON je.organisation_id = jl.organisation_id AND je.id = jl.entry_id
        JOIN accounting_period p ON p.organisation_id = je.organisation_id AND p.id = je.period_id
        JOIN budget_line bl ON bl.organisation_id = jl.organisation_id AND bl.id = jl.budget_line_id
        JOIN budget_version v ON v.organisation_id = bl.organisation_id AND v.id = bl.budget_version_id
        JOIN scoped_budget sb ON sb.id = v.budget_id
        WHERE jl.organisation_id = ${org}::uuid
          AND je.organisation_id = ${org}::uuid
          AND p.organisation_id = ${org}::uuid
          AND bl.organisation_id = ${org}::uuid
          AND v.organisation_id = ${org}::uuid
          AND p.fiscal_year = sb.fiscal_year
          -- Counted as in line_figures: only where the current version has a line of that code and currency.
          AND EXISTS (SELECT 1 FROM line_figures lf
            WHERE lf.budget_id = sb.id AND lf.code = bl.code AND lf.currency = jl.currency)
        GROUP BY sb.fiscal_year, month, jl.currency
      )
      SELECT fiscal_year::int, month, currency::text, amount::numeric(28,4)::text AS actual,
        (sum(amount) OVER (PARTITION BY fiscal_year, currency ORDER BY month))::numeric(28,4)::text AS cumulative
      FROM monthly
      ORDER BY fiscal_year, currency, month`;
    return rows.map((r) => ({
      fiscalYear: r.fiscal_year,
      month: r.month,
      currency: r.currency,
      actual: r.actual,
      cumulativeActual: r.cumulative,
    }));
  }

  /** Per fiscal year and currency over every event of the organisation: budgets of that year vs their actuals. */
  async fiscalYears(): Promise<FiscalYearFigures[]> {
    const rows = await this.db.$queryRaw<
      {
        fiscal_year: number;
        currency: string;
        budget: string;
        actual: string;
        remaining: string;
        event_count: number;
      }[]
    >`
      WITH ${this.lineFigures(Prisma.empty)}
      SELECT fiscal_year::int, currency::text, sum(budget)::numeric(28,4)::text AS budget,
        sum(actual)::numeric(28,4)::text AS actual, sum(budget - actual)::numeric(28,4)::text AS remaining,
        count(DISTINCT event_id)::int AS event_count
      FROM line_figures
      GROUP BY fiscal_year, currency
      ORDER BY fiscal_year, currency`;
    return rows.map((r) => ({
      fiscalYear: r.fiscal_year,
      currency: r.currency,
      budget: r.budget,
      actual: r.actual,
      remaining: r.remaining,
      eventCount: r.event_count,
    }));
  }

  /** Year over year across the events of one series (event.series_key), oldest event first. */
  async seriesYearOverYear(seriesKey: string): Promise<SeriesYearOverYear> {
    const filter = this.seriesFilter(seriesKey);
    const org = this.organisationId;
    const rows = await this.db.$queryRaw<
      {
        event_id: string;
        event_name: string;
        starts_on: Date;
        fiscal_year: number;
        currency: string;
        budget: string;
        actual: string;
        remaining: string;
      }[]
    >`
      WITH ${this.lineFigures(filter)}
      SELECT e.id::text AS event_id, e.name AS event_name, e.starts_on, lf.fiscal_year::int, lf.currency::text,
        sum(lf.budget)::numeric(28,4)::text AS budget, sum(lf.actual)::numeric(28,4)::text AS actual,
        sum(lf.budget - lf.actual)::numeric(28,4)::text AS remaining
      FROM line_figures lf
      JOIN event e ON e.organisation_id = ${org}::uuid AND e.id = lf.event_id
      GROUP BY e.id, e.name, e.starts_on, lf.fiscal_year, lf.currency
      ORDER BY e.starts_on, e.id, lf.fiscal_year, lf.currency`;
    const categories = await this.categories(filter);
    return {
      seriesKey,
      events: rows.map((r) => ({
        eventId: r.event_id,
        eventName: r.event_name,
        startsOn: r.starts_on,
        fiscalYear: r.fiscal_year,
        currency: r.currency,
        budget: r.budget,
        actual: r.actual,
        remaining: r.remaining,
      })),
      categories,
    };
  }
}

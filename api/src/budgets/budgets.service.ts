import { Injectable } from '@nestjs/common';
import {
  BudgetChangeError,
  type BudgetLineFigures,
  type BudgetLineRecord,
  type BudgetRecord,
  BudgetRepository,
  BudgetVsActualRepository,
  type CategoryFigures,
} from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { DatabaseClient } from '../clients/database-client';
import { CallerDirectory } from '../directory/caller-directory';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { seesWholeOrganisation } from '../directory/finance-access';
import { EventsService } from '../events/events.service';
import { requireId } from '../graphql/ids';
import { isoDay } from '../graphql/keyset-page';
import { money } from '../graphql/money-fields';
import {
  type AddBudgetLineInput,
  type BudgetLineModel,
  type BudgetModel,
  type ReforecastBudgetInput,
  type UpdateDraftBudgetLineInput,
} from './budget.model';
import {
  type BudgetVsActualCategoryModel,
  type BudgetVsActualLineModel,
  type BudgetVsActualModel,
  type FiscalYearFiguresModel,
} from './budget-vs-actual.model';

function toLineModel(line: BudgetLineRecord): BudgetLineModel {
  return { ...line, amount: money(line.amount, line.currency) };
}

function toBudgetModel(budget: BudgetRecord): BudgetModel {
  const versions = budget.versions.map((version) => ({
    ...version,
    total: money(version.total, budget.currency),
    lines: version.lines.map(toLineModel),
    categories: version.categories.map((c) => ({
      categoryId: c.categoryId,
      code: c.code,
      name: c.name,
      parentId: c.parentId,
      total: money(c.amount, c.currency),
      lineCount: c.lineCount,
    })),
  }));
  return {
    id: budget.id,
    eventId: budget.eventId,
    name: budget.name,
    currency: budget.currency,
    fiscalYear: budget.fiscalYear,
    versions,
    currentVersion: versions.find((v) => v.id === budget.currentVersionId) ?? null,
  };
}

function toFiguresLine(line: BudgetLineFigures): BudgetVsActualLineModel {
  return {
    ...line,
    budget: money(line.budget, line.currency),
    actual: money(line.actual, line.currency),
    remaining: money(line.remaining, line.currency),
    actualOtherYears: money(line.actualOtherYears, line.currency),
  };
}

function toFiguresCategory(category: CategoryFigures): BudgetVsActualCategoryModel {
  return {
    ...category,
    budget: money(category.budget, category.currency),
    actual: money(category.actual, category.currency),
    remaining: money(category.remaining, category.currency),
  };
}

function changeRefused(error: unknown): never {
  if (error instanceof BudgetChangeError) {
    const code = error.reason === 'not-found' ? ApiErrorCode.NOT_FOUND : ApiErrorCode.VALIDATION;
    throw new ApiError(code, error.message, { reason: error.reason });
  }
  throw error;
}

@Injectable()
export class BudgetsService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly callers: CallerDirectory,
    private readonly events: EventsService,
  ) {}

  private async scope(principal: Principal) {
    const caller = await this.callers.resolve(principal);
    return { caller, budgets: new BudgetRepository(this.database.db, caller.organisationId) };
  }

  async budget(principal: Principal, eventId: string, fiscalYear: number | null): Promise<BudgetModel> {
    const id = requireId(eventId, 'eventId');
    await this.events.one(principal, id);
    const { budgets } = await this.scope(principal);
    const budget = await budgets.forEvent(id, fiscalYear);
    if (!budget)
      throw new ApiError(
        ApiErrorCode.NOT_FOUND,
        `Event ${id} has no budget${fiscalYear ? ` for ${fiscalYear}` : ''}`,
      );
    return toBudgetModel(budget);
  }

  /** The caller may change budgets of this version's event (and the version is ours at all). */
  private async requireVersionAccess(principal: Principal, budgets: BudgetRepository, versionId: string) {
    const eventId = await budgets.eventOfVersion(versionId);
    if (eventId === null)
      throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no budget version ${versionId}`);
    await this.events.one(principal, eventId);
  }

  async updateDraftLine(principal: Principal, input: UpdateDraftBudgetLineInput): Promise<BudgetLineModel> {
    const lineId = requireId(input.lineId, 'lineId');
    const { caller, budgets } = await this.scope(principal);
    const line = await budgets.line(lineId);
    if (!line) throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no budget line ${lineId}`);
    await this.requireVersionAccess(principal, budgets, line.budgetVersionId);
    const updated = await budgets
      .updateDraftLine(
        lineId,
        {
          description: input.description ?? undefined,
          amount: input.amount ?? undefined,
          categoryId: input.categoryId ? requireId(input.categoryId, 'categoryId') : undefined,
        },
        caller.userId,
      )
      .catch(changeRefused);
    return toLineModel(updated);
  }

  async addLine(principal: Principal, input: AddBudgetLineInput): Promise<BudgetLineModel> {
    const versionId = requireId(input.budgetVersionId, 'budgetVersionId');
    const { caller, budgets } = await this.scope(principal);
    await this.requireVersionAccess(principal, budgets, versionId);
    const line = await budgets
      .addLine(
        versionId,
        {
          code: input.code,
          description: input.description,
          categoryId: requireId(input.categoryId, 'categoryId'),
          amount: input.amount,
        },
        caller.userId,
      )
      .catch(changeRefused);
    return toLineModel(line);
  }

  async reforecast(principal: Principal, input: ReforecastBudgetInput): Promise<BudgetModel> {
    const budgetId = requireId(input.budgetId, 'budgetId');
    const { caller, budgets } = await this.scope(principal);
    const budget = await budgets.byId(budgetId);
    if (!budget) throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no budget ${budgetId}`);
    await this.events.one(principal, budget.eventId);
    await budgets.reforecast(budgetId, input.note ?? null, caller.userId).catch(changeRefused);
    const after = await budgets.byId(budgetId);
    if (!after) throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no budget ${budgetId}`);
    return toBudgetModel(after);
  }

  /**
   * Every fiscal year of the organisation per currency: the whole journal, so only read when a client selects
   * budgetVsActual.fiscalYears (the event page does not).
   */
  async fiscalYearFigures(figures: BudgetVsActualModel): Promise<FiscalYearFiguresModel[]> {
    if (!figures.fiscalYearsOf) return [];
    const years = await new BudgetVsActualRepository(
      this.database.db,
      figures.fiscalYearsOf.organisationId,
    ).fiscalYears();
    return years.map((y) => ({
      fiscalYear: y.fiscalYear,
      budget: money(y.budget, y.currency),
      actual: money(y.actual, y.currency),
      remaining: money(y.remaining, y.currency),
      eventCount: y.eventCount,
    }));
  }

  async budgetVsActual(
    principal: Principal,
    eventId: string | null,
    fiscalYear: number | null,
  ): Promise<BudgetVsActualModel> {
    if ((eventId === null) === (fiscalYear === null)) {
      throw new ApiError(ApiErrorCode.VALIDATION, 'Pass exactly one of eventId and fiscalYear');
    }
    const wholeOrganisation = seesWholeOrganisation(principal) || principal.roles.includes('event_manager');
    if (fiscalYear !== null && !wholeOrganisation) {
      throw new ApiError(ApiErrorCode.FORBIDDEN, 'Budget vs actual of a whole fiscal year is for finance', {
        requiredAnyOf: ['admin', 'finance', 'auditor', 'event_manager'],
      });
    }
    const caller = await this.callers.resolve(principal);
    const figures = new BudgetVsActualRepository(this.database.db, caller.organisationId);
    // Organisation-wide totals only for those who see the whole organisation, and read only when asked for.
    const fiscalYearsOf = wholeOrganisation ? { organisationId: caller.organisationId } : null;
    if (eventId !== null) {
      const event = await this.events.one(principal, requireId(eventId, 'eventId'));
      const [lines, categories, months] = await Promise.all([
        figures.linesForEvent(event.id),
        figures.categoriesForEvent(event.id),
        figures.monthlyActualsForEvent(event.id),
      ]);
      const series =
        event.seriesKey && wholeOrganisation ? await figures.seriesYearOverYear(event.seriesKey) : null;
      return {
        lines: lines.map(toFiguresLine),
        categories: categories.map(toFiguresCategory),
        actualByMonth: months.map((m) => ({
          fiscalYear: m.fiscalYear,
          month: m.month,
          actual: money(m.actual, m.currency),
          cumulativeActual: money(m.cumulativeActual, m.currency),
        })),
        fiscalYearsOf,
        yearOverYear: series && {
          seriesKey: series.seriesKey,
          events: series.events.map((e) => ({
            eventId: e.eventId,
            eventName: e.eventName,
            startsOn: isoDay(e.startsOn),
            fiscalYear: e.fiscalYear,
            budget: money(e.budget, e.currency),
            actual: money(e.actual, e.currency),
            remaining: money(e.remaining, e.currency),
          })),
          categories: series.categories.map(toFiguresCategory),
        },
      };
    }
    const year = fiscalYear ?? 0;
    const [lines, categories] = await Promise.all([
      figures.linesForFiscalYear(year),
      figures.categoriesForFiscalYear(year),
    ]);
    return {
      lines: lines.map(toFiguresLine),
      categories: categories.map(toFiguresCategory),
      actualByMonth: [],
      fiscalYearsOf,
      yearOverYear: null,
    };
  }
}

import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import {
  AddBudgetLineInput,
  BudgetLineModel,
  BudgetModel,
  ReforecastBudgetInput,
  UpdateDraftBudgetLineInput,
} from './budget.model';
import { BudgetVsActualModel, FiscalYearFiguresModel } from './budget-vs-actual.model';
import { BudgetsService } from './budgets.service';

@Resolver(() => BudgetModel)
export class BudgetsResolver {
  constructor(private readonly budgets: BudgetsService) {}

  @Query(() => BudgetModel, {
    description:
      'The event’s budget (for fiscalYear, else its newest) with every version, its lines and roll-ups.',
  })
  @Roles('admin', 'finance', 'event_manager', 'approver', 'auditor')
  budget(
    @CurrentPrincipal() principal: Principal,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('fiscalYear', { type: () => Int, nullable: true }) fiscalYear?: number | null,
  ): Promise<BudgetModel> {
    return this.budgets.budget(principal, eventId, fiscalYear ?? null);
  }

  @Query(() => BudgetVsActualModel, {
    description:
      'Budget vs actual per line and per category, for one event (with year over year across its series) or a whole fiscal year.',
  })
  @Roles('admin', 'finance', 'event_manager', 'approver', 'auditor')
  budgetVsActual(
    @CurrentPrincipal() principal: Principal,
    @Args('eventId', { type: () => ID, nullable: true }) eventId?: string | null,
    @Args('fiscalYear', { type: () => Int, nullable: true }) fiscalYear?: number | null,
  ): Promise<BudgetVsActualModel> {
    return this.budgets.budgetVsActual(principal, eventId ?? null, fiscalYear ?? null);
  }

  @Mutation(() => BudgetLineModel, { description: 'Changes a line of a draft version.' })
  @Roles('admin', 'finance', 'event_manager')
  updateDraftBudgetLine(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateDraftBudgetLineInput,
  ): Promise<BudgetLineModel> {
    return this.budgets.updateDraftLine(principal, input);
  }

  @Mutation(() => BudgetLineModel, { description: 'Adds a line to a draft version.' })
  @Roles('admin', 'finance', 'event_manager')
  addBudgetLine(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AddBudgetLineInput,
  ): Promise<BudgetLineModel> {
    return this.budgets.addLine(principal, input);
  }

  @Mutation(() => BudgetModel, {
    description: 'A new draft version copying the current one; refused while a draft exists.',
  })
  @Roles('admin', 'finance', 'event_manager')
  reforecastBudget(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ReforecastBudgetInput,
  ): Promise<BudgetModel> {
    return this.budgets.reforecast(principal, input);
  }
}

@Resolver(() => BudgetVsActualModel)
export class BudgetVsActualResolver {
  constructor(private readonly budgets: BudgetsService) {}

  @ResolveField(() => [FiscalYearFiguresModel])
  fiscalYears(@Parent() figures: BudgetVsActualModel): Promise<FiscalYearFiguresModel[]> {
    return this.budgets.fiscalYearFigures(figures);
  }
}

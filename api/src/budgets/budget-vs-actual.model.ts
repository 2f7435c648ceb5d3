import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '../graphql/money.model';

@ObjectType('BudgetVsActualLine')
export class BudgetVsActualLineModel {
  @Field(() => ID)
  eventId!: string;

  @Field(() => ID)
  budgetId!: string;

  @Field(() => ID)
  budgetVersionId!: string;

  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => ID)
  budgetLineId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  description!: string;

  @Field(() => ID)
  categoryId!: string;

  @Field(() => MoneyModel)
  budget!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Posted in the budget’s fiscal year, debit − credit.' })
  actual!: MoneyModel;

  @Field(() => MoneyModel, { description: 'budget − actual; negative when overspent.' })
  remaining!: MoneyModel;

  @Field(() => MoneyModel, { description: 'Posted on the line in other fiscal years: never part of actual.' })
  actualOtherYears!: MoneyModel;
}

@ObjectType('BudgetVsActualCategory')
export class BudgetVsActualCategoryModel {
  @Field(() => ID)
  eventId!: string;

  @Field(() => ID)
  budgetId!: string;

  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => ID)
  categoryId!: string;

  @Field(() => String)
  categoryCode!: string;

  @Field(() => String)
  categoryName!: string;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  @Field(() => MoneyModel)
  budget!: MoneyModel;

  @Field(() => MoneyModel)
  actual!: MoneyModel;

  @Field(() => MoneyModel)
  remaining!: MoneyModel;

  @Field(() => Int)
  lineCount!: number;
}

@ObjectType('FiscalYearFigures')
export class FiscalYearFiguresModel {
  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => MoneyModel)
  budget!: MoneyModel;

  @Field(() => MoneyModel)
  actual!: MoneyModel;

  @Field(() => MoneyModel)
  remaining!: MoneyModel;

  @Field(() => Int)
  eventCount!: number;
}

@ObjectType('SeriesEventFigures', { description: 'One event of a recurring festival, for year over year.' })
export class SeriesEventFiguresModel {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  eventName!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  startsOn!: string;

  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => MoneyModel)
  budget!: MoneyModel;

  @Field(() => MoneyModel)
  actual!: MoneyModel;

  @Field(() => MoneyModel)
  remaining!: MoneyModel;
}

@ObjectType('SeriesYearOverYear')
export class SeriesYearOverYearModel {
  @Field(() => String)
  seriesKey!: string;

  @Field(() => [SeriesEventFiguresModel], { description: 'Oldest event first.' })
  events!: SeriesEventFiguresModel[];

  @Field(() => [BudgetVsActualCategoryModel], { description: 'Compare by categoryCode across events.' })
  categories!: BudgetVsActualCategoryModel[];
}

@ObjectType('MonthlyActual', { description: 'An event’s actual in one month, for charts over time.' })
export class MonthlyActualModel {
  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => String, { description: 'YYYY-MM.' })
  month!: string;

  @Field(() => MoneyModel)
  actual!: MoneyModel;

  @Field(() => MoneyModel, {
    description: 'Up to and including this month; the last equals the total actual.',
  })
  cumulativeActual!: MoneyModel;
}

@ObjectType('BudgetVsActual')
export class BudgetVsActualModel {
  @Field(() => [MonthlyActualModel], {
    description:
      'For an event: its actual month by month (months without postings left out). Empty for a year.',
  })
  actualByMonth!: MonthlyActualModel[];

  @Field(() => [BudgetVsActualLineModel])
  lines!: BudgetVsActualLineModel[];

  @Field(() => [BudgetVsActualCategoryModel])
  categories!: BudgetVsActualCategoryModel[];

  /** Resolved by BudgetVsActualResolver.fiscalYears, only when selected. */
  @Field(() => [FiscalYearFiguresModel], {
    description: 'Every fiscal year of the organisation, per currency.',
  })
  fiscalYears?: FiscalYearFiguresModel[];

  /** Whose fiscal years `fiscalYears` sums; null for callers who do not see the whole organisation. Not in the schema. */
  fiscalYearsOf!: { readonly organisationId: string } | null;

  @Field(() => SeriesYearOverYearModel, {
    nullable: true,
    description: 'For an event of a series: every event of the series.',
  })
  yearOverYear!: SeriesYearOverYearModel | null;
}

import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '../graphql/money.model';

@ObjectType('BudgetLine')
export class BudgetLineModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  budgetVersionId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  description!: string;

  @Field(() => ID)
  categoryId!: string;

  @Field(() => MoneyModel)
  amount!: MoneyModel;

  @Field(() => ID, { nullable: true, description: 'The person answerable for the line.' })
  ownerId!: string | null;
}

@ObjectType('BudgetCategoryTotal', {
  description: 'A category’s lines and every line in the categories below it, summed.',
})
export class BudgetCategoryTotalModel {
  @Field(() => ID)
  categoryId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true })
  parentId!: string | null;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field(() => Int)
  lineCount!: number;
}

@ObjectType('BudgetVersion')
export class BudgetVersionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  versionNo!: number;

  @Field(() => String, { description: 'draft, approved or superseded; only a draft changes.' })
  status!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => MoneyModel)
  total!: MoneyModel;

  @Field(() => [BudgetLineModel])
  lines!: BudgetLineModel[];

  @Field(() => [BudgetCategoryTotalModel], {
    description: 'Roll-ups up the category tree, by category code.',
  })
  categories!: BudgetCategoryTotalModel[];
}

@ObjectType('Budget')
export class BudgetModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => Int, { description: 'Labelled by the calendar year it starts in.' })
  fiscalYear!: number;

  @Field(() => [BudgetVersionModel], { description: 'Newest first.' })
  versions!: BudgetVersionModel[];

  @Field(() => BudgetVersionModel, {
    nullable: true,
    description: 'The approved version, or the newest while none is approved.',
  })
  currentVersion!: BudgetVersionModel | null;
}

@InputType('UpdateDraftBudgetLineInput')
export class UpdateDraftBudgetLineInput {
  @IsString()
  @MaxLength(200)
  @Field(() => ID)
  lineId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  description?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^-?\d{1,20}(\.\d{1,6})?$/, { message: '$property must be an exact decimal such as 1234.50' })
  @Field(() => String, {
    nullable: true,
    description: 'Exact decimal in the budget’s currency, e.g. "125000.00".',
  })
  amount?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  categoryId?: string | null;
}

@InputType('AddBudgetLineInput')
export class AddBudgetLineInput {
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { description: 'A draft version.' })
  budgetVersionId!: string;

  @IsString()
  @MaxLength(2000)
  @Field(() => String)
  code!: string;

  @IsString()
  @MaxLength(2000)
  @Field(() => String)
  description!: string;

  @IsString()
  @MaxLength(200)
  @Field(() => ID)
  categoryId!: string;

  @IsString()
  @Matches(/^-?\d{1,20}(\.\d{1,6})?$/, { message: '$property must be an exact decimal such as 1234.50' })
  @Field(() => String, { description: 'Exact decimal in the budget’s currency.' })
  amount!: string;
}

@InputType('ReforecastBudgetInput')
export class ReforecastBudgetInput {
  @IsString()
  @MaxLength(200)
  @Field(() => ID)
  budgetId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  note?: string | null;
}

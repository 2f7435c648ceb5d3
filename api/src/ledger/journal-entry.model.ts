import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '../graphql/money.model';
import { PageArgs, PageType } from '../graphql/pagination';

@ObjectType('JournalLine')
export class JournalLineModel {
  @Field(() => Int)
  lineNo!: number;

  @Field(() => String)
  accountCode!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => MoneyModel)
  debit!: MoneyModel;

  @Field(() => MoneyModel)
  credit!: MoneyModel;

  @Field(() => ID, { nullable: true })
  eventId!: string | null;

  @Field(() => ID, { nullable: true })
  budgetLineId!: string | null;
}

@ObjectType('JournalEntry', { description: 'A balanced posting: debits equal credits per currency.' })
export class JournalEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  entryDate!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: 'invoice, payment, ticket_sales, …' })
  sourceType!: string | null;

  @Field(() => ID, { nullable: true })
  sourceId!: string | null;

  @Field(() => ID)
  periodId!: string;

  @Field(() => Int)
  fiscalYear!: number;

  @Field(() => Boolean, { description: 'Whether its accounting period is locked.' })
  periodLocked!: boolean;

  @Field(() => Date)
  postedAt!: Date;

  @Field(() => [JournalLineModel])
  lines!: JournalLineModel[];
}

export const JournalEntryPage = PageType(JournalEntryModel, 'JournalEntry');

@InputType('JournalFilter')
export class JournalFilterInput {
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2200)
  @Field(() => Int, { nullable: true })
  fiscalYear?: number | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  periodId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  sourceType?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  sourceId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'Entries with a line on this account.' })
  accountCode?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  budgetLineId?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { nullable: true, description: 'From this entry date, YYYY-MM-DD.' })
  from?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { nullable: true, description: 'To this entry date, YYYY-MM-DD.' })
  to?: string | null;
}

@ArgsType()
export class JournalEntriesArgs extends PageArgs {
  @IsOptional()
  @ValidateNested()
  @Type(() => JournalFilterInput)
  @Field(() => JournalFilterInput, { nullable: true })
  filter?: JournalFilterInput | null;
}

import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { type TaskInboxFilter, type TaskInboxSort } from '@eventvault/activities';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { PageArgs } from '../graphql/pagination';

export enum TaskInboxStatus {
  OPEN = 'open',
  CLOSED = 'closed',
}
registerEnumType(TaskInboxStatus, {
  name: 'TaskInboxStatus',
  description: 'Open, or closed (done or cancelled).',
});

export enum TaskSortField {
  CREATED = 'created',
  DUE = 'due',
  AMOUNT = 'amount',
}
registerEnumType(TaskSortField, { name: 'TaskSortField' });

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType('TaskFilter')
export class TaskFilterInput {
  @IsOptional()
  @IsEnum(TaskInboxStatus)
  @Field(() => TaskInboxStatus, { nullable: true, description: 'Default: open.' })
  status?: TaskInboxStatus | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Field(() => [String], { nullable: true, description: 'Only these kinds, e.g. ["invoice_review"].' })
  kinds?: string[] | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^-?\d{1,20}(\.\d{1,6})?$/, { message: '$property must be an exact decimal such as 1234.50' })
  @Field(() => String, {
    nullable: true,
    description: 'Inclusive lower bound, exact decimal, e.g. "1000.00".',
  })
  amountMin?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^-?\d{1,20}(\.\d{1,6})?$/, { message: '$property must be an exact decimal such as 1234.50' })
  @Field(() => String, { nullable: true, description: 'Inclusive upper bound, exact decimal.' })
  amountMax?: string | null;

  @IsOptional()
  @IsDate()
  @Field(() => Date, { nullable: true })
  dueBefore?: Date | null;
}

@InputType('TaskSort')
export class TaskSortInput {
  @IsEnum(TaskSortField)
  @Field(() => TaskSortField)
  field!: TaskSortField;

  @IsEnum(SortDirection)
  @Field(() => SortDirection)
  direction!: SortDirection;
}

@ArgsType()
export class MyTasksArgs extends PageArgs {
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskFilterInput)
  @Field(() => TaskFilterInput, { nullable: true })
  filter?: TaskFilterInput | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => TaskSortInput)
  @Field(() => TaskSortInput, { nullable: true, description: 'Default: newest first.' })
  sort?: TaskSortInput | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, {
    nullable: true,
    description: 'Words to find in the title, supplier name or invoice number (case-insensitive).',
  })
  search?: string | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const decimal = /^-?\d{1,20}(\.\d{1,4})?$/;

export function requireUuid(value: string, field: string): string {
  if (!uuid.test(value)) throw new ApiError(ApiErrorCode.VALIDATION, `${field} is not an id`, { field });
  return value;
}

/** The repository's filter from GraphQL input, every value checked. */
export function toInboxFilter(
  input: TaskFilterInput | null | undefined,
  search: string | null | undefined,
): TaskInboxFilter {
  const filter: { -readonly [K in keyof TaskInboxFilter]: TaskInboxFilter[K] } = {};
  if (input?.status) filter.status = input.status;
  if (input?.kinds && input.kinds.length > 0) {
    if (input.kinds.length > 20 || input.kinds.some((kind) => !/^[a-z_]{1,64}$/.test(kind))) {
      throw new ApiError(ApiErrorCode.VALIDATION, 'kinds are lower-case names like invoice_review', {
        field: 'filter.kinds',
      });
    }
    filter.kinds = input.kinds;
  }
  if (input?.eventId) filter.eventId = requireUuid(input.eventId, 'filter.eventId');
  if (input?.supplierId) filter.supplierId = requireUuid(input.supplierId, 'filter.supplierId');
  for (const field of ['amountMin', 'amountMax'] as const) {
    const value = input?.[field];
    if (value === null || value === undefined) continue;
    if (!decimal.test(value)) {
      throw new ApiError(ApiErrorCode.VALIDATION, `${field} must be a plain decimal like "1000.00"`, {
        field: `filter.${field}`,
      });
    }
    filter[field] = value;
  }
  if (input?.dueBefore) filter.dueBefore = input.dueBefore;
  if (search) {
    if (search.length > 200) {
      throw new ApiError(ApiErrorCode.VALIDATION, 'search is at most 200 characters', { field: 'search' });
    }
    filter.search = search;
  }
  return filter;
}

export function toInboxSort(input: TaskSortInput | null | undefined): TaskInboxSort | undefined {
  return input ? { field: input.field, direction: input.direction } : undefined;
}

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > 200) {
    throw new ApiError(ApiErrorCode.VALIDATION, 'first must be between 1 and 200', { field: 'first' });
  }
}

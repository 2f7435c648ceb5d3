import {
  ArgsType,
  Field,
  GraphQLISODateTime,
  InputType,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import {
  IsDate,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { PageArgs, PageType } from '../graphql/pagination';
import { workflowStatuses, type WorkflowStatusFilter } from './visibility-query';

export const WorkflowStatus = Object.fromEntries(workflowStatuses.map((status) => [status, status])) as {
  readonly [S in WorkflowStatusFilter]: S;
};
registerEnumType(WorkflowStatus, {
  name: 'WorkflowStatus',
  description: 'A workflow run’s execution status in Temporal.',
});

export const WorkflowResetPoint = {
  FIRST_WORKFLOW_TASK: 'FIRST_WORKFLOW_TASK',
  LAST_WORKFLOW_TASK: 'LAST_WORKFLOW_TASK',
} as const;
export type WorkflowResetPoint = (typeof WorkflowResetPoint)[keyof typeof WorkflowResetPoint];
registerEnumType(WorkflowResetPoint, {
  name: 'WorkflowResetPoint',
  description: 'Where a reset replays from: the run’s first or last completed workflow task.',
});

const decimalAmount = /^-?\d{1,16}(\.\d{1,6})?$/;
const token = /^[A-Za-z0-9._:-]{1,200}$/;

@InputType('WorkflowFilter', {
  description: 'Narrows an admin’s workflow listing (always within their organisation).',
})
export class WorkflowFilterInput {
  @Field(() => String, { nullable: true, description: 'Workflow type, e.g. "invoiceIntakeWorkflow".' })
  @IsOptional()
  @Matches(token)
  type?: string | null;

  @Field(() => WorkflowStatus, { nullable: true })
  @IsOptional()
  @IsIn(workflowStatuses)
  status?: WorkflowStatusFilter | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  startedAfter?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  startedBefore?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(token)
  supplierId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(token)
  eventId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The intake’s invoice status, e.g. "pending_approval".',
  })
  @IsOptional()
  @Matches(token)
  invoiceStatus?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Invoice amount in base currency at least this exact decimal, e.g. "1500.00".',
  })
  @IsOptional()
  @Matches(decimalAmount)
  amountAtLeast?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Invoice amount in base currency at most this exact decimal.',
  })
  @IsOptional()
  @Matches(decimalAmount)
  amountAtMost?: string | null;
}

@ArgsType()
export class WorkflowsArgs extends PageArgs {
  @Field(() => WorkflowFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkflowFilterInput)
  filter?: WorkflowFilterInput | null;
}

@ArgsType()
export class WorkflowRunArgs {
  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  workflowId!: string;

  @Field(() => String, { nullable: true, description: 'A specific run; the latest run when omitted.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  runId?: string | null;
}

@ArgsType()
export class TerminateWorkflowArgs extends WorkflowRunArgs {
  @Field(() => String, { description: 'Why: kept in the workflow history and the audit log.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

@ArgsType()
export class ResetWorkflowArgs extends TerminateWorkflowArgs {
  @Field(() => WorkflowResetPoint, { defaultValue: WorkflowResetPoint.LAST_WORKFLOW_TASK })
  @IsIn(Object.values(WorkflowResetPoint))
  to: WorkflowResetPoint = WorkflowResetPoint.LAST_WORKFLOW_TASK;
}

@ObjectType('WorkflowSearchAttributes', { description: 'The EventVault search attributes a run carries.' })
export class WorkflowSearchAttributesModel {
  @Field(() => String, { nullable: true })
  invoiceStatus!: string | null;

  @Field(() => String, { nullable: true })
  supplierId!: string | null;

  @Field(() => String, { nullable: true })
  eventId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The index value Temporal keeps (a decimal string; the invoice itself holds the exact amount).',
  })
  invoiceAmount!: string | null;
}

@ObjectType('WorkflowExecution', { description: 'One run of a workflow, as Temporal’s visibility lists it.' })
export class WorkflowExecutionModel {
  @Field(() => String)
  workflowId!: string;

  @Field(() => String)
  runId!: string;

  @Field(() => String)
  type!: string;

  @Field(() => String, {
    description: 'RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT.',
  })
  status!: string;

  @Field(() => String)
  taskQueue!: string;

  @Field(() => GraphQLISODateTime)
  startedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt!: Date | null;

  @Field(() => WorkflowSearchAttributesModel)
  searchAttributes!: WorkflowSearchAttributesModel;

  @Field(() => String, { description: 'This run in the Temporal UI (TEMPORAL_UI_URL).' })
  temporalUiUrl!: string;
}

@ObjectType('WorkflowHistoryEvent')
export class WorkflowHistoryEventModel {
  @Field(() => String)
  eventId!: string;

  @Field(() => String, { description: 'e.g. WorkflowExecutionStarted, ActivityTaskCompleted.' })
  eventType!: string;

  @Field(() => GraphQLISODateTime)
  time!: Date;

  @Field(() => String, {
    description:
      'The event’s attributes as JSON: payloads decoded, secrets (credentials, bank details) redacted.',
  })
  details!: string;
}

@ObjectType('WorkflowDetail', { description: 'A run with its full history.' })
export class WorkflowDetailModel {
  @Field(() => WorkflowExecutionModel)
  execution!: WorkflowExecutionModel;

  @Field(() => [WorkflowHistoryEventModel])
  history!: WorkflowHistoryEventModel[];
}

export const WorkflowExecutionPage = PageType(WorkflowExecutionModel, 'WorkflowExecution');

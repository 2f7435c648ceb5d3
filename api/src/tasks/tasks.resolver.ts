import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  Args,
  Field,
  ID,
  InputType,
  Mutation,
  Query,
  registerEnumType,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { type PageOf } from '../graphql/pagination';
import { TaskActions } from './task-actions.service';
import { TaskFeed } from './task-feed';
import { MyTasksArgs, TaskFilterInput } from './task-inbox.args';
import { TaskInbox } from './task-inbox.service';
import {
  BudgetActualChangedModel,
  InvoiceReviewResultModel,
  TaskChangedModel,
  TaskCountsModel,
  TaskDecisionResultModel,
  TaskDelegationResultModel,
  TaskDetailModel,
  TaskModel,
  TaskPage,
} from './task.model';

/** Who has an inbox: the people workflows wait for. Suppliers, auditors and partners have none. */
const inboxRoles = ['admin', 'finance', 'approver', 'event_manager'] as const;

export enum ReviewDecision {
  ACCEPT = 'accept',
  REJECT = 'reject',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

@InputType('InvoiceCorrectionsInput', { description: 'Extracted fields put right by the reviewer.' })
export class InvoiceCorrectionsInput {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  supplierName?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  supplierVatNumber?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  invoiceNumber?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  issueDate?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code such as ZAR' })
  @Field(() => String, { nullable: true, description: 'ISO 4217.' })
  currency?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^-?\d{1,20}(\.\d{1,6})?$/, { message: '$property must be an exact decimal such as 1234.50' })
  @Field(() => String, { nullable: true, description: 'Exact decimal.' })
  net?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^-?\d{1,20}(\.\d{1,6})?$/, { message: '$property must be an exact decimal such as 1234.50' })
  @Field(() => String, { nullable: true, description: 'Exact decimal.' })
  vat?: string | null;

  @IsOptional()
  @IsString()
  @Matches(/^-?\d{1,20}(\.\d{1,6})?$/, { message: '$property must be an exact decimal such as 1234.50' })
  @Field(() => String, { nullable: true, description: 'Exact decimal.' })
  gross?: string | null;
}

@InputType('ReviewFxRateInput', {
  description:
    'A missing exchange rate, entered by the reviewer: one unit of the invoice currency in base currency.',
})
export class ReviewFxRateInput {
  @IsString()
  @Matches(/^(?!0+(\.0+)?$)\d{1,12}(\.\d{1,10})?$/, {
    message: '$property must be a positive exact decimal such as 18.25',
  })
  @Field(() => String, { description: 'Exact decimal, e.g. "18.25".' })
  rate!: string;

  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { description: 'The day the rate is for, YYYY-MM-DD.' })
  date!: string;

  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: '$property must say where the rate comes from' })
  @Field(() => String, { description: 'Where the rate comes from, e.g. "SARB daily rate".' })
  source!: string;
}

@InputType('CompleteInvoiceReviewInput')
export class CompleteInvoiceReviewInput {
  @IsEnum(ReviewDecision)
  @Field(() => ReviewDecision)
  decision!: ReviewDecision;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: 'Required when rejecting.' })
  comment?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceCorrectionsInput)
  @Field(() => InvoiceCorrectionsInput, { nullable: true })
  corrections?: InvoiceCorrectionsInput | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  supplierId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Field(() => ID, { nullable: true })
  budgetLineId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  purchaseOrderNumber?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ReviewFxRateInput)
  @Field(() => ReviewFxRateInput, {
    nullable: true,
    description:
      'The exchange rate a foreign invoice lacks (stored for the organisation, used from then on).',
  })
  fxRate?: ReviewFxRateInput | null;
}

@Resolver()
export class TasksResolver {
  constructor(
    private readonly inbox: TaskInbox,
    private readonly actions: TaskActions,
    private readonly feed: TaskFeed,
  ) {}

  @Roles(...inboxRoles)
  @Query(() => TaskPage, {
    description:
      'My tasks: assigned or delegated to me, or open to one of my roles; newest first by default.',
  })
  myTasks(@CurrentPrincipal() principal: Principal, @Args() args: MyTasksArgs): Promise<PageOf<TaskModel>> {
    return this.inbox.myTasks(principal, args);
  }

  @Roles(...inboxRoles)
  @Query(() => TaskCountsModel, {
    description: 'How many of my tasks there are, per kind (open ones by default).',
  })
  taskCounts(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => TaskFilterInput, nullable: true }) filter?: TaskFilterInput | null,
  ): Promise<TaskCountsModel> {
    return this.inbox.counts(principal, filter);
  }

  @Roles(...inboxRoles)
  @Query(() => TaskDetailModel, {
    description: 'One of my tasks with its document, extraction, budget line and decisions.',
  })
  task(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<TaskDetailModel> {
    return this.inbox.detail(principal, id);
  }

  @Roles(...inboxRoles)
  @Mutation(() => TaskDecisionResultModel, {
    description: 'Approve an approval task (step-up MFA above the policy threshold).',
  })
  approveTask(
    @CurrentPrincipal() principal: Principal,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
  ): Promise<TaskDecisionResultModel> {
    return this.actions.decide(principal, 'approve', taskId, comment);
  }

  @Roles(...inboxRoles)
  @Mutation(() => TaskDecisionResultModel, { description: 'Reject an approval task.' })
  rejectTask(
    @CurrentPrincipal() principal: Principal,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
  ): Promise<TaskDecisionResultModel> {
    return this.actions.decide(principal, 'reject', taskId, comment);
  }

  @Roles(...inboxRoles)
  @Mutation(() => TaskDecisionResultModel, { description: 'Send the submission back with what to change.' })
  requestTaskChanges(
    @CurrentPrincipal() principal: Principal,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('comment', { type: () => String }) comment: string,
  ): Promise<TaskDecisionResultModel> {
    return this.actions.decide(principal, 'request-changes', taskId, comment);
  }

  @Roles(...inboxRoles)
  @Mutation(() => TaskDelegationResultModel, {
    description: 'Hand my approval task to another user of my organisation.',
  })
  delegateTask(
    @CurrentPrincipal() principal: Principal,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('to', { type: () => ID, description: 'The user who takes the task over.' }) to: string,
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
  ): Promise<TaskDelegationResultModel> {
    return this.actions.delegate(principal, taskId, to, comment);
  }

  @Roles('finance', 'admin')
  @Mutation(() => InvoiceReviewResultModel, {
    description: 'Complete an invoice review: accept (with corrected fields) or reject the document.',
  })
  completeInvoiceReview(
    @CurrentPrincipal() principal: Principal,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('input', { type: () => CompleteInvoiceReviewInput }) input: CompleteInvoiceReviewInput,
  ): Promise<InvoiceReviewResultModel> {
    return this.actions.completeReview(principal, taskId, {
      decision: input.decision,
      comment: input.comment,
      corrections: input.corrections
        ? Object.fromEntries(
            Object.entries(input.corrections).filter(([, value]) => typeof value === 'string'),
          )
        : null,
      supplierId: input.supplierId,
      budgetLineId: input.budgetLineId,
      purchaseOrderNumber: input.purchaseOrderNumber,
      fxRate: input.fxRate,
    });
  }

  @Roles(...inboxRoles)
  @Subscription(() => TaskChangedModel, {
    description:
      'Tasks I can see being created, reassigned or closed (graphql-ws; token in connectionParams).',
    resolve: (payload: TaskChangedModel) => payload,
  })
  taskChanged(@CurrentPrincipal() principal: Principal): Promise<AsyncIterableIterator<TaskChangedModel>> {
    return this.feed.taskChanges(principal);
  }

  @Roles('admin', 'finance', 'approver', 'event_manager', 'auditor')
  @Subscription(() => BudgetActualChangedModel, {
    description: "Postings on one of my organisation's events: its budget vs actual changed.",
    resolve: (payload: BudgetActualChangedModel) => payload,
  })
  budgetActualChanged(
    @CurrentPrincipal() principal: Principal,
    @Args('eventId', { type: () => ID }) eventId: string,
  ): Promise<AsyncIterableIterator<BudgetActualChangedModel>> {
    return this.feed.budgetActualChanges(principal, eventId);
  }
}

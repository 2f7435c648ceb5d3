import { Args, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { type PageOf } from '../graphql/pagination';
import {
  DelegationCandidateModel,
  DelegationCandidates,
  DelegationCandidatesArgs,
} from './delegation-candidates';
import { inboxRoles } from './inbox-roles';
import { CompleteInvoiceReviewInput } from './invoice-review.input';
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

@Resolver()
export class TasksResolver {
  constructor(
    private readonly inbox: TaskInbox,
    private readonly actions: TaskActions,
    private readonly feed: TaskFeed,
    private readonly delegation: DelegationCandidates,
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

  @Roles(...inboxRoles)
  @Query(() => [DelegationCandidateModel], {
    description:
      'Colleagues my open approval task can be delegated to: users of my organisation with an inbox, not out of ' +
      'office and not approving at its level already; never me, never the submitter. By name.',
  })
  delegationCandidates(
    @CurrentPrincipal() principal: Principal,
    @Args() args: DelegationCandidatesArgs,
  ): Promise<DelegationCandidateModel[]> {
    return this.delegation.of(principal, args.taskId);
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
      ...input,
      corrections: input.corrections
        ? Object.fromEntries(
            Object.entries(input.corrections).filter(([, value]) => typeof value === 'string'),
          )
        : null,
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

import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type InboxTask, type InvoiceCorrections, type ReviewCompletion } from '@eventvault/activities';
import {
  type ApprovalCallerArgs,
  approveUpdate,
  completeInvoiceReviewUpdate,
  delegateUpdate,
  rejectUpdate,
  requestChangesUpdate,
} from '@eventvault/workflows';
import { MFA_ACR, type Principal } from '../auth/principal';
import { StepUpPolicy } from '../auth/step-up.policy';
import { DatabaseClient } from '../clients/database-client';
import { ApiError, ApiErrorCode, StepUpRequiredError } from '../errors/api-error';
import { rethrowDependencyDown } from '../invoices/dependency-errors';
import { checkReviewChoices } from './review-choices';
import { waitForOpenReview } from './review-opening';
import { isLevelOpeningRefusal, retryWhileLevelOpens } from './approval-opening';
import { requireUuid } from './task-inbox.args';
import { TaskInbox, decisionModels, toTaskModel } from './task-inbox.service';
import {
  type InvoiceReviewResultModel,
  type TaskDecisionResultModel,
  type TaskDelegationResultModel,
} from './task.model';
import { WorkflowClient } from '../clients/workflow-client';

/** An update that no worker answers within this time fails instead of holding the request. */
const UPDATE_DEADLINE_MS = 20_000;
/** How long a decision sent just as its task appeared waits for the approval level to take decisions. */
const LEVEL_OPENING_WAIT_MS = 5_000;
/** How long a review completed just as its task appeared waits for the workflow to show it open. */
const REVIEW_OPENING_WAIT_MS = 5_000;

export type DecisionKind = 'approve' | 'reject' | 'request-changes';

const decisionUpdates = {
  approve: approveUpdate,
  reject: rejectUpdate,
  'request-changes': requestChangesUpdate,
} as const;

// The approval workflow's validator answers in sentences (workflows/src/approval); these say which refusal it was.
const stepUpRefusal = /needs a step-up \(MFA\) login|step-up login is \d+ minutes old|authTime/;
const notYoursRefusal =
  /is not an approver at level|submitter cannot decide|holds no open task|no decision to repeat/;
const closedRefusal = /already decided|no level is waiting|no longer open|is being opened/;

export interface ReviewInput {
  readonly decision: 'accept' | 'reject';
  readonly comment?: string | null;
  readonly corrections?: InvoiceCorrections | null;
  readonly supplierId?: string | null;
  readonly newSupplier?: {
    readonly name: string;
    readonly vatNumber?: string | null;
    readonly email?: string | null;
  } | null;
  readonly eventId?: string | null;
  readonly budgetLineId?: string | null;
  readonly purchaseOrderNumber?: string | null;
  readonly fxRate?: { readonly rate: string; readonly date: string; readonly source: string } | null;
  readonly supplierDocumentLocale?: string | null;
}

/** The workflow's review message from the API's input: only what the reviewer gave, trimmed. */
export function toReviewCompletion(
  caller: Pick<ApprovalCallerArgs, 'userId' | 'roles'>,
  input: ReviewInput,
): ReviewCompletion {
  const corrections = Object.fromEntries(
    Object.entries(input.corrections ?? {}).filter(([, value]) => value !== null && value !== undefined),
  ) as InvoiceCorrections;
  const { newSupplier, fxRate } = input;
  const purchaseOrderNumber = input.purchaseOrderNumber?.trim();
  return {
    userId: caller.userId,
    roles: caller.roles,
    decision: input.decision,
    ...(input.comment?.trim() ? { comment: input.comment.trim() } : {}),
    ...(Object.keys(corrections).length > 0 ? { corrections } : {}),
    ...(input.supplierId ? { supplierId: input.supplierId } : {}),
    ...(newSupplier
      ? {
          newSupplier: {
            name: newSupplier.name.trim(),
            ...(newSupplier.vatNumber?.trim() ? { vatNumber: newSupplier.vatNumber.trim() } : {}),
            ...(newSupplier.email?.trim() ? { email: newSupplier.email.trim() } : {}),
          },
        }
      : {}),
    ...(input.eventId ? { eventId: input.eventId } : {}),
    ...(input.budgetLineId ? { budgetLineId: input.budgetLineId } : {}),
    ...(purchaseOrderNumber ? { purchaseOrderNumber } : {}),
    ...(fxRate ? { fxRate: { rate: fxRate.rate, date: fxRate.date, source: fxRate.source.trim() } } : {}),
    ...(input.supplierDocumentLocale
      ? { supplierHints: { documentLocale: input.supplierDocumentLocale } }
      : {}),
  };
}

/** Which typed error a refusal of the approval workflow is, from its message and the task row's status. */
export function classifyRefusal(
  message: string,
  taskStatus: InboxTask['status'],
): 'STEP_UP_REQUIRED' | 'CONFLICT' | 'FORBIDDEN' | 'VALIDATION' {
  if (stepUpRefusal.test(message)) return 'STEP_UP_REQUIRED';
  if (taskStatus !== 'open' || closedRefusal.test(message)) return 'CONFLICT';
  if (notYoursRefusal.test(message) || /Only finance/.test(message)) return 'FORBIDDEN';
  return 'VALIDATION';
}

function failureOf(error: unknown): { message: string; type: string | null } | null {
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure) return { message: cause.message, type: cause.type ?? null };
  return { message: cause?.message ?? error.message, type: null };
}

/**
 * Task actions: each sends the Update of the workflow the task belongs to, as the caller, and returns the workflow's
 * answer. The workflow's validators decide who may act; their refusals become typed errors here.
 */
@Injectable()
export class TaskActions {
  constructor(
    private readonly inbox: TaskInbox,
    private readonly workflows: WorkflowClient,
    private readonly stepUp: StepUpPolicy,
    private readonly database: DatabaseClient,
  ) {}

  /** The task in the caller's organisation (whoever holds it: the workflow judges), and the caller as it knows them. */
  private async taskFor(principal: Principal, taskId: string) {
    requireUuid(taskId, 'taskId');
    const { caller, inbox } = await this.inbox.callerOf(principal);
    const task = await inbox.byId(taskId);
    if (!task) {
      throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no task ${taskId}`, {
        field: 'taskId',
      });
    }
    if (!task.workflowId) {
      // Imported rows (and the demo seed's) have no approval run to send the decision to.
      throw new ApiError(
        ApiErrorCode.CONFLICT,
        'This task was recorded without a running approval (imported or demo data), so it cannot be decided here',
        { field: 'taskId' },
      );
    }
    if (caller.userId === null) {
      throw new ApiError(ApiErrorCode.FORBIDDEN, 'You have no user in your organisation, so no tasks');
    }
    const args: ApprovalCallerArgs = {
      userId: caller.userId,
      roles: [...principal.roles],
      acr: principal.acr ?? '0',
      authTime: new Date((principal.authTime ?? 0) * 1000).toISOString(),
    };
    return { task, inbox, args, workflowId: task.workflowId, organisationId: caller.organisationId };
  }

  /** An Update of an approval run, within the deadline, sent again while its level is still being opened. */
  private sendToLevel<T>(update: () => Promise<T>): Promise<T> {
    return retryWhileLevelOpens(
      () => this.workflows.withDeadline(UPDATE_DEADLINE_MS, update),
      (error) => failureOf(error)?.message ?? null,
      { timeoutMs: LEVEL_OPENING_WAIT_MS, pollMs: 50 },
    );
  }

  private refusal(error: unknown, task: InboxTask): never {
    if (error instanceof WorkflowNotFoundError) {
      throw new ApiError(ApiErrorCode.CONFLICT, 'This task is closed: its workflow has finished', {
        taskId: task.id,
        status: task.status,
      });
    }
    const failure = failureOf(error);
    if (failure === null) rethrowDependencyDown(error, 'The workflow service');
    const { message } = failure;
    switch (classifyRefusal(message, task.status)) {
      case 'STEP_UP_REQUIRED':
        // Not the workflow's own reason ("acr is 1, 2 is required"): that is not for approvers.
        throw new StepUpRequiredError(
          'This amount needs a recent sign-in with your one-time code: confirm it is you, then decide again',
          MFA_ACR,
          this.stepUp.maxAgeMinutes * 60,
        );
      case 'CONFLICT':
        if (isLevelOpeningRefusal(message)) {
          throw new ApiError(ApiErrorCode.CONFLICT, `This task cannot be decided yet: ${message}`, {
            taskId: task.id,
            status: task.status,
          });
        }
        throw new ApiError(ApiErrorCode.CONFLICT, `This task is already closed: ${message}`, {
          taskId: task.id,
          status: task.status,
        });
      case 'FORBIDDEN':
        throw new ApiError(ApiErrorCode.FORBIDDEN, `You may not act on this task: ${message}`, {
          taskId: task.id,
        });
      default:
        throw new ApiError(ApiErrorCode.VALIDATION, message, { taskId: task.id });
    }
  }

  async decide(
    principal: Principal,
    kind: DecisionKind,
    taskId: string,
    comment: string | null | undefined,
  ): Promise<TaskDecisionResultModel> {
    if (kind === 'request-changes' && !comment?.trim()) {
      throw new ApiError(ApiErrorCode.VALIDATION, 'Say what should change: a comment is required', {
        field: 'comment',
      });
    }
    if (comment && comment.length > 4000) {
      throw new ApiError(ApiErrorCode.VALIDATION, 'A comment is at most 4000 characters', {
        field: 'comment',
      });
    }
    const { task, inbox, args, workflowId, organisationId } = await this.taskFor(principal, taskId);
    if (task.approvalLevel === null) {
      throw new ApiError(ApiErrorCode.VALIDATION, `Task ${taskId} is a ${task.kind}, not an approval`, {
        field: 'taskId',
      });
    }
    const handle = await this.workflows.handle(workflowId);
    const record = await this.sendToLevel(() =>
      handle.executeUpdate(decisionUpdates[kind], {
        args: [{ ...args, comment: comment?.trim() || null }],
      }),
    ).catch((error: unknown) => this.refusal(error, task));
    const after = (await inbox.byId(task.id)) ?? task;
    const [decision] = await decisionModels(this.database.db, organisationId, [record]);
    return { decision: decision!, task: toTaskModel(after) };
  }

  async delegate(
    principal: Principal,
    taskId: string,
    to: string,
    comment: string | null | undefined,
  ): Promise<TaskDelegationResultModel> {
    requireUuid(to, 'to');
    const { task, args, workflowId } = await this.taskFor(principal, taskId);
    if (task.approvalLevel === null) {
      throw new ApiError(
        ApiErrorCode.VALIDATION,
        `Task ${taskId} is a ${task.kind}; only approvals are delegated`,
        {
          field: 'taskId',
        },
      );
    }
    const handle = await this.workflows.handle(workflowId);
    const result = await this.sendToLevel(() =>
      handle.executeUpdate(delegateUpdate, { args: [{ ...args, to, comment: comment?.trim() || null }] }),
    ).catch((error: unknown) => {
      const failure = failureOf(error);
      if (failure?.type === 'DelegateNotInOrganisation') {
        throw new ApiError(ApiErrorCode.VALIDATION, failure.message, { field: 'to' });
      }
      if (
        failure &&
        /already approves at level|delegated to its own holder|delegated to the submitter/.test(
          failure.message,
        )
      ) {
        throw new ApiError(ApiErrorCode.VALIDATION, failure.message, { field: 'to' });
      }
      return this.refusal(error, task);
    });
    return { ...result };
  }

  async completeReview(
    principal: Principal,
    taskId: string,
    input: ReviewInput,
  ): Promise<InvoiceReviewResultModel> {
    if (input.decision === 'reject' && !input.comment?.trim()) {
      throw new ApiError(ApiErrorCode.VALIDATION, 'Say why the document is rejected: a comment is required', {
        field: 'comment',
      });
    }
    const { task, args, workflowId, organisationId, inbox } = await this.taskFor(principal, taskId);
    if (task.kind !== 'invoice_review') {
      throw new ApiError(ApiErrorCode.VALIDATION, `Task ${taskId} is a ${task.kind}, not an invoice review`, {
        field: 'taskId',
      });
    }
    if (task.status !== 'open') {
      throw new ApiError(ApiErrorCode.CONFLICT, 'This review is already closed', {
        taskId: task.id,
        status: task.status,
      });
    }
    if (input.decision === 'accept') {
      await checkReviewChoices(this.database.db, organisationId, input, task.eventId);
    }
    const review = toReviewCompletion(args, input);
    const opening = await waitForOpenReview(
      task.id,
      {
        state: () => this.inbox.intakeState(task),
        taskStatus: async () => (await inbox.byId(task.id))?.status ?? null,
      },
      { timeoutMs: REVIEW_OPENING_WAIT_MS, pollMs: 200 },
    );
    if (opening === 'moved-on') {
      throw new ApiError(ApiErrorCode.CONFLICT, 'This review is already closed', { taskId: task.id });
    }
    const handle = await this.workflows.handle(workflowId);
    const state = await this.workflows
      .withDeadline(UPDATE_DEADLINE_MS, () =>
        handle.executeUpdate(completeInvoiceReviewUpdate, { args: [review] }),
      )
      .catch((error: unknown) => {
        const failure = failureOf(error);
        if (failure && /no open review/.test(failure.message)) {
          throw new ApiError(ApiErrorCode.CONFLICT, `This review is already closed: ${failure.message}`, {
            taskId: task.id,
          });
        }
        return this.refusal(error, task);
      });
    return { intakeStatus: state.status, workflowId };
  }
}

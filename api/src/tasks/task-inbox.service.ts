import { Injectable } from '@nestjs/common';
import {
  ApprovalDecisionRepository,
  BudgetVsActualRepository,
  type Database,
  DirectoryRepository,
  type InboxTask,
  costRate,
  invoiceCost,
  InvoiceIntakeRepository,
  type InboxViewer,
  LikelyDuplicatesRepository,
  TaskInboxRepository,
  type TaskInboxCursor,
  type TaskSubjectDetail,
} from '@eventvault/activities';
import { type ApprovalDecisionRecord, Money } from '@eventvault/domain';
import { invoiceIntakeStateQuery, type InvoiceIntakeState } from '@eventvault/workflows';
import { type Principal } from '../auth/principal';
import { DatabaseClient } from '../clients/database-client';
import { CallerDirectory, type ResolvedCaller } from '../directory/caller-directory';
import { DocumentLinks } from '../documents/document-links';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { MoneyModel } from '../graphql/money.model';
import { decodeCursor, encodeCursor, type PageOf } from '../graphql/pagination';
import {
  checkPageSize,
  type MyTasksArgs,
  requireUuid,
  toInboxFilter,
  toInboxSort,
  type TaskFilterInput,
} from './task-inbox.args';
import { assessmentOf, extractedFieldsOf, reviewReasonsOf } from './intake-views';
import { type DuplicateMatch, type LikelyDuplicateInvoiceModel } from './invoice-review.model';
import {
  type TaskBudgetLineModel,
  type TaskCountsModel,
  type TaskDecisionModel,
  type TaskDetailModel,
  type TaskModel,
  TaskStatus,
} from './task.model';
import { WorkflowClient } from '../clients/workflow-client';

/** How long a task's detail waits for the intake workflow's state query (a worker must be polling). */
const STATE_QUERY_DEADLINE_MS = 3_000;

/** The approval run an intake started for its Nth round: `${intake}-approval-${N}` (see the intake workflow). */
const approvalRunOfIntake = /^(.+)-approval-\d+$/;

export function toTaskModel(task: InboxTask): TaskModel {
  return {
    ...task,
    status: task.status as TaskStatus,
    candidateRoles: [...task.candidateRoles],
    decidable: task.workflowId !== null,
    amount:
      task.amount !== null && task.currency !== null
        ? MoneyModel.fromJson({ amount: task.amount, currency: task.currency })
        : null,
  };
}

export function toDecisionModel(
  record: ApprovalDecisionRecord,
  names: ReadonlyMap<string, string> = new Map(),
): TaskDecisionModel {
  return {
    level: record.level,
    decision: record.decision,
    decidedBy: record.decidedBy,
    decidedByName: names.get(record.decidedBy) ?? null,
    onBehalfOf: record.onBehalfOf,
    onBehalfOfName: record.onBehalfOf === null ? null : (names.get(record.onBehalfOf) ?? null),
    comment: record.comment,
    decidedAt: new Date(record.decidedAt),
  };
}

/** Decisions as the API shows them, with the display names of who decided and for whom. */
export async function decisionModels(
  db: Database,
  organisationId: string,
  records: readonly ApprovalDecisionRecord[],
): Promise<TaskDecisionModel[]> {
  const names = await new DirectoryRepository(db, organisationId).displayNames(
    records.flatMap((record) => [
      record.decidedBy,
      ...(record.onBehalfOf === null ? [] : [record.onBehalfOf]),
    ]),
  );
  return records.map((record) => toDecisionModel(record, names));
}

/** The caller in the inbox's terms: organisation, and who they are (user row and roles). */
export interface InboxCaller {
  readonly caller: ResolvedCaller;
  readonly viewer: InboxViewer;
  readonly inbox: TaskInboxRepository;
}

/** The task inbox: the caller's tasks, their counts, and one task in detail; all within the caller's organisation. */
@Injectable()
export class TaskInbox {
  constructor(
    private readonly callers: CallerDirectory,
    private readonly database: DatabaseClient,
    private readonly links: DocumentLinks,
    private readonly workflows: WorkflowClient,
  ) {}

  async callerOf(principal: Principal): Promise<InboxCaller> {
    const caller = await this.callers.resolve(principal);
    return {
      caller,
      viewer: { userId: caller.userId, roles: [...principal.roles] },
      inbox: new TaskInboxRepository(this.database.db, caller.organisationId),
    };
  }

  async myTasks(principal: Principal, args: MyTasksArgs): Promise<PageOf<TaskModel>> {
    checkPageSize(args.first);
    const filter = toInboxFilter(args.filter, args.search);
    const sort = toInboxSort(args.sort) ?? { field: 'created', direction: 'desc' };
    let after: TaskInboxCursor | null = null;
    if (args.after) {
      const [field, key, id] = decodeCursor(args.after);
      if (field !== sort.field || typeof key !== 'string' || typeof id !== 'string') {
        throw new ApiError(ApiErrorCode.VALIDATION, 'The cursor belongs to another sort order', {
          field: 'after',
        });
      }
      after = [key, requireUuid(id, 'after')];
    }
    const { viewer, inbox } = await this.callerOf(principal);
    const page = await inbox.page(viewer, { filter, sort, first: args.first, after });
    return {
      items: page.items.map(toTaskModel),
      nextCursor: page.next ? encodeCursor([sort.field, ...page.next]) : null,
      totalCount: page.totalCount,
    };
  }

  async counts(principal: Principal, filter?: TaskFilterInput | null): Promise<TaskCountsModel> {
    const { viewer, inbox } = await this.callerOf(principal);
    const byKind = await inbox.counts(viewer, toInboxFilter(filter, null));
    return { total: byKind.reduce((sum, kind) => sum + kind.count, 0), byKind };
  }

  /** A task the caller can see; NOT_FOUND for anything else (another organisation's id included). */
  async visibleTask(principal: Principal, taskId: string): Promise<{ task: InboxTask } & InboxCaller> {
    requireUuid(taskId, 'id');
    const context = await this.callerOf(principal);
    const task = await context.inbox.find(context.viewer, taskId);
    if (!task) throw new ApiError(ApiErrorCode.NOT_FOUND, `You have no task ${taskId}`, { field: 'id' });
    return { ...context, task };
  }

  async detail(principal: Principal, taskId: string): Promise<TaskDetailModel> {
    const { task, inbox, caller } = await this.visibleTask(principal, taskId);
    const [subject, state] = await Promise.all([inbox.subjectOf(task), this.intakeState(task)]);
    const ownKey = (key: string | null) =>
      key !== null && key.startsWith(`organisations/${caller.organisationId}/`) ? key : null;
    const previewKey = ownKey(subject.objectKey);
    const thumbnailKey = ownKey(subject.thumbnailKey);
    const [documentPreview, thumbnail, budgetLine, decisions, likelyDuplicates] = await Promise.all([
      previewKey
        ? this.links.link(previewKey, {
            inline: true,
            ...(subject.contentType ? { contentType: subject.contentType } : {}),
          })
        : null,
      thumbnailKey ? this.links.link(thumbnailKey, { inline: true, contentType: 'image/webp' }) : null,
      this.budgetLine(caller.organisationId, task, subject, state),
      this.decisions(caller.organisationId, task),
      this.likelyDuplicates(caller.organisationId, task, subject, state, ownKey),
    ]);
    return {
      task: toTaskModel(task),
      invoiceId: subject.invoiceId,
      invoiceNumber: subject.invoiceNumber,
      documentPreview,
      thumbnail,
      extracted: state ? extractedFieldsOf(state) : null,
      budgetLine,
      decisions,
      reviewReasons: state ? reviewReasonsOf(state) : [],
      assessment: state ? assessmentOf(state) : null,
      likelyDuplicates,
    };
  }

  private intakeWorkflowId(task: InboxTask): string | null {
    if (!task.workflowId) return null;
    if (task.kind === 'invoice_review') return task.workflowId;
    return approvalRunOfIntake.exec(task.workflowId)?.[1] ?? null;
  }

  /** The intake workflow's state; null when the task has none or it did not answer in time. */
  async intakeState(task: InboxTask): Promise<InvoiceIntakeState | null> {
    const workflowId = this.intakeWorkflowId(task);
    if (workflowId === null) return null;
    try {
      const handle = await this.workflows.handle(workflowId);
      return await this.workflows.withDeadline(STATE_QUERY_DEADLINE_MS, () =>
        handle.query(invoiceIntakeStateQuery),
      );
    } catch {
      // The detail is still useful without the extraction: the workflow may have ended or no worker answers.
      return null;
    }
  }

  /**
   * Earlier invoices the duplicate checks match. The workflow knows the corrected number and the matched supplier;
   * without it, the task's own invoice and supplier stand in.
   */
  private async likelyDuplicates(
    organisationId: string,
    task: InboxTask,
    subject: TaskSubjectDetail,
    state: InvoiceIntakeState | null,
    ownKey: (key: string | null) => string | null,
  ): Promise<LikelyDuplicateInvoiceModel[]> {
    if (subject.documentId === null && subject.invoiceId === null) return [];
    const duplicates = await new LikelyDuplicatesRepository(this.database.db, organisationId).find({
      documentId: state?.documentId ?? subject.documentId,
      sha256: state?.document.sha256 ?? null,
      invoiceId: state?.invoiceId ?? subject.invoiceId,
      supplierId: state?.assessment?.supplier?.id ?? task.supplierId,
      invoiceNumber: state?.assessment?.draft.invoiceNumber ?? subject.invoiceNumber,
    });
    return Promise.all(
      duplicates.map(async (duplicate) => {
        const document = duplicate.document;
        const money = (amount: string) => MoneyModel.fromJson({ amount, currency: duplicate.currency });
        return {
          invoiceId: duplicate.invoiceId,
          number: duplicate.number,
          supplierId: duplicate.supplierId,
          supplierName: duplicate.supplierName,
          issueDate: duplicate.invoiceDate,
          dueDate: duplicate.dueDate,
          net: money(duplicate.netAmount),
          vat: money(duplicate.vatAmount),
          gross: money(duplicate.grossAmount),
          status: duplicate.status,
          receivedAt: duplicate.receivedAt,
          matchedBy: duplicate.matchedBy.map((match) => match as DuplicateMatch),
          documentPreview:
            document && ownKey(document.objectKey)
              ? await this.links.link(document.objectKey, { inline: true, contentType: document.contentType })
              : null,
        };
      }),
    );
  }

  private async budgetLine(
    organisationId: string,
    task: InboxTask,
    subject: TaskSubjectDetail,
    state: InvoiceIntakeState | null,
  ): Promise<TaskBudgetLineModel | null> {
    if (!subject.budgetLineId || !task.eventId) return null;
    const lines = await new BudgetVsActualRepository(this.database.db, organisationId).linesForEvent(
      task.eventId,
    );
    const line = lines.find((candidate) => candidate.budgetLineId === subject.budgetLineId);
    if (!line) return null;
    const remaining = Money.of(line.remaining, line.currency);
    const alreadyPosted = subject.invoiceStatus === 'posted' || subject.invoiceStatus === 'paid';
    // What posting will put on the line (invoiceCost, the rule posting applies): the net when the VAT is claimed; for
    // a foreign-currency invoice, all it owes at the rate its intake found, which only the intake's state names.
    const foreign = subject.invoiceCurrency !== null && subject.invoiceCurrency !== subject.baseCurrency;
    const rateId = foreign ? (state?.assessment?.fxRateId ?? null) : null;
    const rate =
      rateId === null
        ? null
        : await new InvoiceIntakeRepository(this.database.db, organisationId).fxRateById(rateId);
    const invoice =
      !alreadyPosted &&
      subject.netAmount &&
      subject.vatAmount &&
      subject.invoiceCurrency !== null &&
      line.currency === subject.baseCurrency &&
      (!foreign || rate !== null)
        ? invoiceCost(
            {
              number: subject.invoiceNumber ?? '',
              currency: subject.invoiceCurrency,
              net: subject.netAmount,
              vat: subject.vatAmount,
            },
            {
              baseCurrency: subject.baseCurrency,
              vatRegistered: subject.vatRegistered,
              rate: rate && costRate(rate),
            },
          ).onBudgetLine
        : Money.zero(line.currency);
    return {
      budgetLineId: line.budgetLineId,
      code: line.code,
      description: line.description,
      budget: MoneyModel.of(Money.of(line.budget, line.currency)),
      actual: MoneyModel.of(Money.of(line.actual, line.currency)),
      costOnLine: MoneyModel.of(invoice),
      remainingAfterInvoice: MoneyModel.of(remaining.subtract(invoice)),
    };
  }

  private async decisions(organisationId: string, task: InboxTask): Promise<TaskDecisionModel[]> {
    if (!task.workflowId || task.approvalLevel === null) return [];
    const records = await new ApprovalDecisionRepository(this.database.db, organisationId).ofWorkflow(
      task.workflowId,
    );
    return decisionModels(this.database.db, organisationId, records);
  }
}

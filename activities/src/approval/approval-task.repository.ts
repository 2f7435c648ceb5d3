import type { AssignmentReason } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';

/** One approver's task at one level of one approval run, as inboxes read it. */
export interface ApprovalTask {
  readonly taskId: string;
  readonly level: number;
  readonly approverId: string;
  readonly assigneeId: string;
  readonly reason: AssignmentReason;
  readonly status: 'open' | 'done' | 'cancelled';
}

export interface NewApprovalTask {
  readonly approverId: string;
  readonly assigneeId: string;
  readonly reason: AssignmentReason;
}

export interface ApprovalTaskContext {
  readonly workflowId: string;
  readonly level: number;
  readonly kind: string;
  readonly title: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly eventId: string | null;
  readonly amount: string;
  readonly currency: string;
  readonly dueAt: Date;
}

function toApprovalTask(row: {
  id: string;
  approvalLevel: number | null;
  approverId: string | null;
  assigneeId: string | null;
  assignmentReason: string | null;
  status: string;
}): ApprovalTask {
  return {
    taskId: row.id,
    level: row.approvalLevel ?? 0,
    approverId: row.approverId ?? '',
    assigneeId: row.assigneeId ?? '',
    reason: row.assignmentReason as AssignmentReason,
    status: row.status as ApprovalTask['status'],
  };
}

/**
 * Approval task rows of one organisation. A row is keyed by (workflow, level, approver), so creating the tasks of a
 * level again (an activity retried) creates nothing new.
 */
export class ApprovalTaskRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  /** Creates the missing tasks; returns how many were new. */
  async createMissing(context: ApprovalTaskContext, tasks: readonly NewApprovalTask[]): Promise<number> {
    const { count } = await this.db.task.createMany({
      data: tasks.map((task) => ({
        organisationId: this.organisationId,
        kind: context.kind,
        title: context.title,
        subjectType: context.subjectType,
        subjectId: context.subjectId,
        eventId: context.eventId,
        workflowId: context.workflowId,
        approvalLevel: context.level,
        approverId: task.approverId,
        assigneeId: task.assigneeId,
        assignmentReason: task.reason,
        amount: context.amount,
        currency: context.currency,
        dueAt: context.dueAt,
      })),
      skipDuplicates: true,
    });
    return count;
  }

  async ofLevel(workflowId: string, level: number): Promise<ApprovalTask[]> {
    const rows = await this.db.task.findMany({
      where: { organisationId: this.organisationId, workflowId, approvalLevel: level },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toApprovalTask);
  }

  async ofWorkflow(workflowId: string): Promise<ApprovalTask[]> {
    const rows = await this.db.task.findMany({
      where: { organisationId: this.organisationId, workflowId },
      orderBy: [{ approvalLevel: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toApprovalTask);
  }

  /** Marks the decider's open tasks at a level done. */
  async complete(
    workflowId: string,
    level: number,
    approverIds: readonly string[],
    at: Date,
  ): Promise<number> {
    const { count } = await this.db.task.updateMany({
      where: {
        organisationId: this.organisationId,
        workflowId,
        approvalLevel: level,
        approverId: { in: [...approverIds] },
        status: 'open',
      },
      data: { status: 'done', completedAt: at },
    });
    return count;
  }

  /** Cancels what is still open at a level once the level is decided. */
  async cancelOpen(workflowId: string, level: number, at: Date): Promise<number> {
    const { count } = await this.db.task.updateMany({
      where: { organisationId: this.organisationId, workflowId, approvalLevel: level, status: 'open' },
      data: { status: 'cancelled', completedAt: at },
    });
    return count;
  }

  /** Hands an open task to another user; false when it is not open or not held by `from`. */
  async reassign(
    workflowId: string,
    level: number,
    approverId: string,
    from: string,
    to: string,
  ): Promise<boolean> {
    const { count } = await this.db.task.updateMany({
      where: {
        organisationId: this.organisationId,
        workflowId,
        approvalLevel: level,
        approverId,
        assigneeId: from,
        status: 'open',
      },
      data: { assigneeId: to, assignmentReason: 'delegated' },
    });
    return count === 1;
  }

  /** Stamps the reminder on open tasks not reminded yet; returns their assignees. */
  async markReminded(workflowId: string, level: number, at: Date): Promise<string[]> {
    const rows = await this.db.task.updateManyAndReturn({
      where: {
        organisationId: this.organisationId,
        workflowId,
        approvalLevel: level,
        status: 'open',
        remindedAt: null,
      },
      data: { remindedAt: at },
      select: { assigneeId: true },
    });
    return rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : []));
  }
}

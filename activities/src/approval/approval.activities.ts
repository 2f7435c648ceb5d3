import { ApplicationFailure } from '@temporalio/activity';
import {
  addBusinessDays,
  type ApprovalChainLevel,
  type ApprovalDecisionKind,
  type ApprovalDecisionRecord,
  ApprovalPolicyError,
  type ApprovalRequest,
  type ApproverSource,
  assignApprovers,
  buildApprovalChain,
  directoryQuestions,
  eligibleApprovers,
  requiresStepUp,
  southAfricanBusinessCalendar,
} from '@eventvault/domain';
import type { Database, DatabaseSession } from '../database/client';
import { Prisma } from '../generated/prisma/client';
import { AuditLogRepository } from '../ledger/audit-log.repository';
import { ApprovalDecisionRepository } from './approval-decision.repository';
import { ApprovalPolicyRepository } from './approval-policy.repository';
import { type ApprovalTask, ApprovalTaskRepository } from './approval-task.repository';
import { ApproverAbsenceRepository } from './approver-absence.repository';
import { ApproverDirectoryRepository } from './approver-directory.repository';

export interface ApprovalActivityDependencies {
  readonly db: Database;
}

/** What the workflow needs of the policy, with the chain resolved for its subject. */
export interface ResolvedApproval {
  readonly levels: readonly ApprovalChainLevel[];
  readonly timeZone: string;
  readonly reminderAfterBusinessDays: number;
  readonly escalateAfterBusinessDays: number;
  readonly escalation: ApproverSource;
  /** Null when decisions on this subject need no step-up; otherwise how fresh the step-up login must be. */
  readonly stepUpMaxAuthAgeMinutes: number | null;
}

export interface OpenLevelInput {
  readonly request: ApprovalRequest;
  readonly workflowId: string;
  readonly level: ApprovalChainLevel;
  /** Workflow time the level opened (ISO): absences and deadlines are taken at this instant. */
  readonly openedAt: string;
  readonly timeZone: string;
  readonly reminderAfterBusinessDays: number;
  readonly escalateAfterBusinessDays: number;
}

export interface OpenedLevel {
  readonly tasks: readonly ApprovalTask[];
  /** ISO instants of the level's reminder and escalation, counted in business days from `openedAt`. */
  readonly remindAt: string;
  readonly escalateAt: string;
}

export interface RecordDecisionInput {
  readonly request: ApprovalRequest;
  readonly workflowId: string;
  readonly level: number;
  readonly decision: ApprovalDecisionKind;
  readonly decidedBy: string;
  /** The approvers whose tasks this decision completes (the decider's own and those they hold for others). */
  readonly approverIds: readonly string[];
  readonly onBehalfOf: string | null;
  readonly comment: string | null;
  readonly decidedAt: string;
  readonly caller: { readonly roles: readonly string[]; readonly acr: string; readonly authTime: string };
}

export interface DelegateInput {
  readonly request: ApprovalRequest;
  readonly workflowId: string;
  readonly level: number;
  readonly approverId: string;
  readonly from: string;
  readonly to: string;
  readonly comment: string | null;
}

export interface EscalateInput {
  readonly request: ApprovalRequest;
  readonly workflowId: string;
  readonly level: number;
  readonly source: ApproverSource;
  readonly at: string;
  readonly dueAt: string;
}

const auditSubject = (request: ApprovalRequest) => ({
  subjectType: request.subject.type,
  subjectId: request.subject.id,
});

function taskContext(request: ApprovalRequest, workflowId: string, level: number, dueAt: Date) {
  return {
    workflowId,
    level,
    kind: `${request.subject.type}_approval`,
    title: request.title,
    subjectType: request.subject.type,
    subjectId: request.subject.id,
    eventId: request.eventId,
    amount: request.amount.amount,
    currency: request.amount.currency,
    dueAt,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * The approval's side effects. Each is idempotent: rows are keyed (task per workflow, level and approver; decision per
 * workflow, level and person), and the audit entry is written in the same transaction as the row it reports, only
 * when that row is new, so a retried activity neither duplicates a row nor audits twice.
 */
export function createApprovalActivities({ db }: ApprovalActivityDependencies) {
  const inTransaction = <T>(work: (tx: DatabaseSession) => Promise<T>) => db.$transaction((tx) => work(tx));

  return {
    async resolveApprovalChain(request: ApprovalRequest): Promise<ResolvedApproval> {
      const { policy } = await new ApprovalPolicyRepository(db, request.organisationId).current();
      const questions = directoryQuestions(policy);
      const directory = await new ApproverDirectoryRepository(db, request.organisationId).snapshot({
        budgetLineId: request.budgetLineId,
        eventId: request.eventId,
        ...questions,
      });
      try {
        const levels = buildApprovalChain(policy, request, directory);
        return {
          levels,
          timeZone: policy.timeZone,
          reminderAfterBusinessDays: policy.reminderAfterBusinessDays,
          escalateAfterBusinessDays: policy.escalateAfterBusinessDays,
          escalation: policy.escalation,
          stepUpMaxAuthAgeMinutes: requiresStepUp(request.amountInBaseCurrency, policy)
            ? policy.stepUp.maxAuthAgeMinutes
            : null,
        };
      } catch (error) {
        // Retried (slowly) on purpose: once someone fixes the policy or assigns a role, the approval carries on.
        if (error instanceof ApprovalPolicyError) {
          throw ApplicationFailure.retryable(error.message, 'ApprovalPolicyError');
        }
        throw error;
      }
    },

    async openApprovalLevel(input: OpenLevelInput): Promise<OpenedLevel> {
      const { request, level } = input;
      const organisationId = request.organisationId;
      const calendar = southAfricanBusinessCalendar(input.timeZone);
      const openedAt = Date.parse(input.openedAt);
      const remindAt = new Date(addBusinessDays(openedAt, input.reminderAfterBusinessDays, calendar));
      const escalateAt = new Date(addBusinessDays(openedAt, input.escalateAfterBusinessDays, calendar));
      const tasks = await inTransaction(async (tx) => {
        const absences = await new ApproverAbsenceRepository(tx, organisationId).coveringInstant(
          new Date(openedAt),
        );
        const assignments = assignApprovers(
          level.approvers.map((approver) => approver.userId),
          absences,
          input.openedAt,
          request.submittedBy,
        ).map((assignment, index) => ({
          ...assignment,
          reason:
            assignment.reason === 'assigned' && level.approvers[index]?.origin === 'fallback'
              ? ('fallback' as const)
              : assignment.reason,
        }));
        const repository = new ApprovalTaskRepository(tx, organisationId);
        const created = await repository.createMissing(
          taskContext(request, input.workflowId, level.level, remindAt),
          assignments,
        );
        if (created > 0) {
          await new AuditLogRepository(tx, organisationId).append({
            action: 'approval.level_opened',
            ...auditSubject(request),
            payload: {
              workflowId: input.workflowId,
              level: level.level,
              name: level.name,
              mode: level.mode,
              fallbackUsed: level.fallbackUsed,
              assignments: assignments.map((a) => ({ ...a })),
            },
          });
        }
        return repository.ofLevel(input.workflowId, level.level);
      });
      return { tasks, remindAt: remindAt.toISOString(), escalateAt: escalateAt.toISOString() };
    },

    async recordApprovalDecision(input: RecordDecisionInput): Promise<ApprovalDecisionRecord> {
      const organisationId = input.request.organisationId;
      const decisions = new ApprovalDecisionRepository(db, organisationId);
      const write = () =>
        inTransaction(async (tx) => {
          const repository = new ApprovalDecisionRepository(tx, organisationId);
          const existing = await repository.find(input.workflowId, input.level, input.decidedBy);
          if (existing) return existing;
          const tasks = await new ApprovalTaskRepository(tx, organisationId).ofLevel(
            input.workflowId,
            input.level,
          );
          const ownTask =
            tasks.find(
              (task) => task.assigneeId === input.decidedBy && input.approverIds.includes(task.approverId),
            ) ?? tasks.find((task) => input.approverIds.includes(task.approverId));
          const decidedAt = new Date(input.decidedAt);
          const record = await repository.create({
            workflowId: input.workflowId,
            level: input.level,
            taskId: ownTask?.taskId ?? null,
            subjectType: input.request.subject.type,
            subjectId: input.request.subject.id,
            decision: input.decision,
            decidedBy: input.decidedBy,
            onBehalfOf: input.onBehalfOf,
            comment: input.comment,
            decidedAt,
          });
          await new ApprovalTaskRepository(tx, organisationId).complete(
            input.workflowId,
            input.level,
            input.approverIds,
            decidedAt,
          );
          await new AuditLogRepository(tx, organisationId).append({
            actorId: input.decidedBy,
            action: `approval.${input.decision}`,
            ...auditSubject(input.request),
            payload: {
              workflowId: input.workflowId,
              level: input.level,
              onBehalfOf: input.onBehalfOf,
              comment: input.comment,
              acr: input.caller.acr,
              authTime: input.caller.authTime,
              roles: [...input.caller.roles],
            },
          });
          return record;
        });
      try {
        return await write();
      } catch (error) {
        // A concurrent attempt recorded the same decision first: answer with it.
        if (!isUniqueViolation(error)) throw error;
        const existing = await decisions.find(input.workflowId, input.level, input.decidedBy);
        if (!existing) throw error;
        return existing;
      }
    },

    async closeApprovalLevel(input: {
      organisationId: string;
      workflowId: string;
      level: number;
      closedAt: string;
    }) {
      return new ApprovalTaskRepository(db, input.organisationId).cancelOpen(
        input.workflowId,
        input.level,
        new Date(input.closedAt),
      );
    },

    async delegateApprovalTask(input: DelegateInput): Promise<ApprovalTask> {
      const organisationId = input.request.organisationId;
      if (!(await new ApproverDirectoryRepository(db, organisationId).isUser(input.to))) {
        throw ApplicationFailure.nonRetryable(
          `user ${input.to} is not a user of this organisation`,
          'DelegateNotInOrganisation',
        );
      }
      return inTransaction(async (tx) => {
        const tasks = new ApprovalTaskRepository(tx, organisationId);
        const moved = await tasks.reassign(
          input.workflowId,
          input.level,
          input.approverId,
          input.from,
          input.to,
        );
        if (moved) {
          await new AuditLogRepository(tx, organisationId).append({
            actorId: input.from,
            action: 'approval.delegated',
            ...auditSubject(input.request),
            payload: {
              workflowId: input.workflowId,
              level: input.level,
              approverId: input.approverId,
              from: input.from,
              to: input.to,
              comment: input.comment,
            },
          });
        }
        const task = (await tasks.ofLevel(input.workflowId, input.level)).find(
          (candidate) => candidate.approverId === input.approverId,
        );
        if (!task || task.assigneeId !== input.to) {
          throw ApplicationFailure.nonRetryable(
            `the level ${input.level} task of ${input.approverId} is no longer open with ${input.from}`,
            'TaskNotDelegable',
          );
        }
        return task;
      });
    },

    async remindApprovers(input: {
      request: ApprovalRequest;
      workflowId: string;
      level: number;
      at: string;
    }): Promise<string[]> {
      const organisationId = input.request.organisationId;
      return inTransaction(async (tx) => {
        const reminded = await new ApprovalTaskRepository(tx, organisationId).markReminded(
          input.workflowId,
          input.level,
          new Date(input.at),
        );
        if (reminded.length > 0) {
          await new AuditLogRepository(tx, organisationId).append({
            action: 'approval.reminder_sent',
            ...auditSubject(input.request),
            payload: { workflowId: input.workflowId, level: input.level, assignees: reminded },
          });
        }
        return reminded;
      });
    },

    /** Adds the escalation source's approvers to a level that has waited too long; returns the level's tasks. */
    async escalateApprovalLevel(input: EscalateInput): Promise<ApprovalTask[]> {
      const { request } = input;
      const organisationId = request.organisationId;
      const directory = await new ApproverDirectoryRepository(db, organisationId).snapshot({
        budgetLineId: request.budgetLineId,
        eventId: request.eventId,
        roles: input.source.kind === 'role' ? [input.source.role] : [],
        userIds: input.source.kind === 'users' ? input.source.userIds : [],
      });
      const candidates = eligibleApprovers([input.source], directory, request.submittedBy);
      return inTransaction(async (tx) => {
        const tasks = new ApprovalTaskRepository(tx, organisationId);
        const existing = new Set(
          (await tasks.ofLevel(input.workflowId, input.level)).map((task) => task.approverId),
        );
        const absences = await new ApproverAbsenceRepository(tx, organisationId).coveringInstant(
          new Date(input.at),
        );
        const assignments = assignApprovers(
          candidates.filter((id) => !existing.has(id)),
          absences,
          input.at,
          request.submittedBy,
          'escalated',
        );
        const created = await tasks.createMissing(
          taskContext(request, input.workflowId, input.level, new Date(input.dueAt)),
          assignments,
        );
        if (created > 0) {
          await new AuditLogRepository(tx, organisationId).append({
            action: 'approval.escalated',
            ...auditSubject(request),
            payload: {
              workflowId: input.workflowId,
              level: input.level,
              source: { ...input.source },
              added: assignments.map((a) => ({ ...a })),
            },
          });
        }
        return tasks.ofLevel(input.workflowId, input.level);
      });
    },
  };
}

export type ApprovalActivities = ReturnType<typeof createApprovalActivities>;

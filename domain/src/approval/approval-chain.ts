import { Money } from '../money';
import type { MoneyJson } from '../money';
import {
  ApprovalPolicyError,
  type ApprovalLevelMode,
  type ApprovalPolicy,
  type ApproverSource,
} from './approval-policy';

/** Who the organisation's directory says each source means, for one subject (read by an activity). */
export interface ApproverDirectory {
  readonly budgetLineOwners: readonly string[];
  readonly eventManagers: readonly string[];
  /** Role name -> ids of the users holding it. */
  readonly roleMembers: Readonly<Record<string, readonly string[]>>;
  /** The ids among the policy's named users that exist in the organisation. */
  readonly existingUsers: readonly string[];
}

/** How a person came to be an approver at a level. */
export type ApproverOrigin = 'policy' | 'fallback' | 'escalation';

export interface ChainApprover {
  readonly userId: string;
  readonly origin: ApproverOrigin;
}

export interface ApprovalChainLevel {
  /** 1-based. */
  readonly level: number;
  readonly name: string;
  readonly mode: ApprovalLevelMode;
  readonly approvers: readonly ChainApprover[];
  /** True when the level's own sources left nobody eligible and the policy's fallback approves instead. */
  readonly fallbackUsed: boolean;
}

export interface ChainSubject {
  readonly submittedBy: string | null;
  readonly amountInBaseCurrency: MoneyJson;
}

export function approversFrom(source: ApproverSource, directory: ApproverDirectory): string[] {
  switch (source.kind) {
    case 'budget-line-owner':
      return [...directory.budgetLineOwners];
    case 'event-manager':
      return [...directory.eventManagers];
    case 'role':
      return [...(directory.roleMembers[source.role] ?? [])];
    case 'users':
      return source.userIds.filter((id) => directory.existingUsers.includes(id));
  }
}

/** The user ids the directory must be asked about for a policy: roles and named users. */
export function directoryQuestions(policy: ApprovalPolicy): { roles: string[]; userIds: string[] } {
  const sources = [...policy.levels.flatMap((level) => level.approvers), policy.fallback, policy.escalation];
  const roles = new Set<string>();
  const userIds = new Set<string>();
  for (const source of sources) {
    if (source.kind === 'role') roles.add(source.role);
    if (source.kind === 'users') source.userIds.forEach((id) => userIds.add(id));
  }
  return { roles: [...roles].sort(), userIds: [...userIds].sort() };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** Eligible approvers of a source: never the submitter, each person once, in the directory's order. */
export function eligibleApprovers(
  sources: readonly ApproverSource[],
  directory: ApproverDirectory,
  submittedBy: string | null,
): string[] {
  return unique(sources.flatMap((source) => approversFrom(source, directory))).filter(
    (id) => id !== submittedBy,
  );
}

/**
 * The levels a subject must pass, in order. A level applies when the amount in base currency reaches its minimum.
 * The submitter never approves their own subject; a level left with nobody eligible falls back to the policy's
 * fallback source, and if even that has nobody the chain cannot be built (an error, never a skipped level).
 */
export function buildApprovalChain(
  policy: ApprovalPolicy,
  subject: ChainSubject,
  directory: ApproverDirectory,
): ApprovalChainLevel[] {
  if (subject.amountInBaseCurrency.currency !== policy.currency) {
    throw new ApprovalPolicyError(
      `the amount in base currency is in ${subject.amountInBaseCurrency.currency} but the policy is in ${policy.currency}`,
    );
  }
  const amount = Money.fromJSON(subject.amountInBaseCurrency);
  const levels: ApprovalChainLevel[] = [];
  for (const rule of policy.levels) {
    if (
      rule.minimumAmount !== undefined &&
      amount.compare(Money.of(rule.minimumAmount, policy.currency)) < 0
    ) {
      continue;
    }
    const level = levels.length + 1;
    const own = eligibleApprovers(rule.approvers, directory, subject.submittedBy);
    if (own.length > 0) {
      levels.push({
        level,
        name: rule.name,
        mode: rule.mode,
        approvers: own.map((userId) => ({ userId, origin: 'policy' })),
        fallbackUsed: false,
      });
      continue;
    }
    const fallback = eligibleApprovers([policy.fallback], directory, subject.submittedBy);
    if (fallback.length === 0) {
      throw new ApprovalPolicyError(
        `level ${level} (${rule.name}) has nobody eligible to approve, and neither has the fallback`,
      );
    }
    // Any one fallback approver stands in for the missing ones, whatever the level's own mode.
    levels.push({
      level,
      name: rule.name,
      mode: 'any-of',
      approvers: fallback.map((userId) => ({ userId, origin: 'fallback' })),
      fallbackUsed: true,
    });
  }
  if (levels.length === 0) {
    throw new ApprovalPolicyError(
      `no level of the policy applies to ${amount.toString()} ${policy.currency}`,
    );
  }
  return levels;
}

/** An approver's absence: their tasks go to the delegate while it lasts. Instants are ISO timestamps. */
export interface ApproverAbsence {
  readonly userId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly delegateId: string | null;
}

export type AssignmentReason = 'assigned' | 'fallback' | 'out-of-office' | 'delegated' | 'escalated';

export interface ApprovalAssignment {
  /** The approver the task belongs to. */
  readonly approverId: string;
  /** Who holds it now (the approver, or their delegate). */
  readonly assigneeId: string;
  readonly reason: AssignmentReason;
}

function absentAt(
  userId: string,
  absences: readonly ApproverAbsence[],
  at: number,
): ApproverAbsence | undefined {
  return absences.find(
    (absence) =>
      absence.userId === userId && Date.parse(absence.startsAt) <= at && at < Date.parse(absence.endsAt),
  );
}

/**
 * Who holds each approver's task at `at`: an absent approver's task goes to their delegate (following a delegate
 * who is away too), never to the submitter; with no usable delegate it stays with the approver.
 */
export function assignApprovers(
  approverIds: readonly string[],
  absences: readonly ApproverAbsence[],
  at: string,
  submittedBy: string | null,
  reasonWhenPresent: AssignmentReason = 'assigned',
): ApprovalAssignment[] {
  const instant = Date.parse(at);
  return approverIds.map((approverId) => {
    let assigneeId = approverId;
    const seen = new Set([approverId]);
    for (let absence = absentAt(assigneeId, absences, instant); absence;) {
      const delegate = absence.delegateId;
      if (delegate === null || delegate === submittedBy || seen.has(delegate)) break;
      seen.add(delegate);
      assigneeId = delegate;
      absence = absentAt(assigneeId, absences, instant);
    }
    return {
      approverId,
      assigneeId,
      reason: assigneeId === approverId ? reasonWhenPresent : 'out-of-office',
    };
  });
}

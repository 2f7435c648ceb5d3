import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ApprovalDecisionKind,
  ApprovalDecisionRecord,
  ApprovalLevelMode,
  ApproverOrigin,
  AssignmentReason,
} from '@eventvault/domain';

/** The caller as the API knows them after verifying their token. */
export interface ApprovalCallerArgs {
  readonly userId: string;
  readonly roles: readonly string[];
  /** '2' (or 2) after a step-up (MFA) login. */
  readonly acr: string | number;
  /** ISO timestamp of the login. */
  readonly authTime: string;
}

export interface ApprovalDecisionArgs extends ApprovalCallerArgs {
  /** Required for requestChanges; optional otherwise. */
  readonly comment?: string | null;
}

export interface ApprovalDelegationArgs extends ApprovalCallerArgs {
  /** The app_user (of the same organisation) who takes over the caller's task at the current level. */
  readonly to: string;
  readonly comment?: string | null;
}

export interface ApprovalDelegationResult {
  readonly level: number;
  readonly approverId: string;
  readonly assigneeId: string;
}

export interface ApprovalSlotState {
  readonly approverId: string;
  readonly assigneeId: string;
  readonly origin: ApproverOrigin;
  readonly reason: AssignmentReason | null;
  readonly taskId: string | null;
  readonly decision: ApprovalDecisionKind | null;
  readonly decidedBy: string | null;
}

export type ApprovalLevelStatus = 'waiting' | 'opening' | 'pending' | ApprovalStatus;

export interface ApprovalLevelState {
  readonly level: number;
  readonly name: string;
  readonly mode: ApprovalLevelMode;
  readonly fallbackUsed: boolean;
  readonly status: ApprovalLevelStatus;
  readonly remindAt: string | null;
  readonly escalateAt: string | null;
  readonly remindedAt: string | null;
  readonly escalatedAt: string | null;
  readonly slots: readonly ApprovalSlotState[];
}

export type ApprovalStatus = 'approved' | 'rejected' | 'changes-requested';

export interface ApprovalState {
  readonly status: 'resolving' | 'pending' | ApprovalStatus;
  readonly currentLevel: number | null;
  /** Whether decisions need a fresh step-up login (null until the policy is read). */
  readonly stepUpRequired: boolean | null;
  readonly levels: readonly ApprovalLevelState[];
  /** Who can decide now: the assignees of the current level's undecided tasks. */
  readonly pendingApprovers: readonly string[];
  readonly decisions: readonly ApprovalDecisionRecord[];
  /** Workflow time of the answer (ISO): the clock step-up freshness is judged by. */
  readonly asOf: string;
}

export const approveUpdate = defineUpdate<ApprovalDecisionRecord, [ApprovalDecisionArgs]>('approve');
export const rejectUpdate = defineUpdate<ApprovalDecisionRecord, [ApprovalDecisionArgs]>('reject');
export const requestChangesUpdate = defineUpdate<ApprovalDecisionRecord, [ApprovalDecisionArgs]>(
  'requestChanges',
);
export const delegateUpdate = defineUpdate<ApprovalDelegationResult, [ApprovalDelegationArgs]>('delegate');
export const approvalStateQuery = defineQuery<ApprovalState>('approvalState');

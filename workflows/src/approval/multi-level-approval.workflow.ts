import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApprovalActivities, ApprovalTask, ResolvedApproval } from '@eventvault/activities';
import {
  type ApprovalChainLevel,
  type ApprovalDecisionKind,
  type ApprovalDecisionRecord,
  type ApprovalOutcome,
  type ApprovalRequest,
  type ApproverOrigin,
  type AssignmentReason,
  stepUpProblem,
} from '@eventvault/domain';
import {
  type ApprovalDecisionArgs,
  type ApprovalDelegationArgs,
  type ApprovalDelegationResult,
  type ApprovalLevelState,
  type ApprovalState,
  type ApprovalStatus,
  approvalStateQuery,
  approveUpdate,
  delegateUpdate,
  rejectUpdate,
  requestChangesUpdate,
} from './approval.messages';

const {
  openApprovalLevel,
  recordApprovalDecision,
  closeApprovalLevel,
  remindApprovers,
  escalateApprovalLevel,
} = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

// A chain that cannot be built (no eligible approver, invalid policy) is retried slowly until someone fixes the
// policy or the roles; the pending activity's last failure says what is wrong.
const { resolveApprovalChain } = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', maximumInterval: '30 minutes' },
});

// Delegation answers the caller: a refusal (the delegate is not a user of the organisation) must not be retried.
const { delegateApprovalTask } = proxyActivities<ApprovalActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['DelegateNotInOrganisation', 'TaskNotDelegable'] },
});

interface Slot {
  approverId: string;
  assigneeId: string;
  origin: ApproverOrigin;
  reason: AssignmentReason | null;
  taskId: string | null;
  decision: ApprovalDecisionKind | null;
  decidedBy: string | null;
}

interface Level {
  level: number;
  name: string;
  mode: 'any-of' | 'all-of';
  fallbackUsed: boolean;
  status: ApprovalLevelState['status'];
  remindAt: string | null;
  escalateAt: string | null;
  remindedAt: string | null;
  escalatedAt: string | null;
  slots: Slot[];
}

const decisionKinds = {
  approve: approveUpdate,
  reject: rejectUpdate,
  'request-changes': requestChangesUpdate,
} as const;

function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

/** The slots a user may decide: held by them (their own or delegated to them), or their own given to a delegate. */
function slotsOf(level: Level, userId: string): Slot[] {
  return level.slots.filter((slot) => slot.assigneeId === userId || slot.approverId === userId);
}

/** How a level stands once its slots' decisions are known; null while it still waits. */
function levelResult(level: Level): ApprovalStatus | null {
  const decided = level.slots.filter((slot) => slot.decision !== null);
  if (decided.some((slot) => slot.decision === 'reject')) return 'rejected';
  if (decided.some((slot) => slot.decision === 'request-changes')) return 'changes-requested';
  const approved = (slot: Slot) => slot.decision === 'approve';
  // An escalation approver decides for the whole level; that is what escalation is for.
  if (level.slots.some((slot) => slot.origin === 'escalation' && approved(slot))) return 'approved';
  const own = level.slots.filter((slot) => slot.origin !== 'escalation');
  if (level.mode === 'any-of') return own.some(approved) ? 'approved' : null;
  return own.every(approved) ? 'approved' : null;
}

function toLevelState(level: ApprovalChainLevel): Level {
  return {
    level: level.level,
    name: level.name,
    mode: level.mode,
    fallbackUsed: level.fallbackUsed,
    status: 'waiting',
    remindAt: null,
    escalateAt: null,
    remindedAt: null,
    escalatedAt: null,
    slots: level.approvers.map((approver) => ({
      approverId: approver.userId,
      assigneeId: approver.userId,
      origin: approver.origin,
      reason: null,
      taskId: null,
      decision: null,
      decidedBy: null,
    })),
  };
}

/**
 * Multi-level approval of anything approvable (invoices now; quotes, budgets and payments later). The chain comes from
 * the organisation's policy; each level opens task rows for its approvers and waits for decisions, which arrive as
 * Updates whose validators refuse callers who may not decide. Reminders and escalation run on timers counted in
 * business days. Ends approved, rejected, or with changes requested (the submitter resubmits and a new run starts).
 */
export async function multiLevelApprovalWorkflow(request: ApprovalRequest): Promise<ApprovalOutcome> {
  const { workflowId } = workflowInfo();
  let resolved: ResolvedApproval | null = null;
  let status: ApprovalState['status'] = 'resolving';
  const levels: Level[] = [];
  let current: Level | null = null;
  const decisions: ApprovalDecisionRecord[] = [];
  /** Decisions being recorded, by `${level}:${userId}`: a second identical decision answers with the first. */
  const recordings = new Map<string, Promise<ApprovalDecisionRecord>>();
  let recordingsInFlight = 0;

  const pendingLevel = (): Level | null => (current?.status === 'pending' ? current : null);
  const noLevelWaiting = () =>
    current && current.status !== 'pending'
      ? `level ${current.level} (${current.name}) is ${current.status === 'opening' ? 'being opened, try again in a moment' : `already decided: ${current.status}`}`
      : `no level is waiting for decisions (the approval is ${status})`;

  setHandler(approvalStateQuery, (): ApprovalState => {
    const level = pendingLevel();
    return {
      status,
      currentLevel: current?.level ?? null,
      stepUpRequired: resolved === null ? null : resolved.stepUpMaxAuthAgeMinutes !== null,
      levels: levels.map((l) => ({ ...l, slots: l.slots.map((slot) => ({ ...slot })) })),
      pendingApprovers: level
        ? [...new Set(level.slots.filter((slot) => slot.decision === null).map((slot) => slot.assigneeId))]
        : [],
      decisions: [...decisions],
      asOf: nowIso(),
    };
  });

  /** A decision already made by this user with the same kind, at the current or an earlier level. */
  function earlierDecision(
    userId: string,
    kind: ApprovalDecisionKind,
  ): Promise<ApprovalDecisionRecord> | undefined {
    for (const level of [...levels].reverse()) {
      const made = level.slots.find((slot) => slot.decidedBy === userId);
      if (made) return made.decision === kind ? recordings.get(`${level.level}:${userId}`) : undefined;
    }
    return undefined;
  }

  function validateCaller(args: ApprovalDecisionArgs | ApprovalDelegationArgs): void {
    if (typeof args?.userId !== 'string' || args.userId === '') throw new Error('the caller has no userId');
    if (!Array.isArray(args.roles)) throw new Error('the caller has no roles list');
    if (args.userId === request.submittedBy) {
      throw new Error('the submitter cannot decide on their own submission');
    }
  }

  function validateDecision(kind: ApprovalDecisionKind, args: ApprovalDecisionArgs): void {
    validateCaller(args);
    const level = pendingLevel();
    const mine = level ? slotsOf(level, args.userId) : [];
    if (mine.length === 0) {
      if (earlierDecision(args.userId, kind)) return; // sent twice: the handler answers with the first result
      if (!level) throw new Error(noLevelWaiting());
      throw new Error(`user ${args.userId} is not an approver at level ${level.level} (${level.name})`);
    }
    const made = mine.find((slot) => slot.decidedBy === args.userId);
    if (made && made.decision !== kind) {
      throw new Error(`user ${args.userId} has already decided "${made.decision}" at level ${level?.level}`);
    }
    if (!made && mine.every((slot) => slot.decision !== null)) {
      throw new Error(`the task of user ${args.userId} at level ${level?.level} is already decided`);
    }
    if (kind === 'request-changes' && (typeof args.comment !== 'string' || args.comment.trim() === '')) {
      throw new Error('requesting changes needs a comment saying what to change');
    }
    const maxAuthAgeMinutes = resolved?.stepUpMaxAuthAgeMinutes ?? null;
    if (maxAuthAgeMinutes !== null) {
      const problem = stepUpProblem(args, Date.now(), maxAuthAgeMinutes);
      if (problem) throw new Error(problem);
    }
  }

  async function decide(
    kind: ApprovalDecisionKind,
    args: ApprovalDecisionArgs,
  ): Promise<ApprovalDecisionRecord> {
    const level = pendingLevel();
    const mine = level ? slotsOf(level, args.userId) : [];
    const already = level ? recordings.get(`${level.level}:${args.userId}`) : undefined;
    if (!level || mine.length === 0 || already) {
      const first = already ?? earlierDecision(args.userId, kind);
      if (!first) throw ApplicationFailure.nonRetryable('no decision to repeat', 'NotAnApprover');
      return first;
    }
    const covered = mine.filter((slot) => slot.decision === null);
    for (const slot of covered) {
      slot.decision = kind;
      slot.decidedBy = args.userId;
    }
    // Decided now: later decisions at this level are refused (a rejection cannot undo an approval that completed it).
    const result = levelResult(level);
    if (result) level.status = result;
    const onBehalfOf = covered.some((slot) => slot.approverId === args.userId)
      ? null
      : (covered[0]?.approverId ?? null);
    recordingsInFlight += 1;
    const recording = recordApprovalDecision({
      request,
      workflowId,
      level: level.level,
      decision: kind,
      decidedBy: args.userId,
      approverIds: covered.map((slot) => slot.approverId),
      onBehalfOf,
      comment: args.comment?.trim() || null,
      decidedAt: nowIso(),
      caller: { roles: [...args.roles], acr: String(args.acr), authTime: args.authTime },
    })
      .then((record) => {
        decisions.push(record);
        return record;
      })
      .finally(() => {
        recordingsInFlight -= 1;
      });
    recordings.set(`${level.level}:${args.userId}`, recording);
    return recording;
  }

  for (const [kind, update] of Object.entries(decisionKinds) as [
    ApprovalDecisionKind,
    typeof approveUpdate,
  ][]) {
    setHandler(update, (args: ApprovalDecisionArgs) => decide(kind, args), {
      validator: (args: ApprovalDecisionArgs) => validateDecision(kind, args),
    });
  }

  setHandler(
    delegateUpdate,
    async (args): Promise<ApprovalDelegationResult> => {
      const level = pendingLevel();
      const slot = level && slotsOf(level, args.userId).find((candidate) => candidate.decision === null);
      if (!level || !slot)
        throw ApplicationFailure.nonRetryable('the task is no longer open', 'TaskNotDelegable');
      try {
        const task = await delegateApprovalTask({
          request,
          workflowId,
          level: level.level,
          approverId: slot.approverId,
          from: slot.assigneeId,
          to: args.to,
          comment: args.comment?.trim() || null,
        });
        slot.assigneeId = task.assigneeId;
        slot.reason = task.reason;
        return { level: level.level, approverId: slot.approverId, assigneeId: slot.assigneeId };
      } catch (error) {
        if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
          throw ApplicationFailure.nonRetryable(error.cause.message, error.cause.type ?? 'DelegationRefused');
        }
        throw error;
      }
    },
    {
      validator: (args: ApprovalDelegationArgs) => {
        validateCaller(args);
        const level = pendingLevel();
        if (!level) throw new Error(noLevelWaiting());
        const open = slotsOf(level, args.userId).filter((slot) => slot.decision === null);
        if (open.length === 0) {
          throw new Error(`user ${args.userId} holds no open task at level ${level.level} (${level.name})`);
        }
        if (typeof args.to !== 'string' || args.to === '')
          throw new Error('delegate to whom? "to" is missing');
        if (args.to === args.userId) throw new Error('a task cannot be delegated to its own holder');
        if (args.to === request.submittedBy) throw new Error('a task cannot be delegated to the submitter');
        if (slotsOf(level, args.to).length > 0) {
          throw new Error(`user ${args.to} already approves at level ${level.level}; pick someone else`);
        }
      },
    },
  );

  function mergeTasks(level: Level, tasks: readonly ApprovalTask[], newOrigin: ApproverOrigin): void {
    for (const task of tasks) {
      const slot = level.slots.find((candidate) => candidate.approverId === task.approverId);
      if (slot) {
        slot.assigneeId = task.assigneeId;
        slot.reason = task.reason;
        slot.taskId = task.taskId;
      } else {
        level.slots.push({
          approverId: task.approverId,
          assigneeId: task.assigneeId,
          origin: newOrigin,
          reason: task.reason,
          taskId: task.taskId,
          decision: null,
          decidedBy: null,
        });
      }
    }
  }

  async function waitForDecisions(level: Level, settings: ResolvedApproval): Promise<ApprovalStatus> {
    const decided = () => levelResult(level) !== null;
    const deadlines: [string | null, () => Promise<void>][] = [
      [
        level.remindAt,
        async () => {
          await remindApprovers({ request, workflowId, level: level.level, at: nowIso() });
          level.remindedAt = nowIso();
        },
      ],
      [
        level.escalateAt,
        async () => {
          const tasks = await escalateApprovalLevel({
            request,
            workflowId,
            level: level.level,
            source: settings.escalation,
            at: nowIso(),
            dueAt: nowIso(),
          });
          mergeTasks(level, tasks, 'escalation');
          level.escalatedAt = nowIso();
        },
      ],
    ];
    for (const [at, fire] of deadlines) {
      if (at === null || decided()) break;
      const wait = Date.parse(at) - Date.now();
      if (wait > 0 && (await condition(decided, wait))) break;
      await fire();
    }
    await condition(decided);
    const result = levelResult(level);
    if (result === null) throw new Error(`level ${level.level} has no result`);
    level.status = result;
    // Let in-flight decisions finish recording before the level's remaining tasks are closed.
    await condition(() => recordingsInFlight === 0);
    return result;
  }

  resolved = await resolveApprovalChain(request);
  const settings = resolved;
  const plan = settings.levels.map((chainLevel) => ({ chainLevel, level: toLevelState(chainLevel) }));
  levels.push(...plan.map(({ level }) => level));
  status = 'pending';

  let outcome: ApprovalStatus = 'approved';
  for (const { chainLevel, level } of plan) {
    current = level;
    level.status = 'opening';
    const opened = await openApprovalLevel({
      request,
      workflowId,
      level: chainLevel,
      openedAt: nowIso(),
      timeZone: settings.timeZone,
      reminderAfterBusinessDays: settings.reminderAfterBusinessDays,
      escalateAfterBusinessDays: settings.escalateAfterBusinessDays,
    });
    mergeTasks(level, opened.tasks, 'policy');
    level.remindAt = opened.remindAt;
    level.escalateAt = opened.escalateAt;
    level.status = 'pending';
    const result = await waitForDecisions(level, settings);
    level.status = result;
    await closeApprovalLevel({
      organisationId: request.organisationId,
      workflowId,
      level: level.level,
      closedAt: nowIso(),
    });
    if (result !== 'approved') {
      outcome = result;
      break;
    }
  }
  status = outcome;
  await condition(allHandlersFinished);

  const finalDecisions = [...decisions];
  if (outcome === 'approved') return { result: 'approved', decisions: finalDecisions };
  const deciding = finalDecisions.filter(
    (decision) => decision.level === current?.level && decision.decision !== 'approve',
  );
  const comment = deciding.find((decision) => decision.comment)?.comment ?? null;
  if (outcome === 'rejected') {
    return {
      result: 'rejected',
      reason:
        comment ?? `rejected at level ${current?.level} (${current?.name}) by ${deciding[0]?.decidedBy}`,
      decisions: finalDecisions,
    };
  }
  return { result: 'changes-requested', comment: comment ?? '', decisions: finalDecisions };
}

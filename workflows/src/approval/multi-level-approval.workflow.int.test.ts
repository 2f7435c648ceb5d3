import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { ApprovalRequest } from '@eventvault/domain';
import { AuditLogRepository } from '@eventvault/activities';
import {
  type ApprovalWorkflowEnvironment,
  startApprovalWorkflowEnvironment,
} from '../../../activities/src/approval/testing/approval-workflow-environment';
import {
  approvalStateQuery,
  approveUpdate,
  delegateUpdate,
  rejectUpdate,
  requestChangesUpdate,
  type ApprovalDecisionArgs,
} from './approval.messages';
import { multiLevelApprovalWorkflow } from './multi-level-approval.workflow';

// The workflow on Temporal's time-skipping test server with its real activities on a scratch PostgreSQL database.
// Reminders and escalation on timers: approval-reminders.workflow.int.test.ts.

let kit: ApprovalWorkflowEnvironment;

beforeAll(async () => {
  kit = await startApprovalWorkflowEnvironment(
    require.resolve('./multi-level-approval.workflow'),
    'approval_wf',
  );
});

afterAll(async () => {
  await kit?.teardown();
});

const withWorker = <T>(body: () => Promise<T>) => kit.withWorker(body);

function start(request: ApprovalRequest) {
  return kit.client.workflow.start(multiLevelApprovalWorkflow, {
    taskQueue: kit.taskQueue,
    workflowId: `approval-${request.subject.id}`,
    args: [request],
  });
}

type Handle = WorkflowHandle<typeof multiLevelApprovalWorkflow>;

/** A caller with a plain login (acr 1) unless told otherwise. */
function as(userId: string, extra: Partial<ApprovalDecisionArgs> = {}): ApprovalDecisionArgs {
  return { userId, roles: [], acr: '1', authTime: new Date(0).toISOString(), ...extra };
}

async function untilLevel(handle: Handle, level: number) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const state = await handle.query(approvalStateQuery);
    const current = state.levels.find((l) => l.level === level);
    if (state.currentLevel === level && current?.status === 'pending') return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`level ${level} never became pending`);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return String((error as WorkflowUpdateFailedError).cause?.message);
  }
  throw new Error('the update was accepted');
}

const tasksOf = (workflowId: string) =>
  kit.db.task.findMany({
    where: { organisationId: kit.org.organisationId, workflowId },
    orderBy: [{ approvalLevel: 'asc' }, { createdAt: 'asc' }],
  });
const decisionsOf = (workflowId: string) =>
  kit.db.approvalDecision.findMany({ where: { organisationId: kit.org.organisationId, workflowId } });
const auditOf = (subjectId: string) =>
  kit.db.auditLog.findMany({
    where: { organisationId: kit.org.organisationId, subjectId },
    orderBy: { sequence: 'asc' },
  });

describe('multiLevelApprovalWorkflow', () => {
  it('passes a two-level chain: any of the budget holders, then all of finance; tasks and audit written', async () => {
    const request = kit.org.request('1000.00');
    const { users } = kit.org;
    const outcome = await withWorker(async () => {
      const handle = await start(request);
      const level1 = await untilLevel(handle, 1);
      expect([...level1.pendingApprovers].sort()).toEqual([users.owner, users.manager].sort());
      expect(level1.levels.map((l) => [l.name, l.mode])).toEqual([
        ['Budget holder', 'any-of'],
        ['Finance', 'all-of'],
      ]);
      await handle.executeUpdate(approveUpdate, { args: [as(users.manager)] });
      await untilLevel(handle, 2);
      await handle.executeUpdate(approveUpdate, { args: [as(users.financeA, { comment: 'checked' })] });
      const waiting = await handle.query(approvalStateQuery);
      expect(waiting.pendingApprovers).toEqual([users.financeB]);
      await handle.executeUpdate(approveUpdate, { args: [as(users.financeB)] });
      return handle.result();
    });
    expect(outcome.result).toBe('approved');
    expect(outcome.decisions.map((d) => [d.level, d.decision, d.decidedBy])).toEqual([
      [1, 'approve', users.manager],
      [2, 'approve', users.financeA],
      [2, 'approve', users.financeB],
    ]);
    const workflowId = `approval-${request.subject.id}`;
    const tasks = await tasksOf(workflowId);
    const rows = tasks.map((t) => [t.approvalLevel, t.approverId, t.assigneeId, t.status, t.kind]);
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(
      expect.arrayContaining([
        [1, users.owner, users.owner, 'cancelled', 'invoice_approval'],
        [1, users.manager, users.manager, 'done', 'invoice_approval'],
        [2, users.financeA, users.financeA, 'done', 'invoice_approval'],
        [2, users.financeB, users.financeB, 'done', 'invoice_approval'],
      ]),
    );
    expect(tasks.every((t) => t.amount?.toFixed(2) === '1000.00' && t.currency === 'ZAR' && t.dueAt)).toBe(
      true,
    );
    expect((await decisionsOf(workflowId)).map((d) => d.decision)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
    expect((await auditOf(request.subject.id)).map((a) => a.action)).toEqual([
      'approval.level_opened',
      'approval.approve',
      'approval.level_opened',
      'approval.approve',
      'approval.approve',
    ]);
    expect(await new AuditLogRepository(kit.db, kit.org.organisationId).firstBrokenSequence()).toBeNull();
  });

  it('ends rejected on a rejection, with its reason, and cancels the other tasks', async () => {
    const request = kit.org.request('500.00');
    const outcome = await withWorker(async () => {
      const handle = await start(request);
      await untilLevel(handle, 1);
      await handle.executeUpdate(rejectUpdate, {
        args: [as(kit.org.users.owner, { comment: 'Not our event' })],
      });
      return handle.result();
    });
    expect(outcome).toMatchObject({ result: 'rejected', reason: 'Not our event' });
    const tasks = await tasksOf(`approval-${request.subject.id}`);
    expect(tasks.map((t) => t.status).sort()).toEqual(['cancelled', 'done']);
    expect((await decisionsOf(`approval-${request.subject.id}`)).map((d) => d.decision)).toEqual([
      'rejected',
    ]);
  });

  it('accepts only the first of two competing decisions on an any-of level', async () => {
    const request = kit.org.request('650.00');
    const { users } = kit.org;
    const { settled, outcome } = await withWorker(async () => {
      const handle = await start(request);
      await untilLevel(handle, 1);
      const settled = await Promise.allSettled([
        handle.executeUpdate(approveUpdate, { args: [as(users.owner)] }),
        handle.executeUpdate(rejectUpdate, { args: [as(users.manager, { comment: 'too late' })] }),
      ]);
      const state = await handle.query(approvalStateQuery);
      if (state.status === 'pending') await handle.terminate('test done');
      return { settled, outcome: state };
    });
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const refused = settled.find((s) => s.status === 'rejected');
    expect(String((refused?.reason as WorkflowUpdateFailedError).cause?.message)).toMatch(/already decided/);
    expect(outcome.decisions).toHaveLength(1);
    expect(await decisionsOf(`approval-${request.subject.id}`)).toHaveLength(1);
  });

  it('request changes needs a comment, then ends changes-requested with it', async () => {
    const request = kit.org.request('500.00');
    const outcome = await withWorker(async () => {
      const handle = await start(request);
      await untilLevel(handle, 1);
      expect(
        await refusal(handle.executeUpdate(requestChangesUpdate, { args: [as(kit.org.users.owner)] })),
      ).toMatch(/needs a comment/);
      await handle.executeUpdate(requestChangesUpdate, {
        args: [as(kit.org.users.owner, { comment: 'Wrong budget line: use lighting' })],
      });
      return handle.result();
    });
    expect(outcome).toMatchObject({
      result: 'changes-requested',
      comment: 'Wrong budget line: use lighting',
    });
    expect((await decisionsOf(`approval-${request.subject.id}`)).map((d) => d.decision)).toEqual([
      'returned',
    ]);
  });

  it('refuses a caller who is not an approver at this level, and a submitter deciding their own submission', async () => {
    // Submitted by financeA: finance level is financeB alone.
    const request = kit.org.request('700.00', { submittedBy: kit.org.users.financeA });
    const { users } = kit.org;
    const outcome = await withWorker(async () => {
      const handle = await start(request);
      const state = await untilLevel(handle, 1);
      expect(state.levels[1]?.slots.map((s) => s.approverId)).toEqual([users.financeB]);
      expect(await refusal(handle.executeUpdate(approveUpdate, { args: [as(users.outsider)] }))).toMatch(
        new RegExp(`user ${users.outsider} is not an approver at level 1 \\(Budget holder\\)`),
      );
      expect(await refusal(handle.executeUpdate(approveUpdate, { args: [as(users.financeB)] }))).toMatch(
        /not an approver at level 1/,
      );
      expect(await refusal(handle.executeUpdate(approveUpdate, { args: [as(users.financeA)] }))).toMatch(
        /submitter cannot decide on their own submission/,
      );
      await handle.executeUpdate(approveUpdate, { args: [as(users.owner)] });
      await untilLevel(handle, 2);
      expect(await refusal(handle.executeUpdate(approveUpdate, { args: [as(users.financeA)] }))).toMatch(
        /submitter cannot decide/,
      );
      await handle.executeUpdate(approveUpdate, { args: [as(users.financeB)] });
      return handle.result();
    });
    expect(outcome.result).toBe('approved');
    expect(await decisionsOf(`approval-${request.subject.id}`)).toHaveLength(2);
  });

  it('above the step-up threshold refuses a plain or stale login, then accepts a fresh acr 2', async () => {
    const request = kit.org.request('60000.00');
    const { users } = kit.org;
    await withWorker(async () => {
      const handle = await start(request);
      const state = await untilLevel(handle, 1);
      expect(state.stepUpRequired).toBe(true);
      const now = Date.parse(state.asOf);
      expect(
        await refusal(
          handle.executeUpdate(approveUpdate, { args: [as(users.owner, { authTime: state.asOf })] }),
        ),
      ).toMatch(/needs a step-up \(MFA\) login: acr is 1/);
      const stale = new Date(now - 30 * 60_000).toISOString();
      expect(
        await refusal(
          handle.executeUpdate(approveUpdate, { args: [as(users.owner, { acr: '2', authTime: stale })] }),
        ),
      ).toMatch(/minutes old; at most 15/);
      const record = await handle.executeUpdate(approveUpdate, {
        args: [as(users.owner, { acr: '2', authTime: state.asOf })],
      });
      expect(record).toMatchObject({ level: 1, decision: 'approve', decidedBy: users.owner });
      await handle.terminate('test done');
    });
    const decisions = await decisionsOf(`approval-${request.subject.id}`);
    expect(decisions).toHaveLength(1);
    const audit = await auditOf(request.subject.id);
    expect(audit.find((a) => a.action === 'approval.approve')?.payload).toMatchObject({ acr: '2' });
  });

  it('records a decision sent twice once, and answers the second with the first result', async () => {
    const request = kit.org.request('800.00');
    const { users } = kit.org;
    await withWorker(async () => {
      const handle = await start(request);
      await untilLevel(handle, 1);
      await handle.executeUpdate(approveUpdate, { args: [as(users.owner)] });
      await untilLevel(handle, 2);
      const first = await handle.executeUpdate(approveUpdate, {
        args: [as(users.financeA)],
        updateId: 'a-1',
      });
      const second = await handle.executeUpdate(approveUpdate, { args: [as(users.financeA)] });
      const sameId = await handle.executeUpdate(approveUpdate, {
        args: [as(users.financeA)],
        updateId: 'a-1',
      });
      expect(second).toEqual(first);
      expect(sameId).toEqual(first);
      // A level-1 decision repeated after the level closed answers with the first too.
      const late = await handle.executeUpdate(approveUpdate, { args: [as(users.owner)] });
      expect(late).toMatchObject({ level: 1, decidedBy: users.owner });
      expect(await refusal(handle.executeUpdate(rejectUpdate, { args: [as(users.financeA)] }))).toMatch(
        /already decided "approve"/,
      );
      const state = await handle.query(approvalStateQuery);
      expect(state.decisions).toHaveLength(2);
      expect(state.pendingApprovers).toEqual([users.financeB]);
      await handle.terminate('test done');
    });
    const workflowId = `approval-${request.subject.id}`;
    expect((await decisionsOf(workflowId)).map((d) => [d.approvalLevel, d.decidedBy])).toEqual([
      [1, users.owner],
      [2, users.financeA],
    ]);
    expect((await auditOf(request.subject.id)).filter((a) => a.action === 'approval.approve')).toHaveLength(
      2,
    );
  });

  it('lets an approver delegate their task: the delegate decides on their behalf; bad delegates are refused', async () => {
    const request = kit.org.request('900.00');
    const { users } = kit.org;
    const outcome = await withWorker(async () => {
      const handle = await start(request);
      await untilLevel(handle, 1);
      expect(
        await refusal(
          handle.executeUpdate(delegateUpdate, { args: [{ ...as(users.owner), to: users.submitter }] }),
        ),
      ).toMatch(/cannot be delegated to the submitter/);
      expect(
        await refusal(
          handle.executeUpdate(delegateUpdate, { args: [{ ...as(users.owner), to: users.manager }] }),
        ),
      ).toMatch(/already approves at level 1/);
      expect(
        await refusal(
          handle.executeUpdate(delegateUpdate, { args: [{ ...as(users.owner), to: randomUUID() }] }),
        ),
      ).toMatch(/is not a user of this organisation/);
      const moved = await handle.executeUpdate(delegateUpdate, {
        args: [{ ...as(users.owner), to: users.deputy, comment: 'on leave' }],
      });
      expect(moved).toEqual({ level: 1, approverId: users.owner, assigneeId: users.deputy });
      expect([...(await handle.query(approvalStateQuery)).pendingApprovers].sort()).toEqual(
        [users.deputy, users.manager].sort(),
      );
      await handle.executeUpdate(approveUpdate, { args: [as(users.deputy)] });
      await untilLevel(handle, 2);
      await handle.executeUpdate(approveUpdate, { args: [as(users.financeA)] });
      await handle.executeUpdate(approveUpdate, { args: [as(users.financeB)] });
      return handle.result();
    });
    expect(outcome.result).toBe('approved');
    expect(outcome.decisions[0]).toMatchObject({ decidedBy: users.deputy, onBehalfOf: users.owner });
    const tasks = await tasksOf(`approval-${request.subject.id}`);
    expect(tasks.find((t) => t.approverId === users.owner)).toMatchObject({
      assigneeId: users.deputy,
      assignmentReason: 'delegated',
      status: 'done',
    });
    expect((await auditOf(request.subject.id)).map((a) => a.action)).toContain('approval.delegated');
  });

  it('gives an out-of-office approver’s task to their delegate', async () => {
    const request = kit.org.request('950.00');
    const { users } = kit.org;
    const absence = await kit.db.approverAbsence.create({
      data: {
        organisationId: kit.org.organisationId,
        userId: users.financeB,
        // The test server's clock jumps ahead whenever a test waits for a result: cover any instant it can reach.
        startsAt: new Date('2000-01-01T00:00:00Z'),
        endsAt: new Date('2100-01-01T00:00:00Z'),
        delegateId: users.deputy,
      },
    });
    try {
      const outcome = await withWorker(async () => {
        const handle = await start(request);
        await untilLevel(handle, 1);
        await handle.executeUpdate(approveUpdate, { args: [as(users.manager)] });
        const state = await untilLevel(handle, 2);
        expect([...state.pendingApprovers].sort()).toEqual([users.financeA, users.deputy].sort());
        await handle.executeUpdate(approveUpdate, { args: [as(users.financeA)] });
        await handle.executeUpdate(approveUpdate, { args: [as(users.deputy)] });
        return handle.result();
      });
      expect(outcome.result).toBe('approved');
      expect(outcome.decisions[2]).toMatchObject({ decidedBy: users.deputy, onBehalfOf: users.financeB });
      const tasks = await tasksOf(`approval-${request.subject.id}`);
      expect(tasks.find((t) => t.approverId === users.financeB)).toMatchObject({
        assigneeId: users.deputy,
        assignmentReason: 'out-of-office',
        status: 'done',
      });
    } finally {
      await kit.db.approverAbsence.delete({ where: { id: absence.id } });
    }
  });
});

import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { ApprovalPolicyError, type ApprovalRequest } from '@eventvault/domain';
import { createDatabase, type Database } from '../database/client';
import { type ScratchDatabase, createMigratedDatabase } from '../database/testing/scratch-database';
import { createApprovalActivities } from './approval.activities';
import { ApprovalPolicyRepository } from './approval-policy.repository';
import { ApproverDirectoryRepository } from './approver-directory.repository';
import { type ApprovalOrganisation, createApprovalOrganisation } from './testing/approval-organisation';

// The approval activities on a database of this file's own: each one run twice (a retry) writes its rows and its
// audit entry once, and every read stays inside the caller's organisation.

let scratch: ScratchDatabase;
let db: Database;
let org: ApprovalOrganisation;
let other: ApprovalOrganisation;
let activities: ReturnType<typeof createApprovalActivities>;

beforeAll(async () => {
  scratch = await createMigratedDatabase('approval_activities');
  db = createDatabase(scratch.url, { maxConnections: 4 });
  org = await createApprovalOrganisation(db);
  other = await createApprovalOrganisation(db);
  activities = createApprovalActivities({ db });
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

const audit = (request: ApprovalRequest) =>
  db.auditLog.findMany({ where: { organisationId: request.organisationId, subjectId: request.subject.id } });

async function openFirstLevel(request: ApprovalRequest, workflowId: string) {
  const resolved = await activities.resolveApprovalChain(request);
  const input = {
    request,
    workflowId,
    level: resolved.levels[0]!,
    openedAt: '2026-12-04T13:00:00.000Z',
    timeZone: resolved.timeZone,
    reminderAfterBusinessDays: resolved.reminderAfterBusinessDays,
    escalateAfterBusinessDays: resolved.escalateAfterBusinessDays,
  };
  return { resolved, input, opened: await activities.openApprovalLevel(input) };
}

describe('approval activities', () => {
  it('resolves the chain from the stored policy and the directory, and says whether step-up applies', async () => {
    const small = await activities.resolveApprovalChain(org.request('100.00'));
    expect(small.levels.map((l) => [l.name, l.approvers.length])).toEqual([
      ['Budget holder', 2],
      ['Finance', 2],
    ]);
    expect(small.stepUpMaxAuthAgeMinutes).toBeNull();
    const large = await activities.resolveApprovalChain(org.request('150000.00'));
    expect(large.levels.map((l) => l.name)).toEqual(['Budget holder', 'Finance', 'Director']);
    expect(large.stepUpMaxAuthAgeMinutes).toBe(15);
  });

  it('opens a level once however often it is retried, with deadlines in business days', async () => {
    const request = org.request('200.00');
    const { input, opened } = await openFirstLevel(request, `wf-${randomUUID()}`);
    const again = await activities.openApprovalLevel(input);
    expect(again).toEqual(opened);
    expect(opened.tasks).toHaveLength(2);
    // Friday 15:00 in Johannesburg: reminder after 2 business days is Tuesday, escalation after 4 is Thursday.
    expect(opened.remindAt).toBe('2026-12-08T13:00:00.000Z');
    expect(opened.escalateAt).toBe('2026-12-10T13:00:00.000Z');
    expect((await audit(request)).map((a) => a.action)).toEqual(['approval.level_opened']);
  });

  it('records a decision once when retried, completing the decider’s task', async () => {
    const request = org.request('300.00');
    const workflowId = `wf-${randomUUID()}`;
    await openFirstLevel(request, workflowId);
    const decision = {
      request,
      workflowId,
      level: 1,
      decision: 'approve' as const,
      decidedBy: org.users.owner,
      approverIds: [org.users.owner],
      onBehalfOf: null,
      comment: 'fine',
      decidedAt: '2026-12-04T14:00:00.000Z',
      caller: { roles: ['approver'], acr: '1', authTime: '2026-12-04T13:59:00.000Z' },
    };
    const [first, second] = await Promise.all([
      activities.recordApprovalDecision(decision),
      activities.recordApprovalDecision(decision),
    ]);
    const third = await activities.recordApprovalDecision(decision);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await db.approvalDecision.count({ where: { workflowId } })).toBe(1);
    expect((await audit(request)).map((a) => a.action)).toEqual([
      'approval.level_opened',
      'approval.approve',
    ]);
    const tasks = await db.task.findMany({ where: { workflowId }, orderBy: { approverId: 'asc' } });
    expect(tasks.find((t) => t.approverId === org.users.owner)?.status).toBe('done');
    expect(
      await activities.closeApprovalLevel({
        organisationId: org.organisationId,
        workflowId,
        level: 1,
        closedAt: decision.decidedAt,
      }),
    ).toBe(1);
    expect(
      await activities.closeApprovalLevel({
        organisationId: org.organisationId,
        workflowId,
        level: 1,
        closedAt: decision.decidedAt,
      }),
    ).toBe(0);
  });

  it('reminds and escalates once when retried', async () => {
    const request = org.request('400.00');
    const workflowId = `wf-${randomUUID()}`;
    await openFirstLevel(request, workflowId);
    const at = '2026-12-10T13:00:00.000Z';
    expect((await activities.remindApprovers({ request, workflowId, level: 1, at })).sort()).toEqual(
      [org.users.owner, org.users.manager].sort(),
    );
    expect(await activities.remindApprovers({ request, workflowId, level: 1, at })).toEqual([]);
    const escalate = {
      request,
      workflowId,
      level: 1,
      source: { kind: 'users' as const, userIds: [org.users.director] },
      at,
      dueAt: at,
    };
    const tasks = await activities.escalateApprovalLevel(escalate);
    expect(await activities.escalateApprovalLevel(escalate)).toEqual(tasks);
    expect(tasks.filter((t) => t.reason === 'escalated').map((t) => t.approverId)).toEqual([
      org.users.director,
    ]);
    expect((await audit(request)).map((a) => a.action)).toEqual([
      'approval.level_opened',
      'approval.reminder_sent',
      'approval.escalated',
    ]);
  });

  it('delegates only to a user of the same organisation, and audits it once', async () => {
    const request = org.request('500.00');
    const workflowId = `wf-${randomUUID()}`;
    await openFirstLevel(request, workflowId);
    const delegation = {
      request,
      workflowId,
      level: 1,
      approverId: org.users.owner,
      from: org.users.owner,
      comment: null,
    };
    const refusal = activities.delegateApprovalTask({ ...delegation, to: other.users.deputy });
    await expect(refusal).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(refusal).rejects.toThrow(/is not a user of this organisation/);
    const moved = await activities.delegateApprovalTask({ ...delegation, to: org.users.deputy });
    expect(moved).toMatchObject({
      approverId: org.users.owner,
      assigneeId: org.users.deputy,
      reason: 'delegated',
    });
    // A retry after the first attempt committed finds the task already with the delegate.
    await expect(activities.delegateApprovalTask({ ...delegation, to: org.users.deputy })).resolves.toEqual(
      moved,
    );
    expect((await audit(request)).filter((a) => a.action === 'approval.delegated')).toHaveLength(1);
  });

  it('reads another organisation’s directory as empty: no approvers leak across organisations', async () => {
    const directory = await new ApproverDirectoryRepository(db, org.organisationId).snapshot({
      budgetLineId: other.budgetLineId,
      eventId: other.eventId,
      roles: ['finance'],
      userIds: [other.users.director],
    });
    expect(directory.budgetLineOwners).toEqual([]);
    expect(directory.eventManagers).toEqual([]);
    expect(directory.existingUsers).toEqual([]);
    expect([...(directory.roleMembers.finance ?? [])].sort()).toEqual(
      [org.users.financeA, org.users.financeB].sort(),
    );
  });

  it('refuses to store an invalid policy and keeps the valid one', async () => {
    const policies = new ApprovalPolicyRepository(db, org.organisationId);
    const before = await policies.current();
    await expect(policies.save({ version: 1, currency: 'ZAR', levels: [] }, null)).rejects.toBeInstanceOf(
      ApprovalPolicyError,
    );
    await expect(policies.save({ ...before.policy, currency: 'USD' }, null)).rejects.toThrow(
      /base currency is ZAR/,
    );
    expect(await policies.current()).toEqual(before);
  });

  it('a chain nobody can approve is retried with a clear message, not skipped', async () => {
    const lonely = await createApprovalOrganisation(db);
    await db.appUser.updateMany({ where: { organisationId: lonely.organisationId }, data: { roles: [] } });
    await db.budgetLine.update({ where: { id: lonely.budgetLineId }, data: { ownerId: null } });
    await db.stakeholderAssignment.deleteMany({ where: { organisationId: lonely.organisationId } });
    const attempt = activities.resolveApprovalChain(lonely.request('100.00'));
    await expect(attempt).rejects.toThrow(/level 1 \(Budget holder\) has nobody eligible/);
    await expect(attempt).rejects.toMatchObject({ type: 'ApprovalPolicyError', nonRetryable: false });
  });
});

import type { WorkflowHandle } from '@temporalio/client';
import {
  addBusinessDays,
  isBusinessDay,
  southAfricanBusinessCalendar,
  type ApprovalRequest,
} from '@eventvault/domain';
import {
  type ApprovalWorkflowEnvironment,
  startApprovalWorkflowEnvironment,
} from '../../../activities/src/approval/testing/approval-workflow-environment';
import { approvalStateQuery, approveUpdate, type ApprovalDecisionArgs } from './approval.messages';
import { multiLevelApprovalWorkflow } from './multi-level-approval.workflow';

// Reminders and escalation on workflow timers, counted in business days, on the time-skipping test server (its own
// server: its clock must not have been moved by other tests).

let kit: ApprovalWorkflowEnvironment;

beforeAll(async () => {
  kit = await startApprovalWorkflowEnvironment(
    require.resolve('./multi-level-approval.workflow'),
    'approval_timers',
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

function as(userId: string): ApprovalDecisionArgs {
  return { userId, roles: [], acr: '1', authTime: new Date(0).toISOString() };
}

async function untilLevel(handle: WorkflowHandle<typeof multiLevelApprovalWorkflow>, level: number) {
  return waitFor(async () => {
    const state = await handle.query(approvalStateQuery);
    const current = state.levels.find((l) => l.level === level);
    return state.currentLevel === level && current?.status === 'pending' ? state : null;
  });
}

describe('multiLevelApprovalWorkflow timers', () => {
  it('reminds after 2 and escalates after 4 business days, skipping weekends and public holidays', async () => {
    const calendar = southAfricanBusinessCalendar();
    // Start at 10:00 Johannesburg time on the next business day followed by a weekday public holiday.
    const serverNow = await withWorker(async () => {
      const probe = await start(kit.org.request('10.00'));
      const state = await untilLevel(probe, 1);
      await probe.terminate('probe');
      return Date.parse(state.asOf);
    });
    let startDay = new Date(serverNow + 86_400_000);
    const next = (d: Date) => new Date(d.getTime() + 86_400_000);
    const plain = (d: Date) => ({
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
    });
    for (;;) {
      const tomorrow = next(startDay);
      const weekday = tomorrow.getUTCDay();
      if (
        isBusinessDay(plain(startDay), calendar) &&
        weekday >= 1 &&
        weekday <= 5 &&
        calendar.isHoliday(plain(tomorrow))
      )
        break;
      startDay = tomorrow;
    }
    const startAt = Date.UTC(
      startDay.getUTCFullYear(),
      startDay.getUTCMonth(),
      startDay.getUTCDate(),
      8,
      0,
      0,
    );
    await kit.env.sleep(startAt - serverNow);
    const remindAt = addBusinessDays(startAt, 2, calendar);
    const escalateAt = addBusinessDays(startAt, 4, calendar);
    // Across the holiday (and possibly a weekend) two business days are at least three calendar days.
    expect(remindAt - startAt).toBeGreaterThanOrEqual(3 * 86_400_000);

    const request = kit.org.request('1200.00');
    const { users } = kit.org;
    const workflowId = `approval-${request.subject.id}`;
    const reminded = () =>
      kit.db.task.count({
        where: { organisationId: kit.org.organisationId, workflowId, remindedAt: { not: null } },
      });
    const outcome = await withWorker(async () => {
      const handle = await start(request);
      const opened = await untilLevel(handle, 1);
      // The level opens a moment after the start: its deadlines are the start's, to the second.
      expect(Math.abs(Date.parse(opened.levels[0]?.remindAt ?? '') - remindAt)).toBeLessThan(5_000);
      expect(Math.abs(Date.parse(opened.levels[0]?.escalateAt ?? '') - escalateAt)).toBeLessThan(5_000);
      const openedAt = Date.parse(opened.asOf);
      // Two calendar days on, the holiday has not counted: no reminder yet.
      await kit.env.sleep(2 * 86_400_000 + 3_600_000 - (openedAt - startAt));
      expect(await reminded()).toBe(0);
      await kit.env.sleep(remindAt - startAt - 2 * 86_400_000);
      await waitFor(async () => (await reminded()) === 2);
      expect((await handle.query(approvalStateQuery)).levels[0]?.escalatedAt).toBeNull();
      await kit.env.sleep(escalateAt - remindAt + 60_000);
      const escalated = await waitFor(async () => {
        const state = await handle.query(approvalStateQuery);
        return state.levels[0]?.escalatedAt ? state : null;
      });
      expect(escalated.pendingApprovers).toContain(users.director);
      // The escalation approver decides for the whole level.
      await handle.executeUpdate(approveUpdate, { args: [as(users.director)] });
      await untilLevel(handle, 2);
      await handle.executeUpdate(approveUpdate, { args: [as(users.financeA)] });
      await handle.executeUpdate(approveUpdate, { args: [as(users.financeB)] });
      return handle.result();
    });
    expect(outcome.result).toBe('approved');
    const tasks = await kit.db.task.findMany({
      where: { organisationId: kit.org.organisationId, workflowId },
    });
    const level1 = tasks
      .filter((t) => t.approvalLevel === 1)
      .map((t) => [t.approverId, t.assignmentReason, t.status]);
    expect(level1).toHaveLength(3);
    expect(level1).toEqual(
      expect.arrayContaining([
        [users.owner, 'assigned', 'cancelled'],
        [users.manager, 'assigned', 'cancelled'],
        [users.director, 'escalated', 'done'],
      ]),
    );
    const actions = (
      await kit.db.auditLog.findMany({
        where: { organisationId: kit.org.organisationId, subjectId: request.subject.id },
        orderBy: { sequence: 'asc' },
      })
    ).map((a) => a.action);
    expect(actions.slice(0, 4)).toEqual([
      'approval.level_opened',
      'approval.reminder_sent',
      'approval.escalated',
      'approval.approve',
    ]);
  });
});

async function waitFor<T>(probe: () => Promise<T | null | false>): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition never became true');
}

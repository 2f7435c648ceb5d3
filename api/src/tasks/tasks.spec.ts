import { stepUpProblem } from '@eventvault/domain';
import { ApiError } from '../errors/api-error';
import { PushQueue } from './push-queue';
import { classifyRefusal } from './task-actions.service';
import { concernsViewer } from './task-feed';
import { toInboxFilter } from './task-inbox.args';

describe('classifyRefusal', () => {
  const now = Date.parse('2026-12-04T10:00:00Z');
  it('turns the step-up problems of the approval validator into STEP_UP_REQUIRED', () => {
    const weak = stepUpProblem(
      { userId: 'u', roles: [], acr: '1', authTime: '2026-12-04T09:59:00Z' },
      now,
      15,
    );
    const stale = stepUpProblem(
      { userId: 'u', roles: [], acr: '2', authTime: '2026-12-04T09:00:00Z' },
      now,
      15,
    );
    for (const message of [weak, stale])
      expect(classifyRefusal(message ?? '', 'open')).toBe('STEP_UP_REQUIRED');
  });

  it('answers CONFLICT for a closed task or a decided level, FORBIDDEN for someone not an approver', () => {
    expect(classifyRefusal('user u is not an approver at level 2 (Finance)', 'cancelled')).toBe('CONFLICT');
    expect(classifyRefusal('level 1 (Budget holder) is already decided: approved', 'open')).toBe('CONFLICT');
    expect(classifyRefusal('no level is waiting for decisions (the approval is approved)', 'open')).toBe(
      'CONFLICT',
    );
    expect(classifyRefusal('user u is not an approver at level 2 (Finance)', 'open')).toBe('FORBIDDEN');
    expect(classifyRefusal('the submitter cannot decide on their own submission', 'open')).toBe('FORBIDDEN');
    expect(classifyRefusal('requesting changes needs a comment saying what to change', 'open')).toBe(
      'VALIDATION',
    );
  });
});

describe('concernsViewer', () => {
  const viewer = { organisationId: 'org', userId: 'me', roles: ['finance'] };
  const notice = {
    organisationId: 'org',
    taskId: 't',
    kind: 'invoice_review',
    status: 'open' as const,
    change: 'created' as const,
    assigneeId: null,
    previousAssigneeId: null,
    candidateRoles: ['finance'],
  };
  it('lets through my tasks, tasks taken from me and open tasks of my roles, in my organisation only', () => {
    expect(concernsViewer(notice, viewer)).toBe(true);
    expect(concernsViewer({ ...notice, candidateRoles: ['admin'] }, viewer)).toBe(false);
    expect(concernsViewer({ ...notice, organisationId: 'other' }, viewer)).toBe(false);
    expect(concernsViewer({ ...notice, assigneeId: 'me', candidateRoles: [] }, viewer)).toBe(true);
    expect(concernsViewer({ ...notice, assigneeId: 'you', previousAssigneeId: 'me' }, viewer)).toBe(true);
    expect(concernsViewer({ ...notice, assigneeId: 'you' }, viewer)).toBe(false);
    expect(concernsViewer({ ...notice, assigneeId: 'me' }, { ...viewer, userId: null })).toBe(false);
  });
});

describe('PushQueue', () => {
  it('hands pushed values to readers in order, and closes once', async () => {
    let closed = 0;
    const queue = new PushQueue<number>(() => (closed += 1), 2);
    const waiting = queue.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    queue.push(4);
    expect(await waiting).toEqual({ value: 1, done: false });
    // At most two wait: the oldest is dropped.
    expect(await queue.next()).toEqual({ value: 3, done: false });
    expect(await queue.next()).toEqual({ value: 4, done: false });
    const pending = queue.next();
    await queue.return();
    await queue.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
    queue.push(5);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });
});

describe('toInboxFilter', () => {
  it('checks every value before it reaches the database', () => {
    expect(toInboxFilter({ amountMin: '1000.00', kinds: ['invoice_review'] }, 'ksh')).toEqual({
      amountMin: '1000.00',
      kinds: ['invoice_review'],
      search: 'ksh',
    });
    expect(() => toInboxFilter({ amountMin: '1e3' }, null)).toThrow(ApiError);
    expect(() => toInboxFilter({ eventId: 'not-an-id' }, null)).toThrow(ApiError);
    expect(() => toInboxFilter({ kinds: ["x'; drop"] }, null)).toThrow(ApiError);
    expect(() => toInboxFilter(null, 'x'.repeat(201))).toThrow(ApiError);
  });
});

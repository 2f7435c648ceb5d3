import {
  type ApproverDirectory,
  assignApprovers,
  buildApprovalChain,
  directoryQuestions,
} from './approval-chain';
import {
  ApprovalPolicyError,
  type ApprovalPolicy,
  defaultApprovalPolicy,
  parseApprovalPolicy,
} from './approval-policy';

const owner = '00000000-0000-4000-8000-000000000001';
const manager = '00000000-0000-4000-8000-000000000002';
const financeA = '00000000-0000-4000-8000-000000000003';
const financeB = '00000000-0000-4000-8000-000000000004';
const director = '00000000-0000-4000-8000-000000000005';
const admin = '00000000-0000-4000-8000-000000000006';
const outsider = '00000000-0000-4000-8000-000000000007';

const policy: ApprovalPolicy = parseApprovalPolicy({
  version: 1,
  currency: 'ZAR',
  levels: [
    {
      name: 'Budget holder',
      approvers: [{ kind: 'budget-line-owner' }, { kind: 'event-manager' }],
      mode: 'any-of',
    },
    { name: 'Finance', approvers: [{ kind: 'role', role: 'finance' }], mode: 'all-of' },
    {
      name: 'Director',
      minimumAmount: '100000.00',
      approvers: [{ kind: 'users', userIds: [director] }],
      mode: 'any-of',
    },
  ],
  fallback: { kind: 'role', role: 'admin' },
  escalation: { kind: 'users', userIds: [director] },
  reminderAfterBusinessDays: 2,
  escalateAfterBusinessDays: 4,
  timeZone: 'Africa/Johannesburg',
  stepUp: { thresholdAmount: '50000', maxAuthAgeMinutes: 15 },
});

const directory: ApproverDirectory = {
  budgetLineOwners: [owner],
  eventManagers: [manager],
  roleMembers: { finance: [financeA, financeB], admin: [admin] },
  existingUsers: [director],
};

const zar = (amount: string) => ({ amount, currency: 'ZAR' });

function chain(amount: string, submittedBy: string | null = null, dir: ApproverDirectory = directory) {
  return buildApprovalChain(policy, { submittedBy, amountInBaseCurrency: zar(amount) }, dir).map((level) => ({
    level: level.level,
    name: level.name,
    mode: level.mode,
    approvers: level.approvers.map((a) => `${a.userId.slice(-1)}:${a.origin}`),
    fallbackUsed: level.fallbackUsed,
  }));
}

describe('buildApprovalChain', () => {
  it('below the director threshold: budget holder (any of owner, manager), then all of finance', () => {
    expect(chain('99999.99')).toEqual([
      {
        level: 1,
        name: 'Budget holder',
        mode: 'any-of',
        approvers: ['1:policy', '2:policy'],
        fallbackUsed: false,
      },
      { level: 2, name: 'Finance', mode: 'all-of', approvers: ['3:policy', '4:policy'], fallbackUsed: false },
    ]);
  });

  it('at the threshold exactly the director level applies too', () => {
    expect(chain('100000.00').map((level) => level.name)).toEqual(['Budget holder', 'Finance', 'Director']);
    expect(chain('100000.01')).toHaveLength(3);
  });

  it('never lets the submitter approve: they are left out of their own level', () => {
    const levels = chain('10.00', financeA);
    expect(levels[1]?.approvers).toEqual(['4:policy']);
  });

  it('a budget holder who is both owner and event manager appears once', () => {
    const levels = chain('10.00', null, { ...directory, eventManagers: [owner] });
    expect(levels[0]?.approvers).toEqual(['1:policy']);
  });

  it('a level left with nobody after removing the submitter falls back, never skipped', () => {
    const levels = chain('10.00', owner, { ...directory, eventManagers: [] });
    expect(levels[0]).toEqual({
      level: 1,
      name: 'Budget holder',
      mode: 'any-of',
      approvers: ['6:fallback'],
      fallbackUsed: true,
    });
  });

  it('a level whose sources are empty (no owner, no manager) falls back', () => {
    const levels = chain('10.00', null, { ...directory, budgetLineOwners: [], eventManagers: [] });
    expect(levels[0]?.fallbackUsed).toBe(true);
    expect(levels).toHaveLength(2);
  });

  it('a named user who does not exist in the organisation does not count, so the fallback approves', () => {
    const levels = chain('200000.00', null, { ...directory, existingUsers: [] });
    expect(levels[2]).toMatchObject({ name: 'Director', approvers: ['6:fallback'], fallbackUsed: true });
  });

  it('refuses to build a chain when even the fallback has nobody eligible', () => {
    expect(() => chain('10.00', admin, { ...directory, budgetLineOwners: [], eventManagers: [] })).toThrow(
      /level 1 \(Budget holder\) has nobody eligible/,
    );
  });

  it('the fallback never includes the submitter either', () => {
    expect(() =>
      chain('10.00', admin, {
        ...directory,
        budgetLineOwners: [],
        eventManagers: [],
        roleMembers: { admin: [admin] },
      }),
    ).toThrow(ApprovalPolicyError);
  });

  it('refuses an amount in another currency than the policy', () => {
    expect(() =>
      buildApprovalChain(
        policy,
        { submittedBy: null, amountInBaseCurrency: { amount: '1.00', currency: 'USD' } },
        directory,
      ),
    ).toThrow(/in USD but the policy is in ZAR/);
  });

  it('numbers levels consecutively when a middle level does not apply', () => {
    const p = parseApprovalPolicy({
      ...policy,
      levels: [policy.levels[0], { ...policy.levels[2] }, policy.levels[1]],
    });
    const levels = buildApprovalChain(p, { submittedBy: null, amountInBaseCurrency: zar('5.00') }, directory);
    expect(levels.map((l) => [l.level, l.name])).toEqual([
      [1, 'Budget holder'],
      [2, 'Finance'],
    ]);
  });

  it('the default policy routes a small invoice to the budget holder then finance, a large one to admins too', () => {
    const p = defaultApprovalPolicy('ZAR');
    const small = buildApprovalChain(
      p,
      { submittedBy: null, amountInBaseCurrency: zar('1000.00') },
      directory,
    );
    const large = buildApprovalChain(
      p,
      { submittedBy: null, amountInBaseCurrency: zar('250000.00') },
      directory,
    );
    expect(small.map((l) => l.name)).toEqual(['Budget holder', 'Finance']);
    expect(large.map((l) => l.name)).toEqual(['Budget holder', 'Finance', 'Executive']);
    expect(large[2]?.approvers.map((a) => a.userId)).toEqual([admin]);
  });

  it('names the roles and users the directory must be asked about', () => {
    expect(directoryQuestions(policy)).toEqual({ roles: ['admin', 'finance'], userIds: [director] });
  });

  it('does not treat an unknown outsider as an approver', () => {
    expect(chain('200000.00').flatMap((l) => l.approvers)).not.toContain(`${outsider.slice(-1)}:policy`);
  });
});

describe('parseApprovalPolicy', () => {
  const valid = JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;

  it.each([
    [{ ...valid, version: 2 }, /version must be 1/],
    [{ ...valid, currency: 'XYZ' }, /currency must be an ISO 4217/],
    [{ ...valid, levels: [] }, /at least one level/],
    [
      { ...valid, levels: [{ name: 'x', mode: 'some-of', approvers: [{ kind: 'event-manager' }] }] },
      /mode must be/,
    ],
    [{ ...valid, levels: [{ name: 'x', mode: 'any-of', approvers: [] }] }, /at least one approver source/],
    [
      { ...valid, levels: [{ name: 'x', mode: 'any-of', approvers: [{ kind: 'boss' }] }] },
      /kind must be one of/,
    ],
    [
      { ...valid, levels: [{ name: 'x', mode: 'any-of', approvers: [{ kind: 'users', userIds: ['bob'] }] }] },
      /userIds\[0\] is not a user id/,
    ],
    [
      {
        ...valid,
        levels: [{ name: 'x', mode: 'any-of', minimumAmount: 100, approvers: [{ kind: 'event-manager' }] }],
      },
      /minimumAmount must be a decimal string/,
    ],
    [
      {
        ...valid,
        levels: [
          { name: 'x', mode: 'any-of', minimumAmount: '1.001', approvers: [{ kind: 'event-manager' }] },
        ],
      },
      /more than 2 decimals/,
    ],
    [
      {
        ...valid,
        levels: [{ name: 'x', mode: 'any-of', minimumAmount: '-1', approvers: [{ kind: 'event-manager' }] }],
      },
      /must not be negative/,
    ],
    [{ ...valid, escalateAfterBusinessDays: 1 }, /must not come before the reminder/],
    [{ ...valid, reminderAfterBusinessDays: 1.5 }, /whole number/],
    [{ ...valid, timeZone: 'Mars/Olympus' }, /IANA time zone/],
    [{ ...valid, stepUp: { thresholdAmount: '1', maxAuthAgeMinutes: 0 } }, /maxAuthAgeMinutes/],
    [{ ...valid, fallback: undefined }, /policy.fallback must be an object/],
    ['not an object', /must be a JSON object/],
  ])('refuses an invalid rule set (%#)', (json, message) => {
    expect(() => parseApprovalPolicy(json)).toThrow(message);
  });

  it('accepts the default policy round-tripped through JSON', () => {
    const p = defaultApprovalPolicy('ZAR');
    expect(parseApprovalPolicy(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });
});

describe('assignApprovers (out of office)', () => {
  const at = '2026-12-07T10:00:00.000Z';
  const away = (userId: string, delegateId: string | null) => ({
    userId,
    startsAt: '2026-12-01T00:00:00.000Z',
    endsAt: '2026-12-10T00:00:00.000Z',
    delegateId,
  });

  it('keeps present approvers', () => {
    expect(assignApprovers([financeA], [], at, null)).toEqual([
      { approverId: financeA, assigneeId: financeA, reason: 'assigned' },
    ]);
  });

  it('gives an absent approver’s task to the delegate', () => {
    expect(assignApprovers([financeA], [away(financeA, director)], at, null)).toEqual([
      { approverId: financeA, assigneeId: director, reason: 'out-of-office' },
    ]);
  });

  it('follows a delegate who is away too, and stops at a cycle', () => {
    expect(
      assignApprovers([financeA], [away(financeA, director), away(director, admin)], at, null)[0]?.assigneeId,
    ).toBe(admin);
    expect(
      assignApprovers([financeA], [away(financeA, director), away(director, financeA)], at, null)[0]
        ?.assigneeId,
    ).toBe(director);
  });

  it('never delegates to the submitter and keeps the task when there is no delegate', () => {
    expect(assignApprovers([financeA], [away(financeA, owner)], at, owner)[0]?.assigneeId).toBe(financeA);
    expect(assignApprovers([financeA], [away(financeA, null)], at, null)[0]?.assigneeId).toBe(financeA);
  });

  it('ignores absences that have ended or not started', () => {
    expect(
      assignApprovers([financeA], [away(financeA, director)], '2026-12-10T00:00:00.000Z', null)[0]
        ?.assigneeId,
    ).toBe(financeA);
    expect(
      assignApprovers([financeA], [away(financeA, director)], '2026-11-30T23:59:59.000Z', null)[0]
        ?.assigneeId,
    ).toBe(financeA);
  });
});

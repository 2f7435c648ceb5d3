import { randomUUID } from 'node:crypto';
import type { ApprovalRequest } from '@eventvault/domain';
import type { Database } from '../../database/client';
import { ApprovalPolicyRepository } from '../approval-policy.repository';

export const approvalTestUsers = [
  'submitter',
  'owner',
  'manager',
  'financeA',
  'financeB',
  'director',
  'admin',
  'deputy',
  'outsider',
] as const;
export type ApprovalTestUser = (typeof approvalTestUsers)[number];

const rolesOf: Partial<Record<ApprovalTestUser, string[]>> = {
  financeA: ['finance'],
  financeB: ['finance'],
  director: ['approver'],
  admin: ['admin'],
  owner: ['approver'],
  manager: ['event_manager'],
};

export interface ApprovalOrganisation {
  readonly organisationId: string;
  readonly users: Readonly<Record<ApprovalTestUser, string>>;
  readonly eventId: string;
  readonly budgetLineId: string;
  request(amount: string, overrides?: Partial<ApprovalRequest>): ApprovalRequest;
}

/**
 * A fresh organisation for approval tests: users with roles, an event with its manager, a budget line with its
 * owner, and a policy: (1) any of budget-line owner and event manager, (2) all of finance, (3) from R100 000 the
 * director; fallback admins; escalation to the director after 4 business days, reminder after 2; step-up above
 * R50 000 within 15 minutes.
 */
export async function createApprovalOrganisation(db: Database): Promise<ApprovalOrganisation> {
  const tag = randomUUID().slice(0, 8);
  const { id: organisationId } = await db.organisation.create({
    data: {
      slug: `approvals-${tag}`,
      legalName: `Approvals ${tag}`,
      baseCurrency: 'ZAR',
      fiscalYearStartMonth: 3,
    },
  });
  const users = {} as Record<ApprovalTestUser, string>;
  for (const name of approvalTestUsers) {
    const user = await db.appUser.create({
      data: {
        organisationId,
        username: `${name}@${tag}.test`,
        displayName: name,
        email: `${name}@${tag}.test`,
        roles: rolesOf[name] ?? [],
      },
    });
    users[name] = user.id;
  }
  const { id: eventId } = await db.event.create({
    data: {
      organisationId,
      name: 'Desert Sound Festival',
      startsOn: new Date('2027-03-05'),
      endsOn: new Date('2027-03-07'),
    },
  });
  await db.stakeholderAssignment.create({
    data: { organisationId, eventId, userId: users.manager, role: 'owner' },
  });
  const { id: categoryId } = await db.budgetCategory.create({
    data: { organisationId, code: 'PROD', name: 'Production' },
  });
  const { id: budgetId } = await db.budget.create({
    data: { organisationId, eventId, name: 'Event budget', currency: 'ZAR', fiscalYear: 2027 },
  });
  const { id: budgetVersionId } = await db.budgetVersion.create({
    data: { organisationId, budgetId, versionNo: 1 },
  });
  const { id: budgetLineId } = await db.budgetLine.create({
    data: {
      organisationId,
      budgetVersionId,
      categoryId,
      code: 'SND-01',
      description: 'Sound',
      amount: '250000.00',
      currency: 'ZAR',
      ownerId: users.owner,
    },
  });
  await new ApprovalPolicyRepository(db, organisationId).save(
    {
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
          approvers: [{ kind: 'users', userIds: [users.director] }],
          mode: 'any-of',
        },
      ],
      fallback: { kind: 'role', role: 'admin' },
      escalation: { kind: 'users', userIds: [users.director] },
      reminderAfterBusinessDays: 2,
      escalateAfterBusinessDays: 4,
      timeZone: 'Africa/Johannesburg',
      stepUp: { thresholdAmount: '50000.00', maxAuthAgeMinutes: 15 },
    },
    users.admin,
  );
  return {
    organisationId,
    users,
    eventId,
    budgetLineId,
    request(amount, overrides = {}) {
      return {
        organisationId,
        subject: { type: 'invoice', id: randomUUID() },
        title: `Approve invoice for R${amount}`,
        submittedBy: users.submitter,
        amount: { amount, currency: 'ZAR' },
        amountInBaseCurrency: { amount, currency: 'ZAR' },
        eventId,
        budgetLineId,
        ...overrides,
      };
    },
  };
}

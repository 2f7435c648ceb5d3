import type { Database } from '../../activities/src/database/client';
import { ApprovalPolicyRepository } from '../../activities/src/approval/approval-policy.repository';
import { BudgetRepository } from '../../activities/src/budgeting/budget.repository';
import { DirectoryRepository } from '../../activities/src/directory/directory.repository';
import { EventRepository } from '../../activities/src/events/event.repository';
import { demoLogins } from '../stack/realm';

/** Which demo user answers for what in Kalahari Live Events' approval policy. */
const kalahari = {
  slug: 'kalahari-live',
  budgetLineOwner: 'approver@kalahari.demo',
  eventManager: 'events@kalahari.demo',
  director: 'director@kalahari.demo',
};

/**
 * Idempotent: gives every demo user their Keycloak realm roles (`app_user.roles`, which the API will later sync from
 * the token), makes the approver the owner of Kalahari's budget lines and the events manager the manager (stakeholder
 * `owner`) of its events, and gives Kalahari an approval policy that routes to the demo users:
 * (1) any of the budget-line owner and the event manager, (2) any of finance, (3) from R100 000 the director;
 * step-up above R50 000. Karoo keeps the default policy. Returns how many rows it changed (0 when all present).
 */
export async function seedDemoApprovals(
  db: Database,
  organisationIds: ReadonlyMap<string, string>,
): Promise<number> {
  let changed = 0;
  const userIds = new Map<string, string>();
  for (const login of demoLogins) {
    const organisationId = organisationIds.get(login.organisation);
    if (organisationId === undefined) continue;
    const directory = new DirectoryRepository(db, organisationId);
    const userId = await directory.userIdByUsername(login.username);
    if (userId === null) continue;
    userIds.set(login.username, userId);
    if (await directory.setRoles(userId, login.roles)) changed += 1;
  }

  const organisationId = organisationIds.get(kalahari.slug);
  const required = (username: string) => {
    const id = userIds.get(username);
    if (id === undefined) throw new Error(`demo user ${username} is missing; seed the users first`);
    return id;
  };
  if (organisationId === undefined) return changed;
  const ownerId = required(kalahari.budgetLineOwner);
  const managerId = required(kalahari.eventManager);
  const directorId = required(kalahari.director);

  changed += await new BudgetRepository(db, organisationId).assignUnownedLines(ownerId);
  const events = new EventRepository(db, organisationId);
  changed += await events.addStakeholders(
    (await events.allIds()).map((eventId) => ({ eventId, userId: managerId, role: 'owner' })),
  );

  const policies = new ApprovalPolicyRepository(db, organisationId);
  if ((await policies.current()).isDefault) {
    await policies.save(
      {
        version: 1,
        currency: 'ZAR',
        levels: [
          {
            name: 'Budget holder',
            approvers: [{ kind: 'budget-line-owner' }, { kind: 'event-manager' }],
            mode: 'any-of',
          },
          { name: 'Finance', approvers: [{ kind: 'role', role: 'finance' }], mode: 'any-of' },
          {
            name: 'Director',
            minimumAmount: '100000.00',
            approvers: [{ kind: 'users', userIds: [directorId] }],
            mode: 'any-of',
          },
        ],
        // The director stands in where a level has nobody else (e.g. finance approving its own upload).
        fallback: { kind: 'users', userIds: [directorId] },
        escalation: { kind: 'users', userIds: [directorId] },
        reminderAfterBusinessDays: 2,
        escalateAfterBusinessDays: 4,
        timeZone: 'Africa/Johannesburg',
        stepUp: { thresholdAmount: '50000.00', maxAuthAgeMinutes: 15 },
      },
      required('admin@kalahari.demo'),
    );
    changed += 1;
  }
  return changed;
}

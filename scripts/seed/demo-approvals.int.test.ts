import { randomBytes } from 'node:crypto';
import { buildApprovalChain, directoryQuestions } from '@eventvault/domain';
import { createDatabase, type Database } from '../../activities/src/database/client';
import {
  type ScratchDatabase,
  createMigratedDatabase,
} from '../../activities/src/database/testing/scratch-database';
import { ApprovalPolicyRepository } from '../../activities/src/approval/approval-policy.repository';
import { ApproverDirectoryRepository } from '../../activities/src/approval/approver-directory.repository';
import { seedDemoData } from './demo-seed';

// The demo seed's approval data routes invoices to the demo users of keycloak/dev-overlay.json.

let scratch: ScratchDatabase;
let db: Database;

beforeAll(async () => {
  scratch = await createMigratedDatabase('demo_approvals');
  db = createDatabase(scratch.url, { maxConnections: 2 });
  await seedDemoData(scratch.url, `seed-test:${randomBytes(32).toString('base64')}`);
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

async function usernames(ids: readonly string[]): Promise<string[]> {
  const users = await db.appUser.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, username: true },
  });
  return ids.map((id) => users.find((user) => user.id === id)?.username ?? id);
}

describe('demo approvals seed', () => {
  it('gives the demo users their realm roles', async () => {
    const users = await db.appUser.findMany({
      select: { username: true, roles: true },
      orderBy: { username: 'asc' },
    });
    const roleOf = Object.fromEntries(users.map((user) => [user.username, user.roles]));
    expect(roleOf['finance@kalahari.demo']).toEqual(['finance']);
    expect(roleOf['director@kalahari.demo']).toEqual(['approver']);
    expect(roleOf['events@kalahari.demo']).toEqual(['event_manager']);
    expect(roleOf['finance@karoo.demo']).toEqual(['finance']);
  });

  it('routes a large Kalahari invoice: approver or events manager, then finance, then the director', async () => {
    const organisation = await db.organisation.findUniqueOrThrow({ where: { slug: 'kalahari-live' } });
    const line = await db.budgetLine.findFirstOrThrow({ where: { organisationId: organisation.id } });
    const version = await db.budgetVersion.findFirstOrThrow({ where: { id: line.budgetVersionId } });
    const budget = await db.budget.findFirstOrThrow({ where: { id: version.budgetId } });
    const { policy, isDefault } = await new ApprovalPolicyRepository(db, organisation.id).current();
    expect(isDefault).toBe(false);
    const directory = await new ApproverDirectoryRepository(db, organisation.id).snapshot({
      budgetLineId: line.id,
      eventId: budget.eventId,
      ...directoryQuestions(policy),
    });
    const submitter = await db.appUser.findFirstOrThrow({
      where: { organisationId: organisation.id, username: 'admin@kalahari.demo' },
    });
    const chain = buildApprovalChain(
      policy,
      { submittedBy: submitter.id, amountInBaseCurrency: { amount: '150000.00', currency: 'ZAR' } },
      directory,
    );
    const levels = await Promise.all(
      chain.map(async (level) => [level.name, await usernames(level.approvers.map((a) => a.userId))]),
    );
    expect(levels).toEqual([
      ['Budget holder', expect.arrayContaining(['approver@kalahari.demo', 'events@kalahari.demo'])],
      ['Finance', ['finance@kalahari.demo']],
      ['Director', ['director@kalahari.demo']],
    ]);
  });

  it('changes nothing on a second run', async () => {
    await expect(seedDemoData(scratch.url, `seed-test:${randomBytes(32).toString('base64')}`)).resolves.toBe(
      'already present',
    );
  });
});

import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '../database/client';
import { createMigratedDatabase, type ScratchDatabase } from '../database/testing/scratch-database';
import { ApproverDirectoryRepository } from './approver-directory.repository';

// Who an approval task can be handed to, on a real PostgreSQL: holders of the roles asked for, in the organisation,
// minus those out of office, those already holding a slot of the task's level (as approver or delegate) and the
// people excluded by the caller (the holder, the submitter).

let scratch: ScratchDatabase;
let db: Database;

describe('ApproverDirectoryRepository.delegationCandidates', () => {
  const people: Record<string, string> = {};
  let org = '';
  const workflowId = `invoice-intake-x-approval-1`;
  const now = new Date('2027-02-10T09:00:00Z');
  const approvingRoles = ['admin', 'finance', 'approver', 'event_manager'];

  async function user(organisationId: string, name: string, roles: string[]): Promise<string> {
    const { id } = await db.appUser.create({
      data: { organisationId, username: name, displayName: name, email: `${name}@example.test`, roles },
    });
    return id;
  }

  beforeAll(async () => {
    scratch = await createMigratedDatabase('delegation_candidates');
    db = createDatabase(scratch.url, { maxConnections: 2 });
    org = (
      await db.organisation.create({
        data: { slug: 'delegation', legalName: 'delegation', baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
      })
    ).id;
    const otherOrg = (
      await db.organisation.create({
        data: { slug: 'delegation-other', legalName: 'other', baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
      })
    ).id;
    people['holder'] = await user(org, 'Hanna Holder', ['approver']);
    people['submitter'] = await user(org, 'Sam Submitter', ['event_manager']);
    people['finance'] = await user(org, 'Fiona Finance', ['finance']);
    people['director'] = await user(org, 'Dirk Director', ['approver']);
    people['colleague'] = await user(org, 'Cleo Colleague', ['approver']);
    people['away'] = await user(org, 'Abe Away', ['admin']);
    people['returned'] = await user(org, 'Rita Returned', ['admin']);
    people['supplier'] = await user(org, 'Sipho Supplier', ['supplier']);
    people['auditor'] = await user(org, 'Aya Auditor', ['auditor']);
    people['elsewhere'] = await user(otherOrg, 'Eli Elsewhere', ['approver']);

    const slot = (approverId: string, assigneeId: string, level = 1) => ({
      id: randomUUID(),
      organisationId: org,
      kind: 'invoice_approval',
      title: 'Invoice',
      subjectType: 'invoice',
      subjectId: randomUUID(),
      workflowId,
      approvalLevel: level,
      approverId,
      assigneeId,
    });
    await db.task.createMany({
      data: [
        slot(people['holder'], people['holder']),
        // The colleague's own slot at this level was delegated to the director: both hold it.
        { ...slot(people['colleague'], people['director']), status: 'open', assignmentReason: 'delegated' },
        // A slot at the next level does not stand in the way at this one.
        slot(people['finance'], people['finance'], 2),
      ],
    });
    await db.approverAbsence.createMany({
      data: [
        {
          organisationId: org,
          userId: people['away'],
          startsAt: new Date('2027-02-09T00:00:00Z'),
          endsAt: new Date('2027-02-12T00:00:00Z'),
        },
        {
          organisationId: org,
          userId: people['returned'],
          startsAt: new Date('2027-02-01T00:00:00Z'),
          endsAt: new Date('2027-02-10T09:00:00Z'),
        },
      ],
    });
  });

  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  it('lists approving colleagues by name: not the excluded, not those at the level, not the absent', async () => {
    const candidates = await new ApproverDirectoryRepository(db, org).delegationCandidates({
      workflowId,
      level: 1,
      roles: approvingRoles,
      exclude: [people['holder']!, people['submitter']!],
      at: now,
    });
    expect(candidates.map((c) => c.displayName)).toEqual(['Fiona Finance', 'Rita Returned']);
    expect(candidates[0]).toEqual({
      userId: people['finance'],
      username: 'Fiona Finance',
      displayName: 'Fiona Finance',
      email: 'Fiona Finance@example.test',
      roles: ['finance'],
    });
  });

  it('lets a level without slots of theirs offer them, and asks for nothing outside the roles given', async () => {
    const candidates = await new ApproverDirectoryRepository(db, org).delegationCandidates({
      workflowId,
      level: 2,
      roles: ['approver'],
      exclude: [],
      at: now,
    });
    expect(candidates.map((c) => c.displayName)).toEqual(['Cleo Colleague', 'Dirk Director', 'Hanna Holder']);
  });
});

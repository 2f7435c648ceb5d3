import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '../database/client';
import { createMigratedDatabase, type ScratchDatabase } from '../database/testing/scratch-database';
import { type ChangeNotice, ChangeListener } from './change-listener';

// The triggers of the task-inbox migration and the listener that reads them, on a real PostgreSQL: task created,
// reassigned and closed; a journal posting on an event; and a listener whose connection is killed reconnects.

let scratch: ScratchDatabase;
let db: Database;
let listener: ChangeListener;
const received: ChangeNotice[] = [];
let reconnects = 0;
const ids = { org: '', a: '', b: '', event: '' };

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  scratch = await createMigratedDatabase('change_listener');
  db = createDatabase(scratch.url, { maxConnections: 2 });
  const org = await db.organisation.create({
    data: { slug: 'listener-test', legalName: 'Listener', baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
  });
  ids.org = org.id;
  for (const name of ['a', 'b'] as const) {
    ids[name] = (
      await db.appUser.create({
        data: { organisationId: org.id, username: name, displayName: name, email: `${name}@example.test` },
      })
    ).id;
  }
  ids.event = (
    await db.event.create({
      data: {
        organisationId: org.id,
        name: 'Fest',
        startsOn: new Date('2026-06-01'),
        endsOn: new Date('2026-06-02'),
      },
    })
  ).id;
  listener = new ChangeListener(scratch.url, { reconnectDelayMs: 50 });
  listener.subscribe((change) => received.push(change));
  listener.onReconnect(() => {
    reconnects += 1;
  });
  await listener.start();
});

afterAll(async () => {
  await listener?.stop();
  await db?.$disconnect();
  await scratch?.drop();
});

async function openTask(fields: { assigneeId?: string; candidateRoles?: string[] }): Promise<string> {
  const id = randomUUID();
  await db.task.create({
    data: {
      id,
      organisationId: ids.org,
      kind: 'invoice_review',
      title: 'Review',
      subjectType: 'document',
      subjectId: randomUUID(),
      ...fields,
    },
  });
  return id;
}

const taskNotice = (taskId: string, change: string) => () =>
  received.find(
    (c) => c.channel === 'task_changed' && c.notice.taskId === taskId && c.notice.change === change,
  );

describe('task and budget-actual change notifications', () => {
  it('announces a task created, reassigned and closed, with who holds it and the roles it is open to', async () => {
    const taskId = await openTask({ candidateRoles: ['finance'] });
    const created = await until('created', taskNotice(taskId, 'created'));
    expect(created.notice).toEqual({
      organisationId: ids.org,
      taskId,
      kind: 'invoice_review',
      status: 'open',
      change: 'created',
      assigneeId: null,
      previousAssigneeId: null,
      candidateRoles: ['finance'],
    });
    await db.task.update({ where: { id: taskId }, data: { assigneeId: ids.a } });
    await db.task.update({ where: { id: taskId }, data: { assigneeId: ids.b } });
    const reassigned = await until('reassigned to b', () =>
      received.find(
        (c) => c.channel === 'task_changed' && c.notice.taskId === taskId && c.notice.assigneeId === ids.b,
      ),
    );
    expect(reassigned.notice).toMatchObject({ change: 'reassigned', previousAssigneeId: ids.a });
    await db.task.update({ where: { id: taskId }, data: { status: 'done', completedAt: new Date() } });
    expect((await until('closed', taskNotice(taskId, 'closed'))).notice).toMatchObject({ status: 'done' });
    // A change that moves nobody (a title) announces nothing.
    const before = received.length;
    await db.task.update({ where: { id: taskId }, data: { title: 'Renamed' } });
    await openTask({});
    await until('the next task', () => (received.length > before ? true : undefined));
    expect(
      received.slice(before).every((c) => c.channel === 'task_changed' && c.notice.taskId !== taskId),
    ).toBe(true);
  });

  it('announces a journal posting on an event once per budget line, after commit', async () => {
    const period = await db.accountingPeriod.create({
      data: {
        organisationId: ids.org,
        fiscalYear: 2027,
        startsOn: new Date('2026-06-01'),
        endsOn: new Date('2026-06-30'),
      },
    });
    await db.$transaction(async (tx) => {
      const entry = await tx.journalEntry.create({
        data: {
          organisationId: ids.org,
          periodId: period.id,
          entryDate: new Date('2026-06-01'),
          description: 'Stage',
        },
      });
      await tx.journalLine.createMany({
        data: [
          {
            organisationId: ids.org,
            entryId: entry.id,
            lineNo: 1,
            accountCode: '5100',
            debit: '100',
            currency: 'ZAR',
            eventId: ids.event,
          },
          {
            organisationId: ids.org,
            entryId: entry.id,
            lineNo: 2,
            accountCode: '5100',
            debit: '50',
            currency: 'ZAR',
            eventId: ids.event,
          },
          {
            organisationId: ids.org,
            entryId: entry.id,
            lineNo: 3,
            accountCode: '2000',
            credit: '150',
            currency: 'ZAR',
          },
        ],
      });
    });
    const notice = await until('budget actual', () =>
      received.find((c) => c.channel === 'budget_actual_changed'),
    );
    expect(notice.notice).toEqual({ organisationId: ids.org, eventId: ids.event, budgetLineId: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.filter((c) => c.channel === 'budget_actual_changed')).toHaveLength(1);
  });

  it('reconnects when its connection is killed, and hears changes again', async () => {
    const killed = await db.$queryRaw<{ killed: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
      WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`;
    expect(killed.map((row) => row.killed)).toEqual([true]);
    await until('a reconnect', () => (reconnects > 0 ? true : undefined));
    expect(listener.listening).toBe(true);
    const taskId = await openTask({ assigneeId: ids.a });
    await until('a notice after the reconnect', taskNotice(taskId, 'created'));
  });
});

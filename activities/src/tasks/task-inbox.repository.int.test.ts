import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '../database/client';
import { createMigratedDatabase, type ScratchDatabase } from '../database/testing/scratch-database';
import { Prisma } from '../generated/prisma/client';
import {
  type InboxViewer,
  type TaskInboxCursor,
  type TaskInboxFilter,
  TaskInboxRepository,
  type TaskInboxSort,
} from './task-inbox.repository';
import { generateInboxTasks } from './testing/generated-tasks';

// The inbox on a real PostgreSQL: who sees which task, every filter, keyset pages in every order, counts per kind;
// and, on an organisation of 100 000 generated tasks, that the inbox query is served by the task indexes (the
// timing lives in the bench script, scripts/bench/inbox.ts, not in a test).

let scratch: ScratchDatabase;
let db: Database;

async function organisation(slug: string): Promise<string> {
  const { id } = await db.organisation.create({
    data: { slug, legalName: slug, baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
  });
  return id;
}

async function user(organisationId: string, name: string, roles: string[]): Promise<string> {
  const { id } = await db.appUser.create({
    data: { organisationId, username: name, displayName: name, email: `${name}@example.test`, roles },
  });
  return id;
}

async function event(organisationId: string, name: string): Promise<string> {
  const { id } = await db.event.create({
    data: { organisationId, name, startsOn: new Date('2027-03-05'), endsOn: new Date('2027-03-07') },
  });
  return id;
}

async function supplier(organisationId: string, name: string): Promise<string> {
  const { id } = await db.supplier.create({ data: { organisationId, name } });
  return id;
}

describe('TaskInboxRepository', () => {
  const home = {
    org: '',
    me: '',
    colleague: '',
    finance: '',
    festival: '',
    conference: '',
    sound: '',
    catering: '',
  };
  let other = { org: '', finance: '' };
  const taskIds: Record<string, string> = {};
  let inbox: TaskInboxRepository;
  let me: InboxViewer;
  let finance: InboxViewer;

  async function task(
    name: string,
    fields: Partial<Prisma.TaskCreateManyInput> & { organisationId?: string },
  ): Promise<void> {
    const id = randomUUID();
    taskIds[name] = id;
    await db.task.createMany({
      data: [
        {
          id,
          organisationId: home.org,
          kind: 'invoice_approval',
          title: `Task ${name}`,
          subjectType: 'invoice',
          subjectId: randomUUID(),
          ...fields,
        },
      ],
    });
  }

  beforeAll(async () => {
    scratch = await createMigratedDatabase('task_inbox');
    db = createDatabase(scratch.url, { maxConnections: 4 });
    home.org = await organisation('inbox-home');
    home.me = await user(home.org, 'me', ['approver']);
    home.colleague = await user(home.org, 'colleague', ['approver']);
    home.finance = await user(home.org, 'finance', ['finance']);
    home.festival = await event(home.org, 'Desert Sound Festival');
    home.conference = await event(home.org, 'Karoo Tech Conference');
    home.sound = await supplier(home.org, 'Karoo Sound Hire');
    home.catering = await supplier(home.org, 'Namib Catering');
    const otherOrg = await organisation('inbox-other');
    other = { org: otherOrg, finance: await user(otherOrg, 'finance', ['finance']) };

    const at = (day: number) => new Date(Date.UTC(2027, 1, day, 9));
    await task('mine-small', {
      assigneeId: home.me,
      approverId: home.me,
      approvalLevel: 1,
      workflowId: 'wf-1',
      amount: '1200.0000',
      currency: 'ZAR',
      eventId: home.festival,
      supplierId: home.sound,
      title: 'Karoo Sound Hire invoice KSH-0042',
      dueAt: at(10),
      createdAt: at(1),
    });
    await task('mine-large', {
      assigneeId: home.me,
      approverId: home.me,
      approvalLevel: 1,
      workflowId: 'wf-2',
      amount: '85000.5000',
      currency: 'ZAR',
      eventId: home.conference,
      supplierId: home.catering,
      title: 'Namib Catering invoice NC-2027-7',
      dueAt: at(5),
      createdAt: at(2),
    });
    await task('delegated-to-me', {
      assigneeId: home.me,
      approverId: home.colleague,
      approvalLevel: 1,
      workflowId: 'wf-3',
      assignmentReason: 'delegated',
      amount: '5000.0000',
      currency: 'ZAR',
      eventId: home.festival,
      supplierId: home.catering,
      createdAt: at(3),
    });
    await task('colleagues', {
      assigneeId: home.colleague,
      approverId: home.colleague,
      approvalLevel: 1,
      workflowId: 'wf-4',
      amount: '10.0000',
      currency: 'ZAR',
      createdAt: at(4),
    });
    await task('review-for-finance', {
      kind: 'invoice_review',
      subjectType: 'document',
      candidateRoles: ['finance'],
      eventId: home.festival,
      supplierId: home.sound,
      title: 'Review invoice KSH-0099: the VAT does not add up',
      createdAt: at(5),
    });
    await task('mine-done', {
      assigneeId: home.me,
      approverId: home.me,
      approvalLevel: 2,
      workflowId: 'wf-1',
      status: 'done',
      completedAt: at(6),
      createdAt: at(6),
    });
    await task('other-org-review', {
      organisationId: other.org,
      kind: 'invoice_review',
      subjectType: 'document',
      candidateRoles: ['finance'],
      createdAt: at(7),
    });
    inbox = new TaskInboxRepository(db, home.org);
    me = { userId: home.me, roles: ['approver'] };
    finance = { userId: home.finance, roles: ['finance'] };
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  const names = (ids: readonly { id: string }[]) =>
    ids.map(({ id }) => Object.entries(taskIds).find(([, value]) => value === id)?.[0] ?? id);

  async function all(viewer: InboxViewer, filter?: TaskInboxFilter, sort?: TaskInboxSort) {
    return names((await inbox.page(viewer, { filter, sort, first: 50 })).items);
  }

  it('shows what is assigned or delegated to me and the open tasks of my roles, newest first, in my organisation only', async () => {
    expect(await all(me)).toEqual(['delegated-to-me', 'mine-large', 'mine-small']);
    expect(await all(finance)).toEqual(['review-for-finance']);
    expect(await all({ userId: null, roles: ['finance'] })).toEqual(['review-for-finance']);
    expect(await all({ userId: home.colleague, roles: ['approver', 'finance'] })).toEqual([
      'review-for-finance',
      'colleagues',
    ]);
    expect(names((await new TaskInboxRepository(db, other.org).page(me, { first: 50 })).items)).toEqual([]);
    expect(
      names(
        (
          await new TaskInboxRepository(db, other.org).page(
            { userId: other.finance, roles: ['finance'] },
            { first: 50 },
          )
        ).items,
      ),
    ).toEqual(['other-org-review']);
  });

  it('fills the supplier and search text, and returns exact amounts as decimal text', async () => {
    const page = await inbox.page(me, { first: 1, filter: { search: 'nc-2027' } });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: taskIds['mine-large'],
      supplierId: home.catering,
      supplierName: 'Namib Catering',
      amount: '85000.5000',
      currency: 'ZAR',
      status: 'open',
    });
  });

  it('filters by status, kind, event, supplier, amount range, due date and free text', async () => {
    expect(await all(me, { status: 'closed' })).toEqual(['mine-done']);
    expect(await all(finance, { kinds: ['invoice_review'] })).toEqual(['review-for-finance']);
    expect(await all(me, { kinds: ['invoice_review'] })).toEqual([]);
    expect(await all(me, { eventId: home.festival })).toEqual(['delegated-to-me', 'mine-small']);
    expect(await all(me, { supplierId: home.catering })).toEqual(['delegated-to-me', 'mine-large']);
    expect(await all(me, { amountMin: '1200', amountMax: '5000' })).toEqual([
      'delegated-to-me',
      'mine-small',
    ]);
    expect(await all(me, { amountMin: '85000.5' })).toEqual(['mine-large']);
    expect(await all(me, { dueBefore: new Date(Date.UTC(2027, 1, 6)) })).toEqual(['mine-large']);
    expect(await all(me, { search: 'karoo sound' })).toEqual(['mine-small']);
    expect(await all(me, { search: 'KSH-0042' })).toEqual(['mine-small']);
    expect(await all(me, { search: 'namib' })).toEqual(['delegated-to-me', 'mine-large']);
    expect(await all(finance, { search: 'vat does not' })).toEqual(['review-for-finance']);
    expect(await all(me, { search: '100%' })).toEqual([]);
    expect(() => inbox.visibleWhere(me, { amountMin: '1e3' })).toThrow(RangeError);
  });

  it('sorts by created, due date and amount, both ways', async () => {
    expect(await all(me, {}, { field: 'created', direction: 'asc' })).toEqual([
      'mine-small',
      'mine-large',
      'delegated-to-me',
    ]);
    expect(await all(me, {}, { field: 'due', direction: 'asc' })).toEqual([
      'mine-large',
      'mine-small',
      'delegated-to-me',
    ]);
    expect(await all(me, {}, { field: 'amount', direction: 'desc' })).toEqual([
      'mine-large',
      'delegated-to-me',
      'mine-small',
    ]);
    expect(await all(me, {}, { field: 'amount', direction: 'asc' })).toEqual([
      'mine-small',
      'delegated-to-me',
      'mine-large',
    ]);
  });

  it('pages with a keyset cursor: every task once, in order, with the total count', async () => {
    for (const sort of [
      { field: 'created', direction: 'desc' },
      { field: 'due', direction: 'asc' },
      { field: 'amount', direction: 'desc' },
    ] as const) {
      const seen: string[] = [];
      let after: TaskInboxCursor | null = null;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await inbox.page(me, { sort, first: 1, after });
        expect(page.totalCount).toBe(3);
        seen.push(...names(page.items));
        after = page.next;
        if (after === null) break;
      }
      expect(seen).toEqual(await all(me, {}, sort));
    }
  });

  it('counts the tasks of each kind I see', async () => {
    expect(await inbox.counts({ userId: home.me, roles: ['approver', 'finance'] })).toEqual([
      { kind: 'invoice_approval', count: 3 },
      { kind: 'invoice_review', count: 1 },
    ]);
    expect(await inbox.counts(me, { status: 'closed' })).toEqual([{ kind: 'invoice_approval', count: 1 }]);
  });

  it('finds one task only for someone who may see it', async () => {
    expect((await inbox.find(me, taskIds['mine-done']!))?.status).toBe('done');
    expect(await inbox.find(me, taskIds['colleagues']!)).toBeNull();
    expect(await inbox.find(me, taskIds['review-for-finance']!)).toBeNull();
    expect(await new TaskInboxRepository(db, other.org).find(me, taskIds['mine-small']!)).toBeNull();
  });

  describe('with 100 000 tasks', () => {
    let big: string;
    let viewer: InboxViewer;
    let bigInbox: TaskInboxRepository;

    beforeAll(async () => {
      const generated = await generateInboxTasks(db, 'inbox-big', 100_000);
      big = generated.organisationId;
      viewer = { userId: generated.approverIds[7]!, roles: ['approver'] };
      bigInbox = new TaskInboxRepository(db, big);
    }, 300_000);

    async function plan(query: Prisma.Sql): Promise<string> {
      const explained = Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`;
      const rows = await db.$queryRaw<{ 'QUERY PLAN': unknown }[]>(explained);
      return JSON.stringify(rows[0]?.['QUERY PLAN']);
    }

    function scansOfTask(planJson: string): string[] {
      const scans: string[] = [];
      const visit = (node: Record<string, unknown>) => {
        // Bitmap index scans name only their index; the heap scan above them names the table.
        const index = typeof node['Index Name'] === 'string' ? node['Index Name'] : '';
        if (node['Relation Name'] === 'task' || index.startsWith('task_')) {
          scans.push(`${String(node['Node Type'])} ${index}`.trim());
        }
        for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) visit(child);
      };
      for (const entry of JSON.parse(planJson) as { Plan: Record<string, unknown> }[]) visit(entry.Plan);
      return scans;
    }

    it.each([
      ['the first page, newest first', {}],
      ['a page sorted by due date', { sort: { field: 'due', direction: 'asc' } as const }],
      [
        'a page above an amount, by amount',
        { filter: { amountMin: '1000' }, sort: { field: 'amount', direction: 'desc' } as const },
      ],
      ['a search', { filter: { search: 'big-4242' } }],
      ['a page of closed tasks', { filter: { status: 'closed' } as const }],
    ])(
      'serves %s from the task indexes, never a sequential scan of the task table',
      async (_name, options) => {
        const query = bigInbox.pageQuery(viewer, { ...options, first: 50 });
        const scans = scansOfTask(await plan(query));
        expect(scans.length).toBeGreaterThan(0);
        expect(scans.filter((scan) => scan.startsWith('Seq Scan'))).toEqual([]);
        expect(scans.some((scan) => / task_(inbox|search|assignee_open)_idx$/.test(scan))).toBe(true);
      },
    );

    it('pages through a large inbox to the same tasks the count announces', async () => {
      const generated = Array.from({ length: 100_000 }, (_, i) => i + 1).filter((n) => n % 7 !== 1);
      const mine = generated.filter((n) => n % 10 !== 0 && n % 40 === 7).length;
      const reviews = generated.filter((n) => n % 10 === 0).length;
      const first = await bigInbox.page(viewer, { first: 200 });
      expect(first.totalCount).toBe(mine);
      const second = await bigInbox.page(viewer, { first: 200, after: first.next });
      const ids = new Set([...first.items, ...second.items].map((item) => item.id));
      expect(ids.size).toBe(400);
      expect(first.items[0]!.createdAt.getTime()).toBeGreaterThan(second.items[0]!.createdAt.getTime());
      expect(await bigInbox.counts({ ...viewer, roles: ['approver', 'finance'] })).toEqual([
        { kind: 'invoice_review', count: reviews },
        { kind: 'invoice_approval', count: mine },
      ]);
    });
  });
});

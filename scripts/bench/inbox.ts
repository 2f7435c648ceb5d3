import { createDatabase } from '../../activities/src/database/client';
import { createMigratedDatabase } from '../../activities/src/database/testing/scratch-database';
import {
  type InboxViewer,
  type TaskInboxFilter,
  TaskInboxRepository,
  type TaskInboxSort,
} from '../../activities/src/tasks/task-inbox.repository';
import { generateInboxTasks } from '../../activities/src/tasks/testing/generated-tasks';
import { type Benchmark, ms } from './benchmark';
import { runContext } from './result';
import { summarise } from './stats';

/**
 * The task inbox over `--tasks` generated tasks, on a database of its own (created on the stack's PostgreSQL and
 * dropped afterwards): `--queries` inbox pages of 50 in a mix of shapes (first page, next page, sorted by due date
 * or amount, filtered by event and amount, a search, closed tasks, finance's pool, counts per kind) as one of 40
 * approvers or finance, through the repository the myTasks resolver uses.
 */
export const inboxBenchmark: Benchmark = {
  name: 'inbox',
  needs: 'database',
  async run({ stack, options, log }) {
    const { tasks, queries } = options.sizes;
    const run = runContext(stack.label);
    process.env.DATABASE_URL = stack.env.DATABASE_URL;
    const scratch = await createMigratedDatabase('bench_inbox');
    const db = createDatabase(scratch.url, { maxConnections: 2 });
    try {
      log(`  generating ${tasks} tasks…`);
      const started = performance.now();
      const inbox = await generateInboxTasks(db, 'bench-inbox', tasks);
      const generateSeconds = (performance.now() - started) / 1000;
      const repo = new TaskInboxRepository(db, inbox.organisationId);
      const approver = (i: number): InboxViewer => ({
        userId: inbox.approverIds[i % 40] ?? null,
        roles: ['approver'],
      });
      const finance: InboxViewer = { userId: null, roles: ['finance'] };
      const page = (viewer: InboxViewer, filter?: TaskInboxFilter, sort?: TaskInboxSort) =>
        repo.page(viewer, { first: 50, ...(filter ? { filter } : {}), ...(sort ? { sort } : {}) });
      const shapes: Record<string, (i: number) => Promise<unknown>> = {
        firstPage: (i) => page(approver(i)),
        nextPage: async (i) => {
          const first = await page(approver(i));
          return repo.page(approver(i), { first: 50, after: first.next });
        },
        byDueDate: (i) => page(approver(i), {}, { field: 'due', direction: 'asc' }),
        byAmount: (i) => page(approver(i), {}, { field: 'amount', direction: 'desc' }),
        eventAndAmount: (i) => page(approver(i), { eventId: inbox.eventIds[i % 2]!, amountMin: '10000' }),
        search: (i) => page(approver(i), { search: `big-${(i * 40 + 7) % tasks}` }),
        closed: (i) => page(approver(i), { status: 'closed' }),
        financePool: () => page(finance, { kinds: ['invoice_review'] }),
        counts: (i) => repo.counts({ ...approver(i), roles: ['approver', 'finance'] }),
      };
      // Warm the connection and the caches once per shape; what is measured is steady state.
      for (const shape of Object.values(shapes)) await shape(0);
      const names = Object.keys(shapes);
      const times: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
      log(`  timing ${queries} inbox queries…`);
      for (let i = 0; i < queries; i += 1) {
        const name = names[i % names.length]!;
        const began = performance.now();
        await shapes[name]!(i);
        times[name]!.push(performance.now() - began);
      }
      const overall = summarise(Object.values(times).flat());
      return {
        result: {
          benchmark: 'inbox',
          run,
          sizes: { tasks, queries, pageSize: 50 },
          method: {
            overall:
              'Wall time of each TaskInboxRepository call (the repository behind myTasks and taskCounts) on a generated database of its own, one call at a time after one warm-up per shape, queries spread evenly over the shapes.',
            generateSeconds: 'Time to generate the tasks with one set-based INSERT … SELECT, and ANALYZE.',
          },
          figures: {
            generateSeconds: Math.round(generateSeconds * 10) / 10,
            overall,
            shapes: Object.fromEntries(Object.entries(times).map(([name, t]) => [name, summarise(t)])),
          },
        },
        summary: [
          {
            figure: 'inbox query (repository)',
            value: `p50 ${ms(overall.p50Ms)}`,
            detail: `p99 ${ms(overall.p99Ms)}`,
            sizes: `${tasks} tasks, ${queries} queries`,
          },
        ],
      };
    } finally {
      await db.$disconnect();
      await scratch.drop();
    }
  },
};

/**
 * `npm run bench:inbox [-- --stack dev|test] [--tasks 100000] [--queries 200]`: times the task inbox on a database of
 * its own (created on the chosen stack's PostgreSQL, which must be running, and dropped afterwards) holding `--tasks`
 * generated tasks. Runs `--queries` inbox pages of 50 in a mix of shapes (first page, next page, sorted by due date or
 * amount, filtered by event and amount, a search, closed tasks, counts per kind) as one of 40 approvers or finance,
 * and writes p50/p99 per shape and overall, with the machine's core count, to bench/results/inbox.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { resolve } from 'node:path';
import { createDatabase } from '../../activities/src/database/client';
import { createMigratedDatabase } from '../../activities/src/database/testing/scratch-database';
import {
  type InboxViewer,
  type TaskInboxFilter,
  TaskInboxRepository,
  type TaskInboxSort,
} from '../../activities/src/tasks/task-inbox.repository';
import { generateInboxTasks } from '../../activities/src/tasks/testing/generated-tasks';
import { loadProfile, type ProfileName } from '../stack/profile';

const repository = resolve(__dirname, '..', '..');

function parseArguments(args: readonly string[]): { stack: ProfileName; tasks: number; queries: number } {
  const options = { stack: 'dev' as ProfileName, tasks: 100_000, queries: 200 };
  for (let i = 0; i < args.length; i += 1) {
    const [name, inline] = (args[i] ?? '').split('=', 2);
    const value = inline ?? args[++i] ?? '';
    if (name === '--stack' && (value === 'dev' || value === 'test')) options.stack = value;
    else if (name === '--tasks') options.tasks = Number(value);
    else if (name === '--queries') options.queries = Number(value);
    else throw new Error(`unknown argument ${args[i]}: use --stack dev|test, --tasks N, --queries N`);
  }
  if (!Number.isInteger(options.tasks) || options.tasks < 1)
    throw new Error('--tasks must be a positive integer');
  if (!Number.isInteger(options.queries) || options.queries < 1)
    throw new Error('--queries must be a positive integer');
  return options;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}

function summary(milliseconds: readonly number[]) {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  return {
    queries: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: percentile(sorted, 100),
  };
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  process.env.DATABASE_URL = loadProfile(options.stack).appEnv.DATABASE_URL;
  const scratch = await createMigratedDatabase('bench_inbox');
  const db = createDatabase(scratch.url, { maxConnections: 2 });
  try {
    const started = performance.now();
    const inbox = await generateInboxTasks(db, 'bench-inbox', options.tasks);
    const generateSeconds = (performance.now() - started) / 1000;
    const repo = new TaskInboxRepository(db, inbox.organisationId);
    const approver = (i: number): InboxViewer => ({
      userId: inbox.approverIds[i % 40] ?? null,
      roles: ['approver'],
    });
    const finance: InboxViewer = { userId: null, roles: ['finance'] };
    type Shape = (i: number) => Promise<unknown>;
    const page = (viewer: InboxViewer, filter?: TaskInboxFilter, sort?: TaskInboxSort) =>
      repo.page(viewer, { first: 50, ...(filter ? { filter } : {}), ...(sort ? { sort } : {}) });
    const shapes: Record<string, Shape> = {
      firstPage: (i) => page(approver(i)),
      nextPage: async (i) => {
        const first = await page(approver(i));
        return repo.page(approver(i), { first: 50, after: first.next });
      },
      byDueDate: (i) => page(approver(i), {}, { field: 'due', direction: 'asc' }),
      byAmount: (i) => page(approver(i), {}, { field: 'amount', direction: 'desc' }),
      eventAndAmount: (i) => page(approver(i), { eventId: inbox.eventIds[i % 2]!, amountMin: '10000' }),
      search: (i) => page(approver(i), { search: `big-${(i * 40 + 7) % options.tasks}` }),
      closed: (i) => page(approver(i), { status: 'closed' }),
      financePool: () => page(finance, { kinds: ['invoice_review'] }),
      counts: (i) => repo.counts({ ...approver(i), roles: ['approver', 'finance'] }),
    };
    // Warm the connection and the caches once per shape; what is measured is steady state.
    for (const shape of Object.values(shapes)) await shape(0);
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(shapes).map((name) => [name, []]));
    const names = Object.keys(shapes);
    for (let i = 0; i < options.queries; i += 1) {
      const name = names[i % names.length]!;
      const began = performance.now();
      await shapes[name]!(i);
      times[name]!.push(performance.now() - began);
    }
    const result = {
      generatedAt: new Date().toISOString(),
      stack: options.stack,
      machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
      tasks: options.tasks,
      generateSeconds: Math.round(generateSeconds * 10) / 10,
      pageSize: 50,
      overall: summary(Object.values(times).flat()),
      shapes: Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, summary(ms)])),
    };
    await mkdir(resolve(repository, 'bench/results'), { recursive: true });
    await writeFile(resolve(repository, 'bench/results/inbox.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `inbox over ${options.tasks} tasks, ${options.queries} queries on ${result.machine.cores} cores:`,
    );
    for (const [name, s] of Object.entries(result.shapes)) {
      console.log(
        `  ${name.padEnd(16)} p50 ${String(s.p50Ms).padStart(7)} ms   p99 ${String(s.p99Ms).padStart(7)} ms`,
      );
    }
    console.log(
      `  ${'overall'.padEnd(16)} p50 ${String(result.overall.p50Ms).padStart(7)} ms   p99 ${String(result.overall.p99Ms).padStart(7)} ms`,
    );
    console.log('written to bench/results/inbox.json');
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

/** The command line of `npm run bench`: which benchmarks, against which stack, at which sizes. */

// In the order they run: memory first, on a worker that has done nothing else yet.
export const benchmarkNames = ['memory', 'intake', 'approval', 'inbox', 'budget'] as const;
export type BenchmarkName = (typeof benchmarkNames)[number];

export interface BenchSizes {
  /** Text-layer PDF invoices per intake run (and as many extracted directly). */
  readonly invoices: number;
  /** Scanned (PNG) invoices per intake run. */
  readonly scans: number;
  /** Approval decisions timed, each from approveTask to the next level's task in the next approver's myTasks. */
  readonly decisions: number;
  /** Tasks generated for the inbox, and inbox queries timed over them. */
  readonly tasks: number;
  readonly queries: number;
  /** Events and journal lines generated for budget vs actual, and timed runs of each of its query shapes. */
  readonly events: number;
  readonly journalLines: number;
  readonly budgetQueries: number;
}

export interface BenchOptions {
  readonly benchmarks: readonly BenchmarkName[];
  /** A running stack to use; null: start the test stack (EV_TEST_PORT_OFFSET applies) and stop what was started. */
  readonly stack: 'dev' | 'test' | null;
  readonly sizes: BenchSizes;
  /** A folder of real invoices (NAME.pdf|png) added to the intake runs. */
  readonly fixtures: string | null;
}

export const defaultSizes: BenchSizes = {
  invoices: 60,
  scans: 12,
  decisions: 20,
  tasks: 100_000,
  queries: 450,
  events: 2_000,
  journalLines: 1_000_000,
  budgetQueries: 20,
};

const sizeFlags: Record<string, keyof BenchSizes> = {
  '--invoices': 'invoices',
  '--scans': 'scans',
  '--decisions': 'decisions',
  '--tasks': 'tasks',
  '--queries': 'queries',
  '--events': 'events',
  '--journal-lines': 'journalLines',
  '--budget-queries': 'budgetQueries',
};

export const usage = `npm run bench [-- [${benchmarkNames.join('|')} ...] [--stack dev|test] [--fixtures DIR]
  [--invoices N] [--scans N] [--decisions N] [--tasks N] [--queries N] [--events N] [--journal-lines N]
  [--budget-queries N]]`;

/** Parses `npm run bench -- …`: benchmark names (all when none), then flags as `--name value` or `--name=value`. */
export function parseBenchArguments(args: readonly string[]): BenchOptions {
  const benchmarks: BenchmarkName[] = [];
  const sizes: Record<keyof BenchSizes, number> = { ...defaultSizes };
  let stack: BenchOptions['stack'] = null;
  let fixtures: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      if (!(benchmarkNames as readonly string[]).includes(arg)) {
        throw new Error(`unknown benchmark ${JSON.stringify(arg)}; usage: ${usage}`);
      }
      if (!benchmarks.includes(arg as BenchmarkName)) benchmarks.push(arg as BenchmarkName);
      continue;
    }
    const [name = '', inline] = arg.split('=', 2);
    if (!(name in sizeFlags) && name !== '--stack' && name !== '--fixtures') {
      throw new Error(`unknown option ${name}; usage: ${usage}`);
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new Error(`${name} needs a value; usage: ${usage}`);
    const size = sizeFlags[name];
    if (size) {
      const number = Number(value);
      const minimum = size === 'scans' ? 0 : 1;
      if (!Number.isInteger(number) || number < minimum) {
        throw new Error(
          `${name} must be a whole number of at least ${minimum}, got ${JSON.stringify(value)}`,
        );
      }
      sizes[size] = number;
    } else if (name === '--stack') {
      if (value !== 'dev' && value !== 'test') throw new Error('--stack is dev or test');
      stack = value;
    } else {
      fixtures = value;
    }
  }
  if (sizes.journalLines < 4) throw new Error('--journal-lines must be at least 4 (one balanced entry)');
  return {
    benchmarks: benchmarks.length > 0 ? benchmarkNames.filter((b) => benchmarks.includes(b)) : benchmarkNames,
    stack,
    sizes,
    fixtures,
  };
}

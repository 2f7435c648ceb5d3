/**
 * `npm run bench [-- NAME … --stack dev|test --SIZE N …]`: the baseline benchmarks against real services (see
 * options.ts for names and sizes). Without --stack it starts the test stack (EV_TEST_PORT_OFFSET moves it) with what
 * the chosen benchmarks need and stops what it started. Writes bench/results/<benchmark>.json and prints a table.
 */
import { approvalBenchmark } from './approval';
import { type Benchmark, type SummaryRow } from './benchmark';
import { type BenchStack, openBenchStack } from './bench-stack';
import { budgetBenchmark } from './budget';
import { inboxBenchmark } from './inbox';
import { intakeBenchmark } from './intake';
import { memoryBenchmark } from './memory';
import { type BenchmarkName, parseBenchArguments } from './options';
import { writeResult } from './result';
import { formatTable } from './table';

const benchmarks: Record<BenchmarkName, Benchmark> = {
  intake: intakeBenchmark,
  approval: approvalBenchmark,
  inbox: inboxBenchmark,
  budget: budgetBenchmark,
  memory: memoryBenchmark,
};

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const options = parseBenchArguments(process.argv.slice(2));
  const chosen = options.benchmarks.map((name) => benchmarks[name]);
  const needs = chosen.some((b) => b.needs === 'full') ? 'full' : 'database';
  log(`Benchmarks: ${options.benchmarks.join(', ')}`);
  let stack: BenchStack | undefined;
  const rows: SummaryRow[] = [];
  const written: string[] = [];
  let failed = false;
  try {
    stack = await openBenchStack(options.stack, needs, log);
    log(`Stack: ${stack.label}`);
    for (const benchmark of chosen) {
      log(`\n${benchmark.name}:`);
      try {
        const { result, summary } = await benchmark.run({ stack, options, log });
        written.push(await writeResult(result));
        rows.push(...summary);
      } catch (error) {
        failed = true;
        log(
          `  ${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  } finally {
    await stack?.stop();
  }
  if (rows.length > 0) {
    console.log(
      `\n${formatTable(
        ['figure', 'value', '', 'sizes'],
        rows.map((r) => [r.figure, r.value, r.detail, r.sizes]),
      )}`,
    );
  }
  if (written.length > 0) console.log(`\nwritten: ${written.join(', ')}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

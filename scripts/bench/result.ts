import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { format } from 'prettier';
import { repoRoot } from '../stack/profile';

/** Where and on what a benchmark ran: recorded in every result. */
export interface RunContext {
  readonly date: string;
  readonly commit: string;
  /** Uncommitted changes in the checkout when it ran (results files aside). */
  readonly dirty: boolean;
  readonly node: string;
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  /** 1-minute load average when the benchmark started and ended: above the core count, other work shared the CPUs. */
  readonly loadAverage: { readonly start: number; readonly end?: number };
  readonly stack: string;
}

/** One benchmark's result file: what was measured, how (one sentence per figure), at which sizes. */
export interface BenchResult<Figures> {
  readonly benchmark: string;
  readonly run: RunContext;
  readonly sizes: Readonly<Record<string, number | string | null>>;
  readonly method: Readonly<Record<string, string>>;
  readonly figures: Figures;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function runContext(stack: string): RunContext {
  return {
    date: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    dirty: git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results']) !== '',
    node: process.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: { start: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    stack,
  };
}

/** Finishes the context (load at the end) and writes bench/results/<benchmark>.json, formatted as the repo's. */
export async function writeResult<F>(result: BenchResult<F>): Promise<string> {
  const finished: BenchResult<F> = {
    ...result,
    run: {
      ...result.run,
      loadAverage: { ...result.run.loadAverage, end: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    },
  };
  const directory = resolve(repoRoot, 'bench/results');
  await mkdir(directory, { recursive: true });
  const file = resolve(directory, `${result.benchmark}.json`);
  await writeFile(file, await format(JSON.stringify(finished), { parser: 'json', printWidth: 110 }));
  return `bench/results/${result.benchmark}.json`;
}

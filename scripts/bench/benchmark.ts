import type { BenchStack, StackNeeds } from './bench-stack';
import type { BenchOptions } from './options';
import type { BenchResult } from './result';

/** One line of the summary table `npm run bench` prints. */
export interface SummaryRow {
  readonly figure: string;
  readonly value: string;
  readonly detail: string;
  readonly sizes: string;
}

export interface BenchContext {
  readonly stack: BenchStack;
  readonly options: BenchOptions;
  readonly log: (line: string) => void;
}

export interface Benchmark {
  readonly name: string;
  readonly needs: StackNeeds;
  run(context: BenchContext): Promise<{ result: BenchResult<unknown>; summary: SummaryRow[] }>;
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

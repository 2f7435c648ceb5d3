/** Timing statistics for the benchmarks: nearest-rank percentiles, rounded to hundredths of a millisecond. */

export interface LatencySummary {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const hundredths = (value: number) => Math.round(value * 100) / 100;

/**
 * The nearest-rank percentile of ascending `sorted`: the smallest sample with at least p % of the samples at or
 * below it (so the p99 of fewer than 100 samples is the largest). 0 when there are none.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return hundredths(sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0);
}

export function summarise(milliseconds: readonly number[]): LatencySummary {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: percentile(sorted, 100),
  };
}

/** Items per minute for `count` items done in `milliseconds`, to one decimal. */
export function perMinute(count: number, milliseconds: number): number {
  if (milliseconds <= 0) throw new Error('a duration must be positive');
  return Math.round((count / milliseconds) * 60_000 * 10) / 10;
}

/** a / b to two decimals (how many times b fits in a). */
export function ratio(a: number, b: number): number {
  if (b === 0) throw new Error('ratio to zero');
  return Math.round((a / b) * 100) / 100;
}

/** Times one call of `work` in milliseconds (performance.now). */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const began = performance.now();
  const value = await work();
  return { value, ms: performance.now() - began };
}

import { readFileSync } from 'node:fs';

/** One look at the worker: its resident memory and how many OCR extractions were running then. */
export interface MemorySample {
  readonly atMs: number;
  readonly rssBytes: number;
  readonly ocrInFlight: number;
}

export interface MemoryFigures {
  /** Before anything was uploaded (median of the idle samples). */
  readonly idleRssMb: number;
  /** While at least `poolSize` scans were being read at once: the highest and the mean, and for how long. */
  readonly poolFull: {
    readonly peakRssMb: number;
    readonly meanRssMb: number;
    readonly seconds: number;
  } | null;
  readonly peakRssMb: number;
  readonly samples: number;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Sums up samples taken about every `intervalMs`: idle ones have atMs < 0 (taken before the uploads). */
export function memoryFigures(
  samples: readonly MemorySample[],
  poolSize: number,
  intervalMs: number,
): MemoryFigures {
  const idle = samples
    .filter((s) => s.atMs < 0)
    .map((s) => s.rssBytes)
    .sort((a, b) => a - b);
  const busy = samples.filter((s) => s.atMs >= 0);
  const full = busy.filter((s) => s.ocrInFlight >= poolSize);
  // A sample stands for the time until the next one (sampling slows down while Temporal is asked).
  const fullMs = busy.reduce(
    (sum, s, i) =>
      s.ocrInFlight >= poolSize ? sum + ((busy[i + 1]?.atMs ?? s.atMs + intervalMs) - s.atMs) : sum,
    0,
  );
  return {
    idleRssMb: mb(idle[Math.floor((idle.length - 1) / 2)] ?? 0),
    poolFull:
      full.length === 0
        ? null
        : {
            peakRssMb: mb(Math.max(...full.map((s) => s.rssBytes))),
            meanRssMb: mb(full.reduce((sum, s) => sum + s.rssBytes, 0) / full.length),
            seconds: Math.round(fullMs / 100) / 10,
          },
    peakRssMb: mb(Math.max(0, ...busy.map((s) => s.rssBytes))),
    samples: samples.length,
  };
}

/** A process's resident set (VmRSS) and its high-water mark (VmHWM) in bytes, from /proc. */
export function residentMemory(pid: number): { rssBytes: number; highWaterBytes: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rssBytes: field('VmRSS'), highWaterBytes: field('VmHWM') };
}

import { memoryFigures, residentMemory } from './memory-samples';

const MiB = 2 ** 20;

describe('memoryFigures', () => {
  it('separates idle, pool-full and peak memory', () => {
    const figures = memoryFigures(
      [
        { atMs: -300, rssBytes: 400 * MiB, ocrInFlight: 0 },
        { atMs: -200, rssBytes: 410 * MiB, ocrInFlight: 0 },
        { atMs: -100, rssBytes: 405 * MiB, ocrInFlight: 0 },
        { atMs: 0, rssBytes: 500 * MiB, ocrInFlight: 1 },
        { atMs: 100, rssBytes: 900 * MiB, ocrInFlight: 2 },
        { atMs: 250, rssBytes: 1000 * MiB, ocrInFlight: 2 },
        { atMs: 300, rssBytes: 1100 * MiB, ocrInFlight: 1 },
        { atMs: 400, rssBytes: 950 * MiB, ocrInFlight: 3 },
      ],
      2,
      100,
    );
    expect(figures).toEqual({
      idleRssMb: 405,
      // 150 + 50 + 100 ms (the last sample counts one interval).
      poolFull: { peakRssMb: 1000, meanRssMb: 950, seconds: 0.3 },
      peakRssMb: 1100,
      samples: 8,
    });
  });

  it('says so when the pool was never full', () => {
    const figures = memoryFigures([{ atMs: 0, rssBytes: MiB, ocrInFlight: 1 }], 2, 100);
    expect(figures.poolFull).toBeNull();
    expect(figures.idleRssMb).toBe(0);
  });
});

describe('residentMemory', () => {
  it("reads this process's resident set from /proc", () => {
    const memory = residentMemory(process.pid);
    expect(memory.rssBytes).toBeGreaterThan(10 * MiB);
    expect(memory.highWaterBytes).toBeGreaterThanOrEqual(memory.rssBytes);
  });
});

import { percentile, perMinute, ratio, summarise } from './stats';

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    // Fewer than 100 samples: the p99 is the largest.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(percentile([], 99)).toBe(0);
    expect(() => percentile([1], 0)).toThrow('percentile');
  });

  it('summarises unsorted samples, rounded to hundredths', () => {
    expect(summarise([3.3333, 1.0049, 2.5])).toEqual({ samples: 3, p50Ms: 2.5, p99Ms: 3.33, maxMs: 3.33 });
    expect(summarise([])).toEqual({ samples: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it('turns counts and durations into rates and ratios', () => {
    expect(perMinute(30, 60_000)).toBe(30);
    expect(perMinute(10, 4_000)).toBe(150);
    expect(perMinute(1, 7_000)).toBe(8.6);
    expect(() => perMinute(1, 0)).toThrow('positive');
    expect(ratio(90, 30)).toBe(3);
    expect(ratio(10, 3)).toBe(3.33);
    expect(() => ratio(1, 0)).toThrow('zero');
  });
});

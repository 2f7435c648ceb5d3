import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let clock = 0;
  const now = (): number => clock;

  beforeEach(() => {
    clock = 1_000;
  });

  it('loads once within the time to live and again after it', async () => {
    const cache = new ExpiringCache<string, number>({ ttlMs: 100, maxEntries: 10, now });
    let loads = 0;
    const load = (): Promise<number> => Promise.resolve((loads += 1));
    expect(await cache.getOrLoad('a', load)).toBe(1);
    clock += 99;
    expect(await cache.getOrLoad('a', load)).toBe(1);
    clock += 1;
    expect(await cache.getOrLoad('a', load)).toBe(2);
  });

  it('shares one load between concurrent callers', async () => {
    const cache = new ExpiringCache<string, string>({ ttlMs: 100, maxEntries: 10, now });
    let loads = 0;
    const load = async (): Promise<string> => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 'value';
    };
    expect(await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)])).toEqual([
      'value',
      'value',
    ]);
    expect(loads).toBe(1);
  });

  it('does not keep a failed load', async () => {
    const cache = new ExpiringCache<string, string>({ ttlMs: 100, maxEntries: 10, now });
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    expect(await cache.getOrLoad('k', () => Promise.resolve('back'))).toBe('back');
  });

  it('drops the oldest entry when full', async () => {
    const cache = new ExpiringCache<string, string>({ ttlMs: 100, maxEntries: 2, now });
    await cache.getOrLoad('a', () => Promise.resolve('a1'));
    await cache.getOrLoad('b', () => Promise.resolve('b1'));
    await cache.getOrLoad('c', () => Promise.resolve('c1'));
    expect(cache.size).toBe(2);
    expect(await cache.getOrLoad('a', () => Promise.resolve('a2'))).toBe('a2');
    expect(await cache.getOrLoad('c', () => Promise.resolve('c2'))).toBe('c1');
  });
});

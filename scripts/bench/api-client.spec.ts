import { inBatches, until } from './api-client';

describe('inBatches', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await inBatches([30, 10, 20, 5, 1], 2, async (delay, index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delay));
      inFlight -= 1;
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
    expect(await inBatches([], 4, () => Promise.resolve(1))).toEqual([]);
  });

  it('fails with the first failure', async () => {
    await expect(
      inBatches([1, 2, 3], 3, (n) => (n === 2 ? Promise.reject(new Error('two')) : Promise.resolve(n))),
    ).rejects.toThrow('two');
  });
});

describe('until', () => {
  it('polls until the probe answers', async () => {
    let calls = 0;
    expect(
      await until('three calls', () => Promise.resolve(++calls === 3 ? 'done' : undefined), 1000, 1),
    ).toBe('done');
    expect(calls).toBe(3);
  });

  it('names what it waited for when time runs out', async () => {
    await expect(until('a reply', () => Promise.resolve(undefined), 20, 5)).rejects.toThrow(
      'timed out after 0.02 s waiting for a reply',
    );
  });
});

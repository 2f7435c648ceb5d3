import { retryWhileLevelOpens } from './approval-opening';

const opening = new Error('level 2 (Finance) is being opened, try again in a moment');
const messageOf = (error: unknown) => (error instanceof Error ? error.message : null);
const options = { timeoutMs: 1_000, pollMs: 1 };

function sender(outcomes: (Error | string)[]) {
  let calls = 0;
  return {
    send: () => {
      const outcome = outcomes[Math.min(calls++, outcomes.length - 1)]!;
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
    calls: () => calls,
  };
}

describe('retryWhileLevelOpens', () => {
  it('sends the decision again while the level is being opened, and returns what the open level answers', async () => {
    const decision = sender([opening, opening, 'approved']);
    expect(await retryWhileLevelOpens(decision.send, messageOf, options)).toBe('approved');
    expect(decision.calls()).toBe(3);
  });

  it('passes any other refusal on at once', async () => {
    const closed = new Error('level 1 (Budget holder) is already decided: approved');
    const decision = sender([closed, 'approved']);
    await expect(retryWhileLevelOpens(decision.send, messageOf, options)).rejects.toBe(closed);
    expect(decision.calls()).toBe(1);
  });

  it('gives up after the timeout with the refusal itself', async () => {
    const decision = sender([opening]);
    await expect(retryWhileLevelOpens(decision.send, messageOf, { timeoutMs: 20, pollMs: 5 })).rejects.toBe(
      opening,
    );
    expect(decision.calls()).toBeGreaterThan(1);
  });

  it('does not retry errors it cannot read (a dependency down)', async () => {
    const down = sender([opening]);
    await expect(retryWhileLevelOpens(down.send, () => null, options)).rejects.toBe(opening);
    expect(down.calls()).toBe(1);
  });
});

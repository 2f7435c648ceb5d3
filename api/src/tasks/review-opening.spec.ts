import { waitForOpenReview } from './review-opening';

type State = {
  status: 'checking' | 'in-review' | 'pending-approval';
  review: { taskId: string; reasons: [] } | null;
};

function reads(states: (State | null)[], statuses: string[] = ['open']) {
  let call = 0;
  let row = 0;
  return {
    state: () => Promise.resolve(states[Math.min(call++, states.length - 1)] ?? null),
    taskStatus: () => Promise.resolve(statuses[Math.min(row++, statuses.length - 1)] ?? null),
    calls: () => call,
  };
}

const options = { timeoutMs: 1_000, pollMs: 1 };
const checking: State = { status: 'checking', review: null };

describe('waitForOpenReview', () => {
  it('waits while the task row exists but the workflow is not in review yet', async () => {
    const read = reads([checking, checking, { status: 'in-review', review: { taskId: 't1', reasons: [] } }]);
    expect(await waitForOpenReview('t1', read, options)).toBe('open');
    expect(read.calls()).toBe(3);
  });

  it('stops at once when the review was completed or another round opened', async () => {
    expect(await waitForOpenReview('t1', reads([checking], ['done']), options)).toBe('moved-on');
    expect(
      await waitForOpenReview(
        't1',
        reads([{ status: 'in-review', review: { taskId: 't2', reasons: [] } }]),
        options,
      ),
    ).toBe('moved-on');
    expect(
      await waitForOpenReview('t1', reads([{ status: 'pending-approval', review: null }]), options),
    ).toBe('moved-on');
  });

  it('leaves it to the workflow when it does not answer, or does not open the review in time', async () => {
    expect(await waitForOpenReview('t1', reads([null]), options)).toBe('unknown');
    expect(await waitForOpenReview('t1', reads([checking]), { timeoutMs: 20, pollMs: 5 })).toBe('unknown');
  });
});

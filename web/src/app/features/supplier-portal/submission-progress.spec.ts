import { latestReason, submissionProgress, submissionSteps } from './submission-progress';

describe('submission progress', () => {
  it('walks received → reading → in approval → approved → paid', () => {
    const reached = ['received', 'checking', 'in-review', 'pending_approval', 'posted', 'paid'].map(
      (status) => submissionSteps[submissionProgress(status).reached],
    );
    expect(reached).toEqual(['Received', 'Reading', 'Reading', 'In approval', 'Approved', 'Paid']);
  });

  it('stops at approval for a rejection or a request for changes', () => {
    expect(submissionProgress('rejected')).toEqual({ reached: 2, stopped: 'rejected' });
    expect(submissionProgress('changes-requested')).toEqual({ reached: 2, stopped: 'changes-requested' });
  });

  it('gives the newest reason in the history', () => {
    expect(
      latestReason([
        { status: 'received', reason: null },
        { status: 'rejected', reason: 'VAT number missing' },
        { status: 'received', reason: '' },
      ]),
    ).toBe('VAT number missing');
    expect(latestReason([{ status: 'received' }])).toBeNull();
  });
});

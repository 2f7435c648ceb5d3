/** The steps a supplier sees for each submission, in order. */
export const submissionSteps = ['Received', 'Reading', 'In approval', 'Approved', 'Paid'] as const;
export type SubmissionStep = (typeof submissionSteps)[number];

export interface SubmissionProgress {
  /** Index into submissionSteps of the step reached. */
  readonly reached: number;
  readonly stopped: 'rejected' | 'changes-requested' | 'void' | null;
}

/**
 * Where a submission stands, from the intake workflow's status while it is being read and checked, or from the
 * invoice's status once it exists. Reviews by finance count as reading: the supplier waits either way.
 */
export function submissionProgress(status: string): SubmissionProgress {
  switch (status.replace(/_/g, '-')) {
    case 'received':
      return { reached: 0, stopped: null };
    case 'reading':
    case 'extracting':
    case 'checking':
    case 'in-review':
      return { reached: 1, stopped: null };
    case 'pending-approval':
    case 'in-approval':
      return { reached: 2, stopped: null };
    case 'approved':
    case 'posting':
    case 'posted':
    case 'scheduled':
      return { reached: 3, stopped: null };
    case 'paid':
      return { reached: 4, stopped: null };
    case 'changes-requested':
      return { reached: 2, stopped: 'changes-requested' };
    case 'rejected':
      return { reached: 2, stopped: 'rejected' };
    case 'void':
      return { reached: 0, stopped: 'void' };
    default:
      return { reached: 0, stopped: null };
  }
}

/** The reason given with the latest rejection or request for changes, for showing beside the submission. */
export function latestReason(
  history: readonly { readonly status: string; readonly reason?: string | null }[],
): string | null {
  for (let index = history.length - 1; index >= 0; index--) {
    const reason = history[index]?.reason;
    if (reason !== null && reason !== undefined && reason.trim() !== '') return reason;
  }
  return null;
}

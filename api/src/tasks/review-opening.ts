import { type InvoiceIntakeState } from '@eventvault/workflows';

/**
 * Intake writes the review task row first and only then marks itself in review (so whoever sees the status finds
 * the task). A review completed in between would be refused as "no open review": this waits, briefly, until the
 * workflow shows this task's review open, or until it is clear the review has moved on.
 */
export async function waitForOpenReview(
  taskId: string,
  read: {
    readonly state: () => Promise<Pick<InvoiceIntakeState, 'status' | 'review'> | null>;
    readonly taskStatus: () => Promise<string | null>;
  },
  options: { readonly timeoutMs: number; readonly pollMs: number },
): Promise<'open' | 'moved-on' | 'unknown'> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const state = await read.state();
    // No answer from the workflow: its Update will say for itself.
    if (state === null) return 'unknown';
    if (state.review?.taskId === taskId) return 'open';
    if (state.review !== null || state.status !== 'checking') return 'moved-on';
    if ((await read.taskStatus()) !== 'open') return 'moved-on';
    if (Date.now() >= deadline) return 'unknown';
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

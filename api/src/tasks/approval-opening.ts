/** The approval workflow's refusal while a level's tasks are written but the level does not yet take decisions. */
export function isLevelOpeningRefusal(message: string): boolean {
  return /is being opened/.test(message);
}

/**
 * An approval level writes its task rows first and only then takes decisions, so a decision sent the moment a task
 * appears is refused as "being opened". That refusal is about timing, not the decision: `send` is tried again until
 * the level is open or `timeoutMs` has passed; any other outcome is returned (or thrown) as it came.
 */
export async function retryWhileLevelOpens<T>(
  send: () => Promise<T>,
  messageOf: (error: unknown) => string | null,
  options: { readonly timeoutMs: number; readonly pollMs: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      const message = messageOf(error);
      if (message === null || !isLevelOpeningRefusal(message) || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

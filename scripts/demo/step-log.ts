/**
 * One readable line per step of the demo: when it ended, which invoice, who acted, what they did, what came of it
 * and how long it took, e.g.
 *   17:31:04  AmazonWebServices.pdf        supplier@kalahari.demo  submit             → accepted (202) … (0.4 s)
 */
export interface Step {
  readonly invoice: string;
  readonly who: string;
  readonly what: string;
  readonly outcome: string;
}

const widths = { invoice: 28, who: 23, what: 25 } as const;

function column(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export function formatStep(step: Step, endedAt: Date, seconds: number): string {
  return [
    endedAt.toISOString().slice(11, 19),
    column(step.invoice, widths.invoice),
    column(step.who, widths.who),
    column(step.what, widths.what),
    `→ ${step.outcome} (${seconds.toFixed(1)} s)`,
  ].join('  ');
}

export class StepLog {
  constructor(
    private readonly write: (line: string) => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Prints the step, timed from `startedAt` (a clock reading taken when it began). */
  step(step: Step, startedAt: Date): void {
    const now = this.clock();
    this.write(formatStep(step, now, Math.max(0, now.getTime() - startedAt.getTime()) / 1000));
  }

  /** The clock reading to time a step from. */
  now(): Date {
    return this.clock();
  }

  text(line = ''): void {
    this.write(line);
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { HEALTH_PROBES, type HealthProbe } from './probes/health-probe';

export interface HealthCheck {
  readonly name: string;
  readonly status: 'up' | 'down';
  readonly latencyMs: number;
  readonly error?: string;
}

export interface HealthReport {
  readonly status: 'ok' | 'error';
  readonly checks: readonly HealthCheck[];
}

/** How long one probe may take before it counts as down. */
export const PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  private readonly logger = new Logger('HealthService');

  constructor(@Inject(HEALTH_PROBES) private readonly probes: readonly HealthProbe[]) {}

  async report(timeoutMs: number = PROBE_TIMEOUT_MS): Promise<HealthReport> {
    const checks = await Promise.all(this.probes.map((probe) => runProbe(probe, timeoutMs)));
    for (const check of checks) {
      if (check.status === 'down')
        this.logger.warn({ msg: 'dependency down', dependency: check.name, reason: check.error });
    }
    return { status: checks.every((check) => check.status === 'up') ? 'ok' : 'error', checks };
  }
}

/** Runs one probe with a deadline; never rejects. */
export async function runProbe(probe: HealthProbe, timeoutMs: number): Promise<HealthCheck> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`timed out after ${timeoutMs} ms`);
      // Reject first so the race reports the timeout, not the probe's reaction to the abort.
      reject(error);
      controller.abort(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([probe.check(controller.signal), deadline]);
    return { name: probe.name, status: 'up', latencyMs: elapsed(started) };
  } catch (error) {
    return { name: probe.name, status: 'down', latencyMs: elapsed(started), error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** A short, single-line reason; credentials in URLs are masked in case a client ever echoes one. */
export function describe(error: unknown): string {
  let message: string;
  if (error instanceof AggregateError && error.errors.length > 0)
    message = error.errors.map(describe).join('; ');
  else if (error instanceof Error) message = error.message || error.name;
  else message = String(error);
  // fetch() says only "fetch failed"; the reason (e.g. ECONNREFUSED) is its cause.
  if (error instanceof Error && error.cause !== undefined && message === 'fetch failed') {
    message = `${message}: ${describe(error.cause)}`;
  }
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && !message.includes(code)) message = `${code}: ${message}`;
  const line = message
    .replace(/\/\/[^/\s:@]+:[^@\s]+@/g, '//<redacted>@')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line || 'unknown error';
}

/** One dependency check. `check` resolves when the dependency is usable and rejects with the reason otherwise. */
export interface HealthProbe {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}

/** Injection token for the list of probes /health runs. */
export const HEALTH_PROBES = Symbol('HEALTH_PROBES');

import { InjectionToken } from '@angular/core';

/**
 * Settings that differ between dev, test and docker. They are read from `/config.json` before Angular starts,
 * so one production build runs everywhere; `tools/serve.ts` writes that file from the environment.
 */
export interface RuntimeConfig {
  readonly keycloakUrl: string;
  readonly realm: string;
  readonly clientId: string;
  readonly apiUrl: string;
  readonly temporalUiUrl: string;
}

export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG');

export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError';
}

function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validates the JSON of `/config.json`; URLs lose their trailing slashes so callers can append paths. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RuntimeConfigError('config.json must hold a JSON object');
  }
  const record = value as Readonly<Record<string, unknown>>;
  const problems: string[] = [];
  const text = (key: string): string => {
    const field = record[key];
    if (typeof field !== 'string' || field.trim() === '') {
      problems.push(`${key} must be a non-empty string`);
      return '';
    }
    return field.trim();
  };
  const url = (key: 'keycloakUrl' | 'apiUrl' | 'temporalUiUrl'): string => {
    const field = text(key);
    if (field !== '' && !isAbsoluteHttpUrl(field)) problems.push(`${key} must be an absolute http(s) URL`);
    return field.replace(/\/+$/, '');
  };
  const config: RuntimeConfig = {
    keycloakUrl: url('keycloakUrl'),
    realm: text('realm'),
    clientId: text('clientId'),
    apiUrl: url('apiUrl'),
    temporalUiUrl: url('temporalUiUrl'),
  };
  if (problems.length > 0) throw new RuntimeConfigError(`Invalid config.json: ${problems.join('; ')}`);
  return config;
}

const lastGoodKey = 'eventvault.runtime-config';

type ConfigStorage = Pick<Storage, 'getItem' | 'setItem'>;

function browserStorage(): ConfigStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Fetches and validates `/config.json`; never cached by HTTP, so a redeploy with new settings takes effect at once.
 * The last good answer is kept on the device: when the fetch cannot reach the server at all (offline, or the
 * service worker answers 504) the app starts with it, so the offline inbox opens. A refusal (4xx) or a broken file
 * is still an error.
 */
export async function loadRuntimeConfig(
  fetchFn: typeof fetch = fetch,
  url = '/config.json',
  storage: ConfigStorage | null = browserStorage(),
): Promise<RuntimeConfig> {
  const lastGood = (): RuntimeConfig | null => {
    try {
      const saved = storage?.getItem(lastGoodKey);
      return saved ? parseRuntimeConfig(JSON.parse(saved)) : null;
    } catch {
      return null;
    }
  };
  let response: Response;
  try {
    response = await fetchFn(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch (error) {
    const saved = lastGood();
    if (saved !== null) return saved;
    throw error;
  }
  if (response.status === 504 || response.status === 503) {
    const saved = lastGood();
    if (saved !== null) return saved;
  }
  if (!response.ok) throw new RuntimeConfigError(`GET ${url} answered HTTP ${response.status}`);
  const body: unknown = await response.json();
  const config = parseRuntimeConfig(body);
  try {
    storage?.setItem(lastGoodKey, JSON.stringify(config));
  } catch {
    // Without storage there is only no offline start.
  }
  return config;
}

import { type Config, loadConfig } from '@eventvault/activities';

/** Injection token for the API's validated configuration (read once at start-up). */
export const API_CONFIG = Symbol('API_CONFIG');

export type ApiConfig = Config;

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return loadConfig('api', env);
}

/** Keycloak realm URLs derived from the configuration, in one place. */
export function realmUrls(config: ApiConfig): { issuer: string; jwks: string; discovery: string } {
  const issuer = `${config.KEYCLOAK_URL.replace(/\/+$/, '')}/realms/${encodeURIComponent(config.KEYCLOAK_REALM)}`;
  return {
    issuer,
    jwks: `${issuer}/protocol/openid-connect/certs`,
    discovery: `${issuer}/.well-known/openid-configuration`,
  };
}

/** Reads an integer setting that `loadConfig` has already validated as digits. */
export function integerSetting(
  config: ApiConfig,
  name: 'STEP_UP_MAX_AGE_MINUTES' | 'TOKEN_CLOCK_SKEW_SECONDS' | 'API_PORT',
): number {
  return Number.parseInt(config[name], 10);
}

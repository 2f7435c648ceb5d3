import { type Config, loadConfig } from '@eventvault/activities';

/** Injection token for the API's validated configuration (read once at start-up). */
export const API_CONFIG = Symbol('API_CONFIG');

export type ApiConfig = Config;

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return loadConfig('api', env);
}

/**
 * Keycloak realm URLs derived from the configuration, in one place. Tokens name the public URL as issuer;
 * the API fetches keys and discovery from KEYCLOAK_INTERNAL_URL, which differs inside a container network.
 */
export function realmUrls(config: ApiConfig): { issuer: string; jwks: string; discovery: string } {
  const realmPath = `/realms/${encodeURIComponent(config.KEYCLOAK_REALM)}`;
  const issuer = `${config.KEYCLOAK_URL.replace(/\/+$/, '')}${realmPath}`;
  const internal = `${config.KEYCLOAK_INTERNAL_URL.replace(/\/+$/, '')}${realmPath}`;
  return {
    issuer,
    jwks: `${internal}/protocol/openid-connect/certs`,
    discovery: `${internal}/.well-known/openid-configuration`,
  };
}

/** Reads an integer setting that `loadConfig` has already validated as digits. */
export function integerSetting(
  config: ApiConfig,
  name:
    | 'STEP_UP_MAX_AGE_MINUTES'
    | 'TOKEN_CLOCK_SKEW_SECONDS'
    | 'API_PORT'
    | 'API_METRICS_PORT'
    | 'DOCUMENT_LINK_TTL_SECONDS'
    | 'RATE_LIMIT_UPLOADS_PER_MINUTE'
    | 'RATE_LIMIT_SENSITIVE_PER_MINUTE',
): number {
  return Number.parseInt(config[name], 10);
}

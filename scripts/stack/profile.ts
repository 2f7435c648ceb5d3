import fs from 'node:fs';
import path from 'node:path';
import { type Config, environmentVariables } from '../../activities/src/config/environment';

export const repoRoot = path.resolve(__dirname, '../..');

export type ProfileName = 'dev' | 'test';

/** A port the stack binds, with the setting that moves it: named in every "port in use" message. */
export interface PortSetting {
  readonly setting: string;
  readonly port: number;
  readonly purpose: string;
}

export interface StackProfile {
  readonly name: ProfileName;
  readonly varDir: string;
  readonly logDir: string;
  readonly ports: {
    postgres: PortSetting;
    temporal: PortSetting;
    temporalUi: PortSetting;
    temporalHttp: PortSetting;
    temporalMetrics: PortSetting;
    keycloak: PortSetting;
    keycloakManagement: PortSetting;
    s3: PortSetting;
    api: PortSetting;
    web: PortSetting;
    workerMetrics: PortSetting;
    apiMetrics: PortSetting;
  };
  readonly postgresAdminPassword: string;
  readonly keycloakDbPassword: string;
  /** Keycloak's bootstrap admin (master realm), created on its first start. */
  readonly keycloakAdmin: { readonly user: string; readonly password: string };
  /** The environment the API, worker and web server get (names as in .env.example). */
  readonly appEnv: Config;
}

/** Reads KEY=VALUE lines; `#` comments and blank lines ignored; no interpolation. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[line.slice(0, eq).trim()] = value;
  }
  return out;
}

function readDotenv(): Record<string, string> {
  const file = path.join(repoRoot, '.env');
  return fs.existsSync(file) ? parseDotenv(fs.readFileSync(file, 'utf8')) : {};
}

const devPorts = {
  PG_PORT: 55432,
  TEMPORAL_PORT: 7233,
  TEMPORAL_UI_PORT: 8233,
  TEMPORAL_HTTP_PORT: 7243,
  TEMPORAL_METRICS_PORT: 7235,
  KEYCLOAK_PORT: 8080,
  KEYCLOAK_MANAGEMENT_PORT: 9000,
  S3_PORT: 7070,
  API_PORT: 3000,
  WEB_PORT: 4200,
  WORKER_METRICS_PORT: 9464,
  API_METRICS_PORT: 9465,
};
type PortName = keyof typeof devPorts;

/** The test stack lives 10000 ports above the dev stack so both can run at once. */
const defaultTestPortOffset = 10000;

/**
 * EV_TEST_PORT_OFFSET moves the test stack, so two checkouts (git worktrees) can each run theirs at once: e.g. 10020
 * and 10040 (the dev ports lie 2, 8 and 10 apart, so steps of 20 never collide, and PostgreSQL must stay below 65536).
 */
export function testPortOffset(env: Record<string, string | undefined> = process.env): number {
  const configured = env.EV_TEST_PORT_OFFSET;
  if (configured === undefined || configured === '') return defaultTestPortOffset;
  const offset = Number(configured);
  const highest = Math.max(...Object.values(devPorts));
  if (!Number.isInteger(offset) || offset < 1000 || highest + offset >= 65536) {
    throw new Error(
      `EV_TEST_PORT_OFFSET must be a whole number from 1000 to ${65535 - highest}, got ${JSON.stringify(configured)}`,
    );
  }
  return offset;
}

export function loadProfile(
  name: ProfileName,
  overrides: Record<string, string | undefined> = {},
): StackProfile {
  const settings: Record<string, string | undefined> =
    name === 'dev' ? { ...readDotenv(), ...overrides } : overrides;
  const offset = name === 'test' ? testPortOffset() : 0;
  const port = (key: PortName, purpose: string): PortSetting => {
    const configured = settings[key];
    const value = configured !== undefined ? Number(configured) : devPorts[key] + offset;
    if (!Number.isInteger(value) || value <= 0 || value >= 65536) {
      throw new Error(`${key} must be a TCP port (1-65535), got ${JSON.stringify(configured)}`);
    }
    return {
      setting:
        name === 'test' ? `${key} (test stack: ${devPorts[key]} + EV_TEST_PORT_OFFSET ${offset})` : key,
      port: value,
      purpose,
    };
  };
  const ports = {
    postgres: port('PG_PORT', 'PostgreSQL'),
    temporal: port('TEMPORAL_PORT', 'Temporal frontend (gRPC)'),
    temporalUi: port('TEMPORAL_UI_PORT', 'Temporal UI'),
    temporalHttp: port('TEMPORAL_HTTP_PORT', 'Temporal HTTP API'),
    temporalMetrics: port('TEMPORAL_METRICS_PORT', 'Temporal server metrics'),
    keycloak: port('KEYCLOAK_PORT', 'Keycloak'),
    keycloakManagement: port('KEYCLOAK_MANAGEMENT_PORT', 'Keycloak management (health)'),
    s3: port('S3_PORT', 'S3 object storage'),
    api: port('API_PORT', 'EventVault API'),
    web: port('WEB_PORT', 'EventVault web app'),
    workerMetrics: port('WORKER_METRICS_PORT', 'worker metrics'),
    apiMetrics: port('API_METRICS_PORT', 'API metrics'),
  };
  const varDir = path.join(repoRoot, 'var', name);
  const defaults = Object.fromEntries(environmentVariables.map((v) => [v.name, v.default]));
  const host = '127.0.0.1';
  const appEnv: Record<string, string> = {
    ...defaults,
    ...Object.fromEntries(
      Object.entries(settings).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && entry[0] in defaults,
      ),
    ),
    DATABASE_URL: `postgresql://eventvault:eventvault@${host}:${ports.postgres.port}/eventvault`,
    TEMPORAL_ADDRESS: `${host}:${ports.temporal.port}`,
    TEMPORAL_UI_URL: `http://${host}:${ports.temporalUi.port}`,
    S3_ENDPOINT: `http://${host}:${ports.s3.port}`,
    KEYCLOAK_URL: `http://${host}:${ports.keycloak.port}`,
    KEYCLOAK_INTERNAL_URL: `http://${host}:${ports.keycloak.port}`,
    API_PORT: String(ports.api.port),
    API_URL: `http://${host}:${ports.api.port}`,
    WEB_PORT: String(ports.web.port),
    WEB_URL: `http://${host}:${ports.web.port}`,
    WORKER_METRICS_PORT: String(ports.workerMetrics.port),
    API_METRICS_PORT: String(ports.apiMetrics.port),
  };
  return {
    name,
    varDir,
    logDir: path.join(varDir, 'log'),
    ports,
    postgresAdminPassword: settings.PG_ADMIN_PASSWORD ?? 'postgres-dev-only',
    keycloakDbPassword: 'keycloak-dev-only',
    keycloakAdmin: {
      user: settings.KEYCLOAK_ADMIN_USER ?? 'admin',
      password: settings.KEYCLOAK_ADMIN_PASSWORD ?? 'admin-dev-only',
    },
    appEnv: appEnv as Config,
  };
}

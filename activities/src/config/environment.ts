/**
 * Every environment variable the EventVault processes read, with its local default.
 * Read and validated once at start-up (`loadConfig`); `.env.example` and docker-compose.yml list the same names,
 * which a test checks.
 */
export type Consumer = 'api' | 'worker' | 'web';

export interface VariableSpec {
  readonly name: string;
  readonly default: string;
  readonly consumers: readonly Consumer[];
  readonly secret?: boolean;
  readonly kind: 'string' | 'url' | 'port' | 'integer' | 'database-url';
}

const both: readonly Consumer[] = ['api', 'worker'];

export const environmentVariables = [
  {
    name: 'DATABASE_URL',
    default: 'postgresql://eventvault:eventvault@127.0.0.1:55432/eventvault',
    consumers: both,
    kind: 'database-url',
    secret: true,
  },
  { name: 'TEMPORAL_ADDRESS', default: '127.0.0.1:7233', consumers: both, kind: 'string' },
  { name: 'TEMPORAL_NAMESPACE', default: 'default', consumers: both, kind: 'string' },
  { name: 'TEMPORAL_TASK_QUEUE', default: 'eventvault', consumers: both, kind: 'string' },
  { name: 'TEMPORAL_UI_URL', default: 'http://127.0.0.1:8233', consumers: ['api', 'web'], kind: 'url' },
  // Key ring sealing suppliers' bank details: comma-separated keyId:base64(32 bytes), first current. The default is
  // derived from a public phrase for local use only; ids starting dev-only are refused when NODE_ENV=production.
  {
    name: 'BANK_DETAILS_KEYRING',
    default: 'dev-only-1:l/iYKsBxLsjn0S2IpaeooAnTzWNV8eJ/oy5CxwSeBqc=',
    consumers: both,
    kind: 'string',
    secret: true,
  },
  {
    name: 'S3_ENDPOINT',
    default: 'http://127.0.0.1:7070',
    // The web server allows document previews from there in its Content-Security-Policy.
    consumers: ['api', 'worker', 'web'],
    kind: 'url',
  },
  { name: 'S3_REGION', default: 'us-east-1', consumers: both, kind: 'string' },
  { name: 'S3_ACCESS_KEY', default: 'eventvault', consumers: both, kind: 'string', secret: true },
  { name: 'S3_SECRET_KEY', default: 'eventvault-dev-secret', consumers: both, kind: 'string', secret: true },
  { name: 'S3_BUCKET_DOCUMENTS', default: 'eventvault-documents', consumers: both, kind: 'string' },
  { name: 'S3_BUCKET_REPORTS', default: 'eventvault-reports', consumers: both, kind: 'string' },
  { name: 'KEYCLOAK_URL', default: 'http://127.0.0.1:8080', consumers: ['api', 'web'], kind: 'url' },
  { name: 'KEYCLOAK_INTERNAL_URL', default: 'http://127.0.0.1:8080', consumers: ['api'], kind: 'url' },
  { name: 'KEYCLOAK_REALM', default: 'eventvault', consumers: ['api', 'web'], kind: 'string' },
  { name: 'API_AUDIENCE', default: 'eventvault-api', consumers: ['api'], kind: 'string' },
  { name: 'WEB_CLIENT_ID', default: 'eventvault-web', consumers: ['web'], kind: 'string' },
  { name: 'STEP_UP_MAX_AGE_MINUTES', default: '10', consumers: ['api'], kind: 'integer' },
  { name: 'TOKEN_CLOCK_SKEW_SECONDS', default: '30', consumers: ['api'], kind: 'integer' },
  // Lifetime of presigned document download links handed to browsers.
  { name: 'DOCUMENT_LINK_TTL_SECONDS', default: '300', consumers: ['api'], kind: 'integer' },
  // Per caller and minute: invoice uploads, and sensitive mutations (workflow cancel/terminate/reset). 0 = no limit.
  { name: 'RATE_LIMIT_UPLOADS_PER_MINUTE', default: '30', consumers: ['api'], kind: 'integer' },
  { name: 'RATE_LIMIT_SENSITIVE_PER_MINUTE', default: '10', consumers: ['api'], kind: 'integer' },
  { name: 'API_PORT', default: '3000', consumers: ['api'], kind: 'port' },
  { name: 'API_URL', default: 'http://127.0.0.1:3000', consumers: ['web'], kind: 'url' },
  { name: 'WEB_PORT', default: '4200', consumers: ['web'], kind: 'port' },
  { name: 'WEB_URL', default: 'http://127.0.0.1:4200', consumers: ['api'], kind: 'url' },
  // Tesseract workers per worker process (each ~300 MB); 0 means min(2, CPU cores).
  { name: 'OCR_POOL_SIZE', default: '0', consumers: ['worker'], kind: 'integer' },
  { name: 'WORKER_METRICS_PORT', default: '9464', consumers: ['worker'], kind: 'port' },
  // Prometheus /metrics of the API, on a port of its own so it is never exposed with the API itself.
  { name: 'API_METRICS_PORT', default: '9465', consumers: ['api'], kind: 'port' },
  { name: 'BIND_HOST', default: '127.0.0.1', consumers: ['api', 'worker', 'web'], kind: 'string' },
  { name: 'LOG_LEVEL', default: 'info', consumers: ['api', 'worker'], kind: 'string' },
] as const satisfies readonly VariableSpec[];

export type VariableName = (typeof environmentVariables)[number]['name'];
export type Config = Readonly<Record<VariableName, string>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function validate(spec: VariableSpec, value: string): string | undefined {
  switch (spec.kind) {
    case 'port': {
      const port = Number(value);
      return Number.isInteger(port) && port > 0 && port < 65536 ? undefined : 'must be a TCP port (1-65535)';
    }
    case 'integer':
      return /^\d+$/.test(value) ? undefined : 'must be a non-negative integer';
    case 'url':
      return URL.canParse(value) ? undefined : 'must be an absolute URL';
    case 'database-url':
      return /^postgres(ql)?:\/\//.test(value) ? undefined : 'must be a postgresql:// URL';
    case 'string':
      return value.trim() === '' ? 'must not be empty' : undefined;
  }
}

/** Reads every variable a consumer needs, applying defaults; throws one error listing every invalid value. */
export function loadConfig(consumer: Consumer, env: NodeJS.ProcessEnv = process.env): Config {
  const values: Partial<Record<VariableName, string>> = {};
  const problems: string[] = [];
  for (const spec of environmentVariables as readonly VariableSpec[]) {
    const value = env[spec.name] ?? spec.default;
    if ((spec.consumers as readonly string[]).includes(consumer)) {
      const problem = validate(spec, value);
      if (problem)
        problems.push(`${spec.name} ${problem} (got ${spec.secret ? '<redacted>' : JSON.stringify(value)})`);
    }
    values[spec.name as VariableName] = value;
  }
  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration for ${consumer}:\n  ${problems.join('\n  ')}`);
  return values as Config;
}

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { ensureBuckets, createObjectStorageClient } from '../../activities/src/storage/object-storage';
import { ensureRealm } from './keycloak-admin';
import { tools } from './paths';
import {
  StackError,
  assertPortsFree,
  canConnect,
  httpOk,
  isAlive,
  readPid,
  startDetached,
  stopProcessGroup,
  waitUntil,
} from './processes';
import { type PortSetting, type StackProfile, repoRoot } from './profile';

const run = promisify(execFile);

export type InfraServiceName = 'postgres' | 'temporal' | 'keycloak' | 's3';
export type AppServiceName = 'worker' | 'api' | 'web';
export type ServiceName = InfraServiceName | AppServiceName;

export interface StackService {
  readonly name: ServiceName;
  readonly label: string;
  ports(profile: StackProfile): PortSetting[];
  /** The pid of the running service, if this stack started it and it is alive. */
  runningPid(profile: StackProfile): number | undefined;
  /** Starts the service and resolves once it is healthy. */
  start(profile: StackProfile): Promise<void>;
  stop(profile: StackProfile): Promise<void>;
}

const isRoot = process.getuid?.() === 0;
const pidFile = (profile: StackProfile, name: string): string =>
  path.join(profile.varDir, 'run', `${name}.pid`);
const logFile = (profile: StackProfile, name: string): string => path.join(profile.logDir, `${name}.log`);

/** A service that is one detached process whose pid this stack records. */
abstract class ProcessService implements StackService {
  abstract readonly name: ServiceName;
  abstract readonly label: string;
  abstract ports(profile: StackProfile): PortSetting[];
  protected abstract launch(profile: StackProfile): {
    command: string;
    args: string[];
    env?: NodeJS.ProcessEnv;
  };
  protected abstract healthy(profile: StackProfile): Promise<boolean>;
  protected readonly startTimeoutMs: number = 60000;
  protected async prepare(_profile: StackProfile): Promise<void> {}
  protected async afterStart(_profile: StackProfile): Promise<void> {}

  runningPid(profile: StackProfile): number | undefined {
    return readPid(pidFile(profile, this.name));
  }

  async start(profile: StackProfile): Promise<void> {
    await assertPortsFree(this.label, this.ports(profile));
    await this.prepare(profile);
    const { command, args, env } = this.launch(profile);
    const log = logFile(profile, this.name);
    const pid = startDetached({
      command,
      args,
      env,
      cwd: repoRoot,
      logFile: log,
      pidFile: pidFile(profile, this.name),
    });
    await waitUntil(this.label, () => this.healthy(profile), {
      timeoutMs: this.startTimeoutMs,
      logFile: log,
      pid,
    });
    await this.afterStart(profile);
  }

  async stop(profile: StackProfile): Promise<void> {
    const pid = this.runningPid(profile);
    if (pid !== undefined) await stopProcessGroup(pid);
    fs.rmSync(pidFile(profile, this.name), { force: true });
  }
}

/** PostgreSQL: a cluster of our own under var/<profile>/postgres, TCP on loopback only. */
class PostgresService implements StackService {
  readonly name = 'postgres';
  readonly label = 'PostgreSQL';

  ports(profile: StackProfile): PortSetting[] {
    return [profile.ports.postgres];
  }

  private dataDir(profile: StackProfile): string {
    return path.join(profile.varDir, 'postgres');
  }

  /** initdb and the server refuse to run as root: as root we run them as the `postgres` system user. */
  private async pgTool(tool: string, args: string[]): Promise<void> {
    const binary = path.join(tools.postgresBin, tool);
    const [command, fullArgs] = isRoot
      ? ['runuser', ['-u', 'postgres', '--', binary, ...args]]
      : [binary, args];
    try {
      await run(command, fullArgs, { cwd: '/' });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new StackError(`${tool} failed: ${e.stderr || e.stdout || e.message}`);
    }
  }

  private async assertReachableByPostgresUser(dir: string): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    try {
      await run('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]);
    } catch {
      throw new StackError(
        `PostgreSQL runs as the system user \`postgres\` (it refuses root), and that user cannot reach ${dir}.\n` +
          '  Let it traverse the folders above the checkout (e.g. `chmod o+x` on each) or clone into a folder such as /srv or /tmp.',
      );
    }
  }

  runningPid(profile: StackProfile): number | undefined {
    return readPid(path.join(this.dataDir(profile), 'postmaster.pid'));
  }

  async start(profile: StackProfile): Promise<void> {
    await assertPortsFree(this.label, this.ports(profile));
    const dataDir = this.dataDir(profile);
    const log = logFile(profile, 'postgres');
    fs.mkdirSync(profile.logDir, { recursive: true });
    if (!fs.existsSync(log)) fs.writeFileSync(log, '');
    if (isRoot) await run('chown', ['postgres', log]);
    if (isRoot) await this.assertReachableByPostgresUser(profile.varDir);
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const pwFile = path.join(dataDir, '..', 'pg-initial-password');
      fs.writeFileSync(pwFile, `${profile.postgresAdminPassword}\n`, { mode: 0o600 });
      if (isRoot) await run('chown', ['postgres', dataDir, pwFile]);
      try {
        await this.pgTool('initdb', [
          '-D',
          dataDir,
          '-U',
          'postgres',
          '-E',
          'UTF8',
          '--locale=C.UTF-8',
          '--auth-local=peer',
          '--auth-host=scram-sha-256',
          `--pwfile=${pwFile}`,
        ]);
      } finally {
        fs.rmSync(pwFile, { force: true });
      }
    }
    const options = `-p ${profile.ports.postgres.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`;
    await this.pgTool('pg_ctl', ['-D', dataDir, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
    await waitUntil(this.label, () => canConnect(profile.ports.postgres.port), {
      timeoutMs: 30000,
      logFile: log,
    });
    await this.bootstrap(profile);
  }

  /** Roles and databases the stack needs; idempotent. */
  private async bootstrap(profile: StackProfile): Promise<void> {
    const admin = new PgClient({
      host: '127.0.0.1',
      port: profile.ports.postgres.port,
      user: 'postgres',
      password: profile.postgresAdminPassword,
      database: 'postgres',
    });
    await admin.connect();
    try {
      const ensureRole = async (role: string, password: string, extra: string): Promise<void> => {
        const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        if (exists.rowCount === 0) {
          await admin.query(`CREATE ROLE ${role} LOGIN ${extra} PASSWORD '${password.replace(/'/g, "''")}'`);
        }
      };
      const ensureDatabase = async (database: string, owner: string): Promise<void> => {
        const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`);
      };
      await ensureRole('eventvault', 'eventvault', 'CREATEDB');
      await ensureRole('keycloak', profile.keycloakDbPassword, '');
      await ensureDatabase('eventvault', 'eventvault');
      await ensureDatabase('keycloak', 'keycloak');
    } finally {
      await admin.end();
    }
  }

  async stop(profile: StackProfile): Promise<void> {
    if (this.runningPid(profile) === undefined) return;
    await this.pgTool('pg_ctl', ['-D', this.dataDir(profile), '-m', 'fast', '-w', '-t', '60', 'stop']);
  }
}

interface TemporalDevServerConfig {
  namespaces: string[];
  searchAttributes: Record<string, string>;
  dynamicConfig: Record<string, unknown>;
  sqlitePragmas: Record<string, string>;
}

export function readTemporalDevServerConfig(): TemporalDevServerConfig {
  return JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'temporal-config/dev-server.json'), 'utf8'),
  ) as TemporalDevServerConfig;
}

/** Temporal dev server: one process, state in a SQLite file, namespaces and search attributes from temporal-config/. */
class TemporalService extends ProcessService {
  readonly name = 'temporal';
  readonly label = 'Temporal server';

  ports(profile: StackProfile): PortSetting[] {
    const { temporal, temporalHttp, temporalMetrics, temporalUi } = profile.ports;
    return profile.name === 'dev'
      ? [temporal, temporalHttp, temporalMetrics, temporalUi]
      : [temporal, temporalHttp, temporalMetrics];
  }

  protected launch(profile: StackProfile): { command: string; args: string[] } {
    const config = readTemporalDevServerConfig();
    fs.mkdirSync(path.join(profile.varDir, 'temporal'), { recursive: true });
    const args = [
      'server',
      'start-dev',
      '--db-filename',
      path.join(profile.varDir, 'temporal', 'temporal.db'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(profile.ports.temporal.port),
      '--http-port',
      String(profile.ports.temporalHttp.port),
      '--metrics-port',
      String(profile.ports.temporalMetrics.port),
      '--log-level',
      'warn',
      ...(profile.name === 'dev'
        ? ['--ui-port', String(profile.ports.temporalUi.port), '--ui-disable-news-fetch']
        : ['--headless']),
      ...config.namespaces.flatMap((ns) => ['--namespace', ns]),
      ...Object.entries(config.searchAttributes).flatMap(([key, type]) => [
        '--search-attribute',
        `${key}=${type}`,
      ]),
      ...Object.entries(config.dynamicConfig).flatMap(([key, value]) => [
        '--dynamic-config-value',
        `${key}=${JSON.stringify(value)}`,
      ]),
      ...Object.entries(config.sqlitePragmas).flatMap(([key, value]) => [
        '--sqlite-pragma',
        `${key}=${value}`,
      ]),
    ];
    return { command: tools.temporal, args };
  }

  protected async healthy(profile: StackProfile): Promise<boolean> {
    if (!(await canConnect(profile.ports.temporal.port))) return false;
    // No retry interceptor: its timers outlive close() and throw "Channel has been shut down" (we poll instead).
    const connection = await Connection.connect({
      address: `127.0.0.1:${profile.ports.temporal.port}`,
      connectTimeout: 2000,
      interceptors: [],
    });
    try {
      await connection.workflowService.describeNamespace({ namespace: profile.appEnv.TEMPORAL_NAMESPACE });
      return true;
    } finally {
      await connection.close();
    }
  }
}

/** Keycloak, built once for PostgreSQL by setup, started optimised; its state lives in the profile's PostgreSQL. */
class KeycloakService extends ProcessService {
  readonly name = 'keycloak';
  readonly label = 'Keycloak';
  protected override readonly startTimeoutMs = 180000;

  ports(profile: StackProfile): PortSetting[] {
    return [profile.ports.keycloak, profile.ports.keycloakManagement];
  }

  protected launch(profile: StackProfile): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
    const args = [
      'start',
      '--optimized',
      '--http-enabled=true',
      '--hostname-strict=false',
      '--http-host=127.0.0.1',
      `--http-port=${profile.ports.keycloak.port}`,
      `--http-management-port=${profile.ports.keycloakManagement.port}`,
      `--db-url=jdbc:postgresql://127.0.0.1:${profile.ports.postgres.port}/keycloak`,
      '--db-username=keycloak',
      `--db-password=${profile.keycloakDbPassword}`,
      '--cache=local',
      '--log-level=warn',
    ];
    return {
      command: path.join(tools.keycloakHome, 'bin/kc.sh'),
      args,
      env: {
        ...process.env,
        KC_BOOTSTRAP_ADMIN_USERNAME: profile.keycloakAdmin.user,
        KC_BOOTSTRAP_ADMIN_PASSWORD: profile.keycloakAdmin.password,
        JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx640m',
      },
    };
  }

  protected healthy(profile: StackProfile): Promise<boolean> {
    return httpOk(`http://127.0.0.1:${profile.ports.keycloakManagement.port}/health/ready`);
  }

  protected override async afterStart(profile: StackProfile): Promise<void> {
    await ensureRealm({
      baseUrl: profile.appEnv.KEYCLOAK_URL,
      adminUser: profile.keycloakAdmin.user,
      adminPassword: profile.keycloakAdmin.password,
      profile: profile.name,
      webUrl: profile.appEnv.WEB_URL,
    });
  }
}

/** versitygw: an S3 server over a plain directory, object versions kept in a directory beside it. */
class ObjectStorageService extends ProcessService {
  readonly name = 's3';
  readonly label = 'S3 object storage (versitygw)';

  ports(profile: StackProfile): PortSetting[] {
    return [profile.ports.s3];
  }

  protected launch(profile: StackProfile): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
    const data = path.join(profile.varDir, 's3', 'data');
    const versions = path.join(profile.varDir, 's3', 'versions');
    fs.mkdirSync(data, { recursive: true });
    fs.mkdirSync(versions, { recursive: true });
    return {
      command: tools.versitygw,
      args: [
        '--port',
        `127.0.0.1:${profile.ports.s3.port}`,
        // The web app reads PDFs through their presigned links (pdf.js fetches them), so its origin may.
        '--cors-allow-origin',
        profile.appEnv.WEB_URL,
        'posix',
        '--versioning-dir',
        versions,
        data,
      ],
      env: {
        ...process.env,
        ROOT_ACCESS_KEY: profile.appEnv.S3_ACCESS_KEY,
        ROOT_SECRET_KEY: profile.appEnv.S3_SECRET_KEY,
      },
    };
  }

  protected async healthy(profile: StackProfile): Promise<boolean> {
    if (!(await canConnect(profile.ports.s3.port))) return false;
    await createObjectStorageClient(profile.appEnv).listBuckets();
    return true;
  }

  protected override async afterStart(profile: StackProfile): Promise<void> {
    await ensureBuckets(
      createObjectStorageClient(profile.appEnv),
      [profile.appEnv.S3_BUCKET_DOCUMENTS, profile.appEnv.S3_BUCKET_REPORTS],
      profile.appEnv.S3_REGION,
    );
  }
}

/** One of our own Node processes (worker, API, web server), built beforehand. */
class AppService extends ProcessService {
  constructor(
    readonly name: AppServiceName,
    readonly label: string,
    private readonly port: (profile: StackProfile) => PortSetting,
    private readonly entry: string[],
    private readonly health: (profile: StackProfile) => string,
    /** Other ports the process listens on (checked for conflicts before it starts). */
    private readonly otherPorts: (profile: StackProfile) => PortSetting[] = () => [],
  ) {
    super();
  }

  ports(profile: StackProfile): PortSetting[] {
    return [this.port(profile), ...this.otherPorts(profile)];
  }

  protected launch(profile: StackProfile): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
    for (const file of this.entry.filter((arg) => arg.endsWith('.js') || arg.endsWith('.ts'))) {
      if (!fs.existsSync(path.join(repoRoot, file))) {
        throw new StackError(
          `${this.label}: ${file} does not exist. Run \`npm run setup\` (or \`npm run build\`) first.`,
        );
      }
    }
    return {
      command: process.execPath,
      args: this.entry,
      env: { ...process.env, ...profile.appEnv, NODE_ENV: profile.name === 'test' ? 'test' : 'development' },
    };
  }

  protected healthy(profile: StackProfile): Promise<boolean> {
    return httpOk(this.health(profile));
  }
}

export const infrastructure: readonly StackService[] = [
  new PostgresService(),
  new TemporalService(),
  new ObjectStorageService(),
  new KeycloakService(),
];

export const applications: readonly StackService[] = [
  new AppService(
    'worker',
    'EventVault worker',
    (p) => p.ports.workerMetrics,
    ['worker/dist/main.js'],
    (p) => `http://127.0.0.1:${p.ports.workerMetrics.port}/metrics`,
  ),
  new AppService(
    'api',
    'EventVault API',
    (p) => p.ports.api,
    ['api/dist/main.js'],
    (p) => `http://127.0.0.1:${p.ports.api.port}/health`,
    (p) => [p.ports.apiMetrics],
  ),
  new AppService(
    'web',
    'EventVault web app',
    (p) => p.ports.web,
    ['--import', 'tsx', 'web/tools/serve.ts'],
    (p) => `http://127.0.0.1:${p.ports.web.port}/healthz`,
  ),
];

export const allServices: readonly StackService[] = [...infrastructure, ...applications];

export function serviceByName(name: ServiceName): StackService {
  const service = allServices.find((s) => s.name === name);
  if (service === undefined) throw new StackError(`unknown service ${name}`);
  return service;
}

export { isAlive };

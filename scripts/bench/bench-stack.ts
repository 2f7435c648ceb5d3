import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Config } from '../../activities/src/config/environment';
import { canConnect, httpOk, waitUntil } from '../stack/processes';
import { loadProfile, repoRoot, type StackProfile } from '../stack/profile';
import { type ServiceName, serviceByName } from '../stack/services';
import { startStack, stopServices } from '../stack/stack';

/** What a benchmark needs running: PostgreSQL alone, or every service with the worker and the API. */
export type StackNeeds = 'database' | 'full';

export interface BenchStack {
  readonly profile: StackProfile;
  readonly env: Config;
  /** e.g. "test (started by the benchmark)"; recorded in the results. */
  readonly label: string;
  /** The worker's process id, when this checkout's stack runs one. */
  workerPid(): number | undefined;
  /** What the running worker and API were started with (their environment), for the settings that shape a figure. */
  setting(service: 'worker' | 'api', name: string): string | undefined;
  /** Stops the services the benchmark started, and nothing else. */
  stop(): Promise<void>;
}

/** A process's environment as it was started (Linux /proc; undefined elsewhere or when not readable). */
export function processEnvironment(pid: number): Record<string, string> | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/environ`, 'latin1');
    return Object.fromEntries(
      raw
        .split('\0')
        .filter((entry) => entry.includes('='))
        .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
    );
  } catch {
    return undefined;
  }
}

/**
 * Uploads are rate limited per caller (30 a minute by default); an intake benchmark uploads faster than one supplier
 * would, so a stack the benchmark starts itself runs its API without the limit.
 */
const benchSettings = { RATE_LIMIT_UPLOADS_PER_MINUTE: '0' };

/**
 * The stack the benchmarks run against: `stack` names a running one (dev or test), else the test stack is started
 * (its ports moved by EV_TEST_PORT_OFFSET) with whatever `needs` asks for, and `stop()` stops what was started.
 */
export async function openBenchStack(
  stack: 'dev' | 'test' | null,
  needs: StackNeeds,
  log: (line: string) => void,
): Promise<BenchStack> {
  const profile = stack === null ? loadProfile('test', benchSettings) : loadProfile(stack);
  const started: ServiceName[] = [];
  const running = (name: ServiceName) => serviceByName(name).runningPid(profile);
  if (stack !== null) {
    const missing: string[] = [];
    if (!(await canConnect(profile.ports.postgres.port))) missing.push('PostgreSQL');
    if (needs === 'full') {
      if (!(await httpOk(`${profile.appEnv.API_URL}/health`, 5000).catch(() => false)))
        missing.push('the API');
      if (running('worker') === undefined) missing.push('the worker of this checkout');
    }
    if (missing.length > 0) {
      throw new Error(`--stack ${stack}: ${missing.join(', ')} not running (start it, or leave out --stack)`);
    }
  } else if (needs === 'database') {
    if (running('postgres') === undefined) {
      log('  starting PostgreSQL of the test stack…');
      await serviceByName('postgres').start(profile);
      started.push('postgres');
    }
  } else {
    const apps: ServiceName[] = ['worker', 'api'];
    if (apps.some((name) => running(name) === undefined)) {
      log('  building the worker and the API…');
      execFileSync('npm', ['run', '--silent', 'build', '-w', 'activities', '-w', 'worker', '-w', 'api'], {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    started.push(...(await startStack(profile, { applications: false, log })));
    for (const name of apps) {
      if (running(name) !== undefined) continue;
      log(`  starting ${name}…`);
      await serviceByName(name).start(profile);
      started.push(name);
    }
  }
  const label =
    stack === null
      ? `test${started.length > 0 ? ` (started by the benchmark: ${started.join(', ')})` : ' (running)'}`
      : `${stack} (running)`;
  const env = profile.appEnv;
  return {
    profile,
    env,
    label,
    workerPid: () => running('worker'),
    setting(service, name) {
      const pid = running(service);
      const environment = pid === undefined ? undefined : processEnvironment(pid);
      return environment?.[name] ?? (started.includes(service) ? env[name as keyof Config] : undefined);
    },
    async stop() {
      if (started.length > 0) log(`  stopping what the benchmark started: ${started.join(', ')}`);
      await stopServices(profile, started);
    },
  };
}

/** A free TCP port on loopback (for a process the benchmark starts beside the stack). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * One more API process, built from this checkout, serving `databaseUrl` (a generated database) with the stack's
 * Keycloak, Temporal and S3, on free ports. Returns its URL and a function that stops it.
 */
export async function startApiOn(
  stack: BenchStack,
  databaseUrl: string,
  logFile: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(repoRoot, 'api/dist/main.js')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...stack.env,
      DATABASE_URL: databaseUrl,
      API_PORT: String(port),
      API_METRICS_PORT: String(metricsPort),
      NODE_ENV: 'test',
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitUntil('the benchmark API', () => httpOk(`${url}/health`), {
      timeoutMs: 90_000,
      logFile,
      ...(child.pid === undefined ? {} : { pid: child.pid }),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

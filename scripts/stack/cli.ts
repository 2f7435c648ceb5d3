import fs from 'node:fs';
import path from 'node:path';
import { demoLogins } from './realm';
import { StackError, isAlive, sleep } from './processes';
import { type StackProfile, loadProfile } from './profile';
import { allServices, serviceByName } from './services';
import { runningServices, startStack, stopServices } from './stack';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Tells a foreground `npm start` that the services are going away on purpose. */
const stopRequestFile = (profile: StackProfile): string => path.join(profile.varDir, 'run', 'stop-requested');

function printWelcome(profile: StackProfile): void {
  const e = profile.appEnv;
  out('');
  out('EventVault is running.');
  out('');
  out(`  Web app          ${e.WEB_URL}`);
  out(`  API              ${e.API_URL}   (health: ${e.API_URL}/health)`);
  out(`  GraphQL          ${e.API_URL}/graphql`);
  out(`  Temporal UI      ${e.TEMPORAL_UI_URL}   (gRPC ${e.TEMPORAL_ADDRESS})`);
  out(
    `  Keycloak         ${e.KEYCLOAK_URL}/admin   (admin console: ${profile.keycloakAdmin.user} / ${profile.keycloakAdmin.password})`,
  );
  out(`  Worker metrics   http://127.0.0.1:${profile.ports.workerMetrics.port}/metrics`);
  out(`  API metrics      http://127.0.0.1:${profile.ports.apiMetrics.port}/metrics`);
  out(`  S3 storage       ${e.S3_ENDPOINT}   (buckets ${e.S3_BUCKET_DOCUMENTS}, ${e.S3_BUCKET_REPORTS})`);
  out(`  PostgreSQL       127.0.0.1:${profile.ports.postgres.port}   (database eventvault, user eventvault)`);
  out('');
  out('  Demo logins (realm eventvault):');
  const rows = [
    ['username', 'password', 'organisation', 'roles', 'MFA'],
    ...demoLogins.map((l) => [
      l.username,
      l.password,
      l.organisation,
      l.roles.join(', '),
      l.hasTotp ? 'TOTP' : '',
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of rows)
    out(`    ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd());
  out('    (TOTP secrets for step-up MFA are in keycloak/README.md)');
  out('');
  out(`  Logs in ${profile.logDir}. Ctrl-C (or \`npm stop\`) stops what this command started.`);
}

async function start(): Promise<void> {
  const profile = loadProfile('dev');
  fs.rmSync(stopRequestFile(profile), { force: true });
  out('Starting EventVault (state in var/dev)…');
  const started = await startStack(profile, { applications: true, log: out });
  printWelcome(profile);
  let stopping = false;
  const shutdown = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    out(
      `\n${reason}: stopping ${started.length === 0 ? 'nothing (all was running before)' : started.join(', ')}…`,
    );
    await stopServices(profile, started);
    out('Stopped. Data is kept in var/dev; `npm start` resumes it.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Stay in the foreground while what we started runs; leave quietly once `npm stop` has stopped it all.
  for (;;) {
    await sleep(2000);
    if (stopping) continue;
    if (fs.existsSync(stopRequestFile(profile))) {
      out('`npm stop` was run: leaving.');
      process.exit(0);
    }
    const alive = started.filter((name) => serviceByName(name).runningPid(profile) !== undefined);
    if (started.length > 0 && alive.length === 0) {
      out('Every service this command started has stopped.');
      process.exit(0);
    }
    for (const name of started.filter((n) => !alive.includes(n))) {
      out(`warning: ${serviceByName(name).label} is no longer running; see ${profile.logDir}/${name}.log`);
      started.splice(started.indexOf(name), 1);
    }
  }
}

async function stop(): Promise<void> {
  const profile = loadProfile('dev');
  const running = runningServices(profile);
  if (running.length === 0) {
    out('Nothing of EventVault is running.');
    return;
  }
  out(`Stopping ${running.join(', ')}…`);
  fs.mkdirSync(path.dirname(stopRequestFile(profile)), { recursive: true });
  fs.writeFileSync(stopRequestFile(profile), `${process.pid}\n`);
  await stopServices(profile, running);
  out('Stopped. Data is kept in var/dev.');
}

function status(): void {
  for (const name of ['dev', 'test'] as const) {
    const profile = loadProfile(name);
    out(`${name} stack (var/${name}):`);
    for (const service of allServices) {
      const pid = service.runningPid(profile);
      const ports = service
        .ports(profile)
        .map((p) => p.port)
        .join(', ');
      out(
        `  ${service.label.padEnd(32)} ${pid !== undefined && isAlive(pid) ? `running (pid ${pid})` : 'stopped'}  ports ${ports}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  switch (command) {
    case 'start':
      return start();
    case 'stop':
      return stop();
    case 'status':
      return status();
    default:
      throw new StackError(`usage: cli.ts start | stop | status`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\n${error instanceof StackError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

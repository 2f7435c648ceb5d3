import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from './processes';
import { loadProfile, repoRoot } from './profile';
import type { ServiceName } from './services';
import { runningServices, startStack, stopServices } from './stack';

// The integration tests' own stack (var/test, ports 10000 above dev). Jest's global setup and teardown run this
// file with tsx: `up` starts what is not running and records it, `down` stops only what `up` recorded.

const startedFile = path.join(repoRoot, 'var/test/started-by-tests.json');
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Our own processes run from their builds: bring them up to date first (incremental, so usually quick). */
function buildApplications(): void {
  const npm = (args: string[]): void => {
    execFileSync('npm', args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  };
  npm(['run', '--silent', 'build', '-w', 'activities', '-w', 'worker', '-w', 'api']);
  const webDist = path.join(repoRoot, 'web/dist');
  if (!fs.existsSync(webDist) || newestMtime(path.join(repoRoot, 'web/src')) > newestMtime(webDist)) {
    log('  building the web app…');
    npm(['run', '--silent', 'build', '-w', 'web']);
  }
}

/**
 * While a developer keeps the stack between runs (EV_KEEP_TEST_STACK=1), code in the middle of a change may not build;
 * the tests that do not need the API or worker should still run, so the running apps stay on their last build.
 * Everywhere else (CI) a build failure fails the run.
 */
function buildOrKeepRunningApplications(): boolean {
  try {
    buildApplications();
    return true;
  } catch (error) {
    if (process.env.EV_KEEP_TEST_STACK !== '1') throw error;
    log('  the build failed: the API, worker and web app keep running from their previous build');
    return false;
  }
}

async function up(): Promise<void> {
  log('\nTest stack (var/test, its own ports):');
  const built = buildOrKeepRunningApplications();
  const profile = loadProfile('test');
  if (runningServices(profile).length === 0) {
    // Every run from a stopped stack starts from the demo seed alone, so no run depends on what an earlier one left
    // (an invoice a test once received is a duplicate the next time). A stack kept running keeps its data.
    log('  starting from empty data');
    for (const data of ['postgres', 's3', 'temporal']) {
      fs.rmSync(path.join(profile.varDir, data), { recursive: true, force: true });
    }
  }
  // Our own processes start afresh from the build just made; the servers they use may keep running.
  if (built) await stopServices(profile, ['web', 'api', 'worker']);
  const started = await startStack(profile, { applications: true, log });
  const previous = fs.existsSync(startedFile)
    ? (JSON.parse(fs.readFileSync(startedFile, 'utf8')) as ServiceName[])
    : [];
  fs.writeFileSync(startedFile, JSON.stringify([...new Set([...previous, ...started])]));
}

async function down(): Promise<void> {
  if (!fs.existsSync(startedFile)) return;
  const started = JSON.parse(fs.readFileSync(startedFile, 'utf8')) as ServiceName[];
  await stopServices(loadProfile('test'), started);
  fs.rmSync(startedFile);
}

const command = process.argv[2];
(command === 'up'
  ? up()
  : command === 'down'
    ? down()
    : Promise.reject(new StackError('usage: test-stack.ts up|down'))
).catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

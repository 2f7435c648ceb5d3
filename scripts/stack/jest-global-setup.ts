import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadProfile, repoRoot } from './profile';
import { startStack } from './stack';

export const startedFile = path.join(repoRoot, 'var/test/started-by-jest.json');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Our own processes run from their builds: bring them up to date first (incremental, so usually instant). */
function buildApplications(log: (line: string) => void): void {
  const npm = (args: string[]): void => {
    execFileSync('npm', args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  };
  npm(['run', '--silent', 'build', '-w', 'worker', '-w', 'api']);
  const webDist = path.join(repoRoot, 'web/dist');
  if (!fs.existsSync(webDist) || newestMtime(path.join(repoRoot, 'web/src')) > newestMtime(webDist)) {
    log('  building the web app…');
    npm(['run', '--silent', 'build', '-w', 'web']);
  }
}

export default async function globalSetup(): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const profile = loadProfile('test');
  log('\nTest stack (var/test, its own ports):');
  buildApplications(log);
  const started = await startStack(profile, { applications: true, log });
  fs.writeFileSync(startedFile, JSON.stringify(started));
}

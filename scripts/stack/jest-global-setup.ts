import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * Runs scripts/stack/test-stack.ts in a child process (tsx resolves the ESM-style imports Jest's loader cannot).
 * Asynchronously on purpose: services that tests restarted are children of this Jest process, and a blocked event
 * loop could not reap them when they exit.
 */
export function runTestStack(command: 'up' | 'down'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/stack/test-stack.ts', command], {
      cwd: root,
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`test stack ${command} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

export default function globalSetup(): Promise<void> {
  return runTestStack('up');
}

import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Starts the test stack in a child process (tsx resolves the ESM-style imports Jest's loader here cannot). */
export default function globalSetup(): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/stack/test-stack.ts', 'up'], {
    cwd: root,
    stdio: 'inherit',
  });
}

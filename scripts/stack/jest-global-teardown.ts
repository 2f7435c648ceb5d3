import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Stops what the test run started; EV_KEEP_TEST_STACK=1 keeps it running for the next run. */
export default function globalTeardown(): void {
  if (process.env.EV_KEEP_TEST_STACK === '1') return;
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/stack/test-stack.ts', 'down'], {
    cwd: root,
    stdio: 'inherit',
  });
}

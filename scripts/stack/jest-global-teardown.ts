import fs from 'node:fs';
import { startedFile } from './jest-global-setup';
import { loadProfile } from './profile';
import type { ServiceName } from './services';
import { stopServices } from './stack';

/** Stops what the test run started; EV_KEEP_TEST_STACK=1 keeps it running for the next run. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.EV_KEEP_TEST_STACK === '1' || !fs.existsSync(startedFile)) return;
  const started = JSON.parse(fs.readFileSync(startedFile, 'utf8')) as ServiceName[];
  fs.rmSync(startedFile);
  await stopServices(loadProfile('test'), started);
}

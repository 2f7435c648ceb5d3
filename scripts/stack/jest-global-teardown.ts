import { runTestStack } from './jest-global-setup';

/** Stops what the test run started; EV_KEEP_TEST_STACK=1 keeps it running for the next run. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.EV_KEEP_TEST_STACK === '1') return;
  await runTestStack('down');
}

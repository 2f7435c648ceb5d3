import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

export const workflowBundlePath = path.resolve(__dirname, '../dist/bundle/workflows.js');

/** Built ahead of time (`npm run build -w worker`) so the worker starts without webpack. */
export async function writeWorkflowBundle(): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('@eventvault/workflows'),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  fs.mkdirSync(path.dirname(workflowBundlePath), { recursive: true });
  fs.writeFileSync(workflowBundlePath, code);
}

if (require.main === module) {
  writeWorkflowBundle().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

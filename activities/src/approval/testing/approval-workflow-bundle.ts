import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';

const repoRoot = path.resolve(__dirname, '../../../..');

/** Workflows import the domain package by name; tests and recordings bundle it from source, not a stale build. */
export function bundleApprovalWorkflow(workflowsPath: string): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: {
          ...(config.resolve?.alias as Record<string, string> | undefined),
          '@eventvault/domain': path.join(repoRoot, 'domain/src'),
        },
      },
    }),
    logger: new DefaultLogger('WARN'),
  });
}

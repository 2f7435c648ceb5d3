import type { Client as ObjectStorageClient } from 'minio';
import type { Database } from '../database/client';

export interface DependencyCheck {
  readonly name: 'database' | 'object-storage';
  readonly status: 'up' | 'down';
  readonly latencyMs: number;
  readonly error?: string;
}

export interface SystemCheckDependencies {
  readonly db: Database;
  readonly storage: ObjectStorageClient;
  readonly documentsBucket: string;
  readonly clock?: () => number;
}

async function timed(
  name: DependencyCheck['name'],
  clock: () => number,
  probe: () => Promise<void>,
): Promise<DependencyCheck> {
  const started = clock();
  try {
    await probe();
    return { name, status: 'up', latencyMs: clock() - started };
  } catch (error) {
    return { name, status: 'down', latencyMs: clock() - started, error: (error as Error).message };
  }
}

export function createSystemCheckActivities(deps: SystemCheckDependencies) {
  const clock = deps.clock ?? (() => performance.now());
  return {
    async checkDatabase(): Promise<DependencyCheck> {
      return timed('database', clock, async () => {
        await deps.db.$queryRaw`SELECT 1`;
      });
    },
    async checkObjectStorage(): Promise<DependencyCheck> {
      return timed('object-storage', clock, async () => {
        if (!(await deps.storage.bucketExists(deps.documentsBucket))) {
          throw new Error(`bucket ${deps.documentsBucket} does not exist`);
        }
      });
    },
  };
}

export type SystemCheckActivities = ReturnType<typeof createSystemCheckActivities>;

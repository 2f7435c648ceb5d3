import type { Client as ObjectStorageClient } from 'minio';
import type { Database } from './database/client';
import { createSystemCheckActivities } from './system-check/system-check.activities';

export interface ActivityClients {
  readonly db: Database;
  readonly storage: ObjectStorageClient;
  readonly buckets: { readonly documents: string; readonly reports: string };
}

/** Every activity the worker registers, built from the clients it is given (real ones, or a test's). */
export function createActivities(clients: ActivityClients) {
  return {
    ...createSystemCheckActivities({
      db: clients.db,
      storage: clients.storage,
      documentsBucket: clients.buckets.documents,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;

import type { DatabaseSession } from './client';
import type { Prisma } from '../generated/prisma/client';

/**
 * Runs `work` in a transaction: a new one on the whole client, or the caller's when `db` is a transaction already
 * (Prisma's transaction client has no `$transaction`), so a repository method can be part of a larger unit of work.
 */
export function inTransaction<T>(
  db: DatabaseSession,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  options?: { maxWait?: number; timeout?: number },
): Promise<T> {
  if ('$transaction' in db && typeof db.$transaction === 'function') return db.$transaction(work, options);
  return work(db);
}

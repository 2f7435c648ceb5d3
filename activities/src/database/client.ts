import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from '../generated/prisma/client';

export type Database = PrismaClient;

/** What a repository needs: the whole client, or one transaction of it (so callers can group writes atomically). */
export type DatabaseSession = Database | Prisma.TransactionClient;

/** The one way to open the database: Prisma's client over node-postgres. */
export function createDatabase(databaseUrl: string, options: { maxConnections?: number } = {}): Database {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}

/** Resolves when PostgreSQL answers a trivial query on this client (health checks); rejects with its error. */
export async function checkDatabaseConnection(db: DatabaseSession): Promise<void> {
  const rows = await db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`;
  if (rows[0]?.ok !== 1) throw new Error('SELECT 1 returned no row');
}

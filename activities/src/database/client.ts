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

import path from 'node:path';
import { runner } from 'node-pg-migrate';

export const migrationsDirectory = path.resolve(__dirname, '../../migrations');

export interface MigrationLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const quiet: MigrationLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Applies every pending SQL migration; returns the names applied by this call. */
export async function migrateToLatest(databaseUrl: string, log: MigrationLog = quiet): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: path.join(migrationsDirectory, '*.sql'),
    direction: 'up',
    migrationsTable: 'pgmigrations',
    useGlob: true,
    checkOrder: true,
    singleTransaction: true,
    verbose: false,
    logger: log,
  });
  return applied.map((migration) => migration.name);
}

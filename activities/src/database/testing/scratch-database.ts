import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const repoRoot = path.resolve(__dirname, '../../../..');

/** A database of one test file's own on the test stack's PostgreSQL (DATABASE_URL), dropped when done. */
export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** Runs `npm run migrate` exactly as an operator would; returns what it printed. */
export async function migrateWithNpm(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'migrate'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return stdout;
}

export async function createEmptyDatabase(prefix: string): Promise<ScratchDatabase> {
  const adminUrl = process.env.DATABASE_URL ?? '';
  const name = `${prefix}_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      try {
        await dropDatabase(admin, name);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * FORCE ends the test's own sessions, but not an autovacuum worker that happens to be in the database (it belongs
 * to the superuser: "must be a member of the role whose process is being terminated"); such a worker finishes in
 * moments, so the drop is tried again.
 */
async function dropDatabase(admin: Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      const insufficientPrivilege = (error as { code?: string }).code === '42501';
      if (!insufficientPrivilege || attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** An empty database with every migration applied. */
export async function createMigratedDatabase(prefix: string): Promise<ScratchDatabase> {
  const database = await createEmptyDatabase(prefix);
  try {
    await migrateWithNpm(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createDatabase } from './client';

const repoRoot = path.resolve(__dirname, '../../..');

/** Runs `npm run migrate` exactly as an operator would; returns what it printed. */
async function migrateToLatest(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'migrate'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return stdout;
}

/** A database of this test's own, created empty and dropped afterwards. */
async function withEmptyDatabase(use: (url: string) => Promise<void>): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? '';
  const name = `schema_${randomUUID().replace(/-/g, '')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await use(url.toString());
  } finally {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

describe('database schema', () => {
  it('is built by the migrations from an empty database, and a second run applies nothing', async () => {
    await withEmptyDatabase(async (url) => {
      expect(await migrateToLatest(url)).toMatch(/^Applied: 1764780000000_organisations-and-users/);
      expect(await migrateToLatest(url)).toMatch(/^Schema is up to date\./);
    });
  });

  it('matches the Prisma client: every model can be written and read back', async () => {
    await withEmptyDatabase(async (url) => {
      await migrateToLatest(url);
      const db = createDatabase(url, { maxConnections: 2 });
      try {
        const organisation = await db.organisation.create({
          data: {
            slug: 'drift-check',
            legalName: 'Drift Check (Pty) Ltd',
            baseCurrency: 'ZAR',
            fiscalYearStartMonth: 3,
          },
        });
        const user = await db.appUser.create({
          data: {
            organisationId: organisation.id,
            username: 'a@b.demo',
            displayName: 'A B',
            email: 'a@b.demo',
          },
        });
        const read = await db.organisation.findUniqueOrThrow({
          where: { id: organisation.id },
          include: { users: true },
        });
        expect(read.users.map((u) => u.id)).toEqual([user.id]);
        expect(read.createdAt).toBeInstanceOf(Date);
      } finally {
        await db.$disconnect();
      }
    });
  });

  it('refuses rows the business never allows', async () => {
    await withEmptyDatabase(async (url) => {
      await migrateToLatest(url);
      const db = createDatabase(url, { maxConnections: 2 });
      try {
        await expect(
          db.organisation.create({
            data: { slug: 'x1', legalName: 'X', baseCurrency: 'rand', fiscalYearStartMonth: 3 },
          }),
        ).rejects.toThrow();
        await expect(
          db.organisation.create({
            data: { slug: 'x2', legalName: 'X', baseCurrency: 'ZAR', fiscalYearStartMonth: 13 },
          }),
        ).rejects.toThrow();
      } finally {
        await db.$disconnect();
      }
    });
  });
});

import { createDatabase } from './client';
import { createEmptyDatabase, migrateWithNpm as migrateToLatest } from './testing/scratch-database';

/** A database of this test's own, created empty and dropped afterwards. */
async function withEmptyDatabase(use: (url: string) => Promise<void>): Promise<void> {
  const database = await createEmptyDatabase('schema');
  try {
    await use(database.url);
  } finally {
    await database.drop();
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

import { createDatabase, type Database } from './client';
import { inTransaction } from './transaction';
import { createMigratedDatabase, type ScratchDatabase } from './testing/scratch-database';

// inTransaction joins the caller's transaction instead of opening a second one, so a repository method called inside
// a larger unit of work (the demo seed) commits and rolls back with it.

let scratch: ScratchDatabase;
let db: Database;

beforeAll(async () => {
  scratch = await createMigratedDatabase('in_transaction');
  db = createDatabase(scratch.url, { maxConnections: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

const organisation = (slug: string) => ({
  slug,
  legalName: slug,
  baseCurrency: 'ZAR',
  fiscalYearStartMonth: 3,
});

it('rolls back what a nested call wrote when the outer transaction fails', async () => {
  await expect(
    inTransaction(db, async (outer) => {
      await inTransaction(outer, (inner) =>
        inner.organisation.create({ data: organisation('nested-rollback') }),
      );
      throw new Error('outer fails');
    }),
  ).rejects.toThrow('outer fails');
  expect(await db.organisation.findUnique({ where: { slug: 'nested-rollback' } })).toBeNull();
});

it('commits a call on the whole client in a transaction of its own', async () => {
  await inTransaction(db, (tx) => tx.organisation.create({ data: organisation('own-transaction') }));
  expect(await db.organisation.findUnique({ where: { slug: 'own-transaction' } })).not.toBeNull();
});

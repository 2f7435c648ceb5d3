import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, type Database } from '../database/client';
import { type ScratchDatabase, createMigratedDatabase } from '../database/testing/scratch-database';
import { BankDetailsCipher } from './bank-details-cipher';
import { SupplierRepository } from './supplier.repository';

// The supplier register on a database of this file's own: matching, organisation scoping, sealed bank details.

let scratch: ScratchDatabase;
let db: Database;
const cipher = BankDetailsCipher.fromKeyring(`test-1:${randomBytes(32).toString('base64')}`);

beforeAll(async () => {
  scratch = await createMigratedDatabase('suppliers');
  db = createDatabase(scratch.url, { maxConnections: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

async function register(): Promise<SupplierRepository> {
  const { id } = await db.organisation.create({
    data: {
      slug: `o-${randomUUID().slice(0, 8)}`,
      legalName: 'O',
      baseCurrency: 'ZAR',
      fiscalYearStartMonth: 3,
    },
  });
  return new SupplierRepository(db, id, cipher);
}

describe('SupplierRepository', () => {
  it('matches by VAT number as printed, then by name without legal forms', async () => {
    const suppliers = await register();
    const stage = await suppliers.create({ name: 'Stage Right (Pty) Ltd', vatNumber: '4123456789' });
    const blue = await suppliers.create({ name: 'Coolblue B.V.', vatNumber: 'NL810433941B01' });

    expect(await suppliers.match({ vatNumber: 'NL 8104.33941 B01', name: 'whatever' })).toMatchObject({
      supplier: { id: blue.id },
      matchedBy: 'vat-number',
      confidence: 1,
    });
    expect(await suppliers.match({ name: 'STAGE RIGHT' })).toMatchObject({
      supplier: { id: stage.id },
      matchedBy: 'name',
      confidence: 1,
    });
    expect(await suppliers.match({ name: 'Totally Unknown Supplier' })).toBeNull();
    expect(await suppliers.match({ vatNumber: '999', name: null })).toBeNull();
  });

  it('treats two equally close names as no match rather than guessing', async () => {
    const suppliers = await register();
    await suppliers.create({ name: 'Acme Sound Cape Town' });
    await suppliers.create({ name: 'Acme Sound Durban' });
    expect(await suppliers.match({ name: 'Acme Sound' })).toBeNull();
  });

  it("never matches or reads another organisation's supplier", async () => {
    const ours = await register();
    const theirs = await register();
    const foreign = await theirs.create({ name: 'Karoo Tents', vatNumber: '4987654321' });
    await theirs.setBankDetails(foreign.id, { accountHolder: 'K', bankName: 'B', accountNumber: '12345678' });

    expect(await ours.match({ vatNumber: '4987654321', name: 'Karoo Tents' })).toBeNull();
    expect(await ours.findById(foreign.id)).toBeNull();
    await expect(ours.bankDetails(foreign.id)).resolves.toBeNull();
    await expect(
      ours.setBankDetails(foreign.id, { accountHolder: 'X', bankName: 'Y', accountNumber: '87654321' }),
    ).rejects.toThrow(/not in this organisation's register/);
  });

  it('keeps bank details sealed in the database and records when they changed', async () => {
    const suppliers = await register();
    const supplier = await suppliers.create({ name: 'Lights Inc' });
    const changedAt = new Date('2026-11-30T08:00:00Z');
    await suppliers.setBankDetails(
      supplier.id,
      { accountHolder: 'Lights Inc', bankName: 'Capitec', accountNumber: '1234567890', branchCode: '470010' },
      changedAt,
    );

    expect(await suppliers.bankDetails(supplier.id)).toMatchObject({ accountNumber: '1234567890' });
    expect((await suppliers.findById(supplier.id))?.bankDetailsChangedAt).toEqual(changedAt);

    const raw = new Client({ connectionString: scratch.url });
    await raw.connect();
    try {
      const { rows } = await raw.query<{ row: string }>(
        'SELECT supplier::text AS row FROM supplier WHERE id = $1',
        [supplier.id],
      );
      expect(rows[0]?.row).toBeDefined();
      expect(rows[0]?.row).not.toContain('1234567890');
      expect(rows[0]?.row).not.toContain('Capitec');
      expect(rows[0]?.row).toContain('test-1');
    } finally {
      await raw.end();
    }
  });
});

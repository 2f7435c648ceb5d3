import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '../database/client';
import { type ScratchDatabase, createMigratedDatabase } from '../database/testing/scratch-database';
import { DirectoryConflictError, DirectoryRepository, findOrganisationBySlug } from './directory.repository';

// Resolving API callers on a database of this file's own: slugs, first-sight subject linking, organisation scoping.

let scratch: ScratchDatabase;
let db: Database;

beforeAll(async () => {
  scratch = await createMigratedDatabase('directory');
  db = createDatabase(scratch.url, { maxConnections: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

async function organisation(): Promise<{ id: string; slug: string }> {
  const slug = `o-${randomUUID().slice(0, 8)}`;
  return db.organisation.create({
    data: { slug, legalName: slug, baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
    select: { id: true, slug: true },
  });
}

async function seededUser(organisationId: string, username: string): Promise<string> {
  const { id } = await db.appUser.create({
    data: { organisationId, username, displayName: username, email: username },
  });
  return id;
}

describe('findOrganisationBySlug', () => {
  it('finds an organisation by its slug and nothing for an unknown one', async () => {
    const org = await organisation();
    expect(await findOrganisationBySlug(db, org.slug)).toEqual({
      id: org.id,
      slug: org.slug,
      baseCurrency: 'ZAR',
    });
    expect(await findOrganisationBySlug(db, 'no-such-organisation')).toBeNull();
  });
});

describe('DirectoryRepository.resolveUser', () => {
  it('links a seeded user to their Keycloak subject on first sight and stores the token roles', async () => {
    const org = await organisation();
    const userId = await seededUser(org.id, 'finance@example.test');
    const directory = new DirectoryRepository(db, org.id);
    const subject = randomUUID();

    const first = await directory.resolveUser({
      subject,
      username: 'finance@example.test',
      roles: ['finance', 'approver'],
    });
    expect(first).toEqual({ id: userId, username: 'finance@example.test' });
    expect(await db.appUser.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      keycloakSubject: subject,
      roles: ['approver', 'finance'],
    });

    // Later requests find the user by subject, even if the username changed in Keycloak; roles follow the token.
    const again = await directory.resolveUser({
      subject,
      username: 'renamed@example.test',
      roles: ['finance'],
    });
    expect(again).toEqual({ id: userId, username: 'finance@example.test' });
    expect((await db.appUser.findUniqueOrThrow({ where: { id: userId } })).roles).toEqual(['finance']);
  });

  it('links once when two first requests race', async () => {
    const org = await organisation();
    const userId = await seededUser(org.id, 'racer@example.test');
    const directory = new DirectoryRepository(db, org.id);
    const caller = { subject: randomUUID(), username: 'racer@example.test', roles: ['supplier'] };
    const results = await Promise.all([directory.resolveUser(caller), directory.resolveUser(caller)]);
    expect(results.map((user) => user?.id)).toEqual([userId, userId]);
  });

  it('answers null for a caller the organisation has no user for, and creates nothing', async () => {
    const org = await organisation();
    const directory = new DirectoryRepository(db, org.id);
    expect(
      await directory.resolveUser({ subject: randomUUID(), username: 'stranger@example.test', roles: [] }),
    ).toBeNull();
    expect(await db.appUser.count({ where: { organisationId: org.id } })).toBe(0);
  });

  it('refuses a subject linked in another organisation and a username linked to another subject', async () => {
    const home = await organisation();
    const other = await organisation();
    await seededUser(home.id, 'same@example.test');
    const otherUserId = await seededUser(other.id, 'same@example.test');
    const subject = randomUUID();
    await new DirectoryRepository(db, other.id).resolveUser({
      subject,
      username: 'same@example.test',
      roles: [],
    });

    const homeDirectory = new DirectoryRepository(db, home.id);
    await expect(
      homeDirectory.resolveUser({ subject, username: 'same@example.test', roles: [] }),
    ).rejects.toMatchObject({ reason: 'subject-in-other-organisation' });

    await expect(
      new DirectoryRepository(db, other.id).resolveUser({
        subject: randomUUID(),
        username: 'same@example.test',
        roles: [],
      }),
    ).rejects.toBeInstanceOf(DirectoryConflictError);
    expect((await db.appUser.findUniqueOrThrow({ where: { id: otherUserId } })).keycloakSubject).toBe(
      subject,
    );
  });
});

describe('DirectoryRepository events and suppliers', () => {
  it("knows only its own organisation's events and suppliers", async () => {
    const home = await organisation();
    const other = await organisation();
    const event = await db.event.create({
      data: {
        organisationId: other.id,
        name: 'Elsewhere Fest',
        startsOn: new Date('2026-03-01'),
        endsOn: new Date('2026-03-02'),
      },
    });
    const supplier = await db.supplier.create({ data: { organisationId: other.id, name: 'Other Sound' } });

    const theirs = new DirectoryRepository(db, other.id);
    const ours = new DirectoryRepository(db, home.id);
    expect(await theirs.hasEvent(event.id)).toBe(true);
    expect(await theirs.hasSupplier(supplier.id)).toBe(true);
    expect(await ours.hasEvent(event.id)).toBe(false);
    expect(await ours.hasSupplier(supplier.id)).toBe(false);
    expect(await ours.hasEvent(randomUUID())).toBe(false);
  });
});

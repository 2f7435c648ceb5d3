import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '../database/client';
import { createMigratedDatabase, type ScratchDatabase } from '../database/testing/scratch-database';
import { LikelyDuplicatesRepository } from './likely-duplicates.repository';

// The earlier invoices a reviewer is shown beside a document the duplicate checks flagged, on a real PostgreSQL:
// the same file (another document with a version of the same hash) and the supplier's same normalised number, each
// with its newest document, never the invoice under review itself, never another organisation's.

let scratch: ScratchDatabase;
let db: Database;

const hash = (letter: string) => letter.repeat(64);

async function organisation(slug: string) {
  const org = await db.organisation.create({
    data: { slug, legalName: slug, baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
  });
  const event = await db.event.create({
    data: {
      organisationId: org.id,
      name: 'Desert Sound Festival',
      startsOn: new Date('2027-03-05'),
      endsOn: new Date('2027-03-07'),
    },
  });
  const sound = await db.supplier.create({ data: { organisationId: org.id, name: 'Karoo Sound Hire' } });
  const catering = await db.supplier.create({ data: { organisationId: org.id, name: 'Namib Catering' } });
  return { id: org.id, eventId: event.id, sound: sound.id, catering: catering.id };
}

type Org = Awaited<ReturnType<typeof organisation>>;

async function invoice(
  org: Org,
  fields: {
    supplierId: string;
    number: string;
    normalised: string;
    net: string;
    vat: string;
    gross: string;
    receivedAt: Date;
  },
): Promise<string> {
  const row = await db.invoice.create({
    data: {
      organisationId: org.id,
      supplierId: fields.supplierId,
      eventId: org.eventId,
      status: 'posted',
      number: fields.number,
      normalisedNumber: fields.normalised,
      invoiceDate: new Date('2027-02-01'),
      dueDate: new Date('2027-03-03'),
      receivedAt: fields.receivedAt,
      currency: 'ZAR',
      netAmount: fields.net,
      vatAmount: fields.vat,
      grossAmount: fields.gross,
    },
  });
  return row.id;
}

/** A document with one version per hash (newest last), optionally linked to an invoice. */
async function document(org: Org, invoiceId: string | null, hashes: string[]): Promise<string> {
  const { id } = await db.document.create({
    data: { organisationId: org.id, kind: 'invoice', title: 'invoice.pdf', invoiceId },
  });
  for (const [index, sha256] of hashes.entries()) {
    await db.documentVersion.create({
      data: {
        organisationId: org.id,
        documentId: id,
        versionNo: index + 1,
        s3Key: `organisations/${org.id}/documents/sha256/${randomUUID()}.pdf`,
        sha256,
        contentType: 'application/pdf',
        sizeBytes: 1024n,
      },
    });
  }
  return id;
}

describe('LikelyDuplicatesRepository', () => {
  let home: Org;
  let other: Org;
  const ids = { sameFile: '', sameNumber: '', both: '', underReview: '', otherOrg: '' };
  let reviewedDocument = '';
  let repository: LikelyDuplicatesRepository;

  beforeAll(async () => {
    scratch = await createMigratedDatabase('likely_duplicates');
    db = createDatabase(scratch.url, { maxConnections: 2 });
    home = await organisation('duplicates-home');
    other = await organisation('duplicates-other');
    repository = new LikelyDuplicatesRepository(db, home.id);
    const day = (n: number) => new Date(Date.UTC(2027, 1, n, 9));

    ids.sameFile = await invoice(home, {
      supplierId: home.catering,
      number: 'NC-77',
      normalised: 'NC77',
      net: '1000.0000',
      vat: '150.0000',
      gross: '1150.0000',
      receivedAt: day(1),
    });
    await document(home, ids.sameFile, [hash('a'), hash('b')]);
    ids.sameNumber = await invoice(home, {
      supplierId: home.sound,
      number: 'KSH 0042',
      normalised: 'KSH0042',
      net: '2000.0000',
      vat: '300.0000',
      gross: '2300.0000',
      receivedAt: day(2),
    });
    await document(home, ids.sameNumber, [hash('c')]);
    // The same number from another supplier is not a duplicate.
    await invoice(home, {
      supplierId: home.catering,
      number: 'KSH-0042',
      normalised: 'KSH0042',
      net: '10.0000',
      vat: '0.0000',
      gross: '10.0000',
      receivedAt: day(3),
    });
    ids.underReview = await invoice(home, {
      supplierId: home.sound,
      number: 'KSH-0042-B',
      normalised: 'KSH0042B',
      net: '1000.0000',
      vat: '150.0000',
      gross: '1150.0000',
      receivedAt: day(4),
    });
    reviewedDocument = await document(home, ids.underReview, [hash('d'), hash('b')]);
    ids.otherOrg = await invoice(other, {
      supplierId: other.sound,
      number: 'KSH-0042',
      normalised: 'KSH0042',
      net: '1000.0000',
      vat: '150.0000',
      gross: '1150.0000',
      receivedAt: day(5),
    });
    await document(other, ids.otherOrg, [hash('b')]);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  it("finds another document's invoice by the newest version's content hash, with that invoice's document", async () => {
    const found = await repository.find({
      documentId: reviewedDocument,
      invoiceId: ids.underReview,
      supplierId: null,
      invoiceNumber: null,
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      invoiceId: ids.sameFile,
      number: 'NC-77',
      supplierName: 'Namib Catering',
      invoiceDate: '2027-02-01',
      dueDate: '2027-03-03',
      currency: 'ZAR',
      grossAmount: '1150.0000',
      status: 'posted',
      matchedBy: ['same-content'],
      document: { contentType: 'application/pdf' },
    });
    expect(found[0]?.document?.objectKey).toMatch(new RegExp(`^organisations/${home.id}/`));
  });

  it("finds the supplier's invoice with the same normalised number, and says when both match", async () => {
    const byNumber = await repository.find({
      documentId: reviewedDocument,
      sha256: hash('z'),
      invoiceId: ids.underReview,
      supplierId: home.sound,
      invoiceNumber: 'ksh/0042',
    });
    expect(byNumber.map((d) => [d.invoiceId, d.matchedBy])).toEqual([[ids.sameNumber, ['same-number']]]);

    const both = await repository.find({
      documentId: reviewedDocument,
      sha256: hash('c'),
      invoiceId: ids.underReview,
      supplierId: home.sound,
      invoiceNumber: 'KSH0042',
    });
    expect(both.map((d) => [d.invoiceId, d.matchedBy])).toEqual([
      [ids.sameNumber, ['same-content', 'same-number']],
    ]);
  });

  it('never lists the invoice under review, nor anything of another organisation', async () => {
    const own = await repository.find({
      documentId: null,
      sha256: hash('d'),
      invoiceId: ids.underReview,
      supplierId: home.sound,
      invoiceNumber: 'KSH-0042-B',
    });
    expect(own).toEqual([]);
    const elsewhere = await new LikelyDuplicatesRepository(db, other.id).find({
      documentId: null,
      sha256: hash('b'),
      invoiceId: null,
      supplierId: other.sound,
      invoiceNumber: 'KSH 0042',
    });
    expect(elsewhere.map((d) => d.invoiceId)).toEqual([ids.otherOrg]);
    expect(
      await repository.find({ documentId: null, invoiceId: null, supplierId: null, invoiceNumber: null }),
    ).toEqual([]);
  });
});

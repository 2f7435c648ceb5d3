import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { loadConfig } from '../config/environment';
import { createObjectStorageClient } from '../storage/object-storage';
import type { ExtractedInvoice } from '@eventvault/domain';
import {
  createExtractionActivities,
  type ExtractInvoiceDocumentInput,
  pageTextKey,
  textKey,
} from './extraction.activities';
import { OcrPool } from './ocr-pool';
import {
  generateInvoicePdf,
  invoiceTotals,
  sampleInvoiceSpec,
  scanInvoicePdf,
} from './testing/invoice-generator';

jest.setTimeout(120_000);

describe('extraction activities (real S3, pdftoppm and tesseract)', () => {
  const config = loadConfig('worker');
  const storage = createObjectStorageClient(config);
  const bucket = config.S3_BUCKET_DOCUMENTS;
  const organisationId = randomUUID();
  let pool: OcrPool;
  let ocrStarts = 0;
  const activities = createExtractionActivities({
    storage,
    documentsBucket: bucket,
    ocr: () => {
      ocrStarts++;
      return Promise.resolve(pool);
    },
  });
  const spec = sampleInvoiceSpec();
  const totals = invoiceTotals(spec);

  beforeAll(async () => {
    pool = await OcrPool.start({ size: 1 });
  });

  afterAll(async () => {
    await pool.terminate();
    const versions: { name: string; versionId: string }[] = [];
    for await (const item of storage.listObjects(bucket, `${organisationId}/`, true, {
      IncludeVersion: true,
    })) {
      const { name, versionId } = item as { name?: string; versionId?: string | null };
      if (name) versions.push({ name, versionId: versionId ?? '' });
    }
    if (versions.length > 0) await storage.removeObjects(bucket, versions);
  });

  async function store(bytes: Uint8Array, name: string): Promise<string> {
    const key = `${organisationId}/documents/${randomUUID()}/${name}`;
    await storage.putObject(bucket, key, Buffer.from(bytes));
    return key;
  }

  async function read(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.getObject(bucket, key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  function environment(heartbeatDetails?: unknown) {
    const mock = new MockActivityEnvironment(heartbeatDetails === undefined ? {} : { heartbeatDetails });
    const heartbeats: unknown[] = [];
    mock.on('heartbeat', (details: unknown) => heartbeats.push(details));
    return { mock, heartbeats };
  }

  function extract(input: ExtractInvoiceDocumentInput, heartbeatDetails?: unknown) {
    const { mock, heartbeats } = environment(heartbeatDetails);
    const result: Promise<ExtractedInvoice> = mock.run(
      (i: ExtractInvoiceDocumentInput) => activities.extractInvoiceDocument(i),
      input,
    );
    return { heartbeats, result };
  }

  async function thumbnail(objectKey: string): Promise<string> {
    const stored: { thumbnailKey: string } = await environment().mock.run(
      (key: string) => activities.createDocumentThumbnail({ objectKey: key }),
      objectKey,
    );
    return stored.thumbnailKey;
  }

  const expectedFields = {
    supplierName: spec.supplier.name,
    invoiceNumber: spec.number,
    issueDate: spec.issueDate,
    dueDate: spec.dueDate,
    currency: spec.currency,
    net: totals.net,
    vat: totals.vat,
    gross: totals.gross,
  };

  const fieldsOf = (invoice: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(expectedFields).map((name) => [name, (invoice[name] as { value: unknown }).value]),
    );

  it('reads a generated text PDF from its text layer, stores the text beside it and heartbeats each page', async () => {
    const key = await store(await generateInvoicePdf(spec), 'invoice.pdf');
    const starts = ocrStarts;
    const { heartbeats, result } = extract({ organisationId, objectKey: key });
    const invoice = await result;
    expect(invoice.method).toBe('text-layer');
    expect(fieldsOf({ ...invoice })).toEqual(expectedFields);
    expect(invoice.arithmetic).toEqual({ linesSumToNet: true, netPlusVatIsGross: true });
    expect(ocrStarts).toBe(starts);
    expect(heartbeats).toContainEqual({ page: 1 });
    expect((await read(textKey(key))).toString()).toContain(spec.supplier.name);
    expect(JSON.stringify(invoice)).not.toContain('Cable and rigging kit\n');
  });

  it('reads a generated, slightly rotated and speckled PNG scan through OCR with exact fields', async () => {
    const key = await store(
      await scanInvoicePdf(await generateInvoicePdf(spec), { rotation: 0.8, noise: 0.003 }),
      'scan.png',
    );
    const invoice = await extract({ organisationId, objectKey: key }).result;
    expect(invoice.method).toBe('ocr');
    expect(fieldsOf({ ...invoice })).toEqual(expectedFields);
    expect(invoice.arithmetic.netPlusVatIsGross).toBe(true);
  });

  it('OCRs the scanned page of a PDF (pdftoppm) and resumes after the last finished page on a retry', async () => {
    const scan = await scanInvoicePdf(await generateInvoicePdf(spec), { rotation: -0.5 });
    const document = await PDFDocument.create();
    const cover = await PDFDocument.load(await generateInvoicePdf(sampleInvoiceSpec({ number: 'COVER-1' })));
    const [coverPage] = await document.copyPages(cover, [0]);
    if (coverPage) document.addPage(coverPage);
    const image = await document.embedPng(scan);
    document.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
    const key = await store(await document.save(), 'two-pages.pdf');

    const first = await extract({ organisationId, objectKey: key }).result;
    expect(first.method).toBe('mixed');
    expect(first.pageCount).toBe(2);

    // A retry after a crash: page 1's checkpoint is reused as saved, not read again.
    const checkpoint = JSON.parse((await read(pageTextKey(key, 1))).toString()) as { text: string };
    await storage.putObject(
      bucket,
      pageTextKey(key, 1),
      Buffer.from(JSON.stringify({ ...checkpoint, text: `${checkpoint.text}\nCHECKPOINT-MARKER` })),
    );
    const retry = extract({ organisationId, objectKey: key }, { page: 1 });
    const resumed = await retry.result;
    expect((await read(textKey(key))).toString()).toContain('CHECKPOINT-MARKER');
    expect(resumed.gross.value).toBe(first.gross.value);
    expect(retry.heartbeats).toContainEqual({ page: 2 });
  });

  it.each([
    [
      'a file that is neither PDF nor image',
      Buffer.from('PK\u0003\u0004 not an invoice'),
      'ExtractionError.UNSUPPORTED_CONTENT',
    ],
    [
      'a truncated PDF',
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'),
      'ExtractionError.CORRUPT_DOCUMENT',
    ],
  ])('fails %s with a typed, non-retryable error', async (_name, bytes, type) => {
    const key = await store(bytes, 'invoice.pdf');
    const failure = await extract({ organisationId, objectKey: key }).result.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type, nonRetryable: true });
  });

  it('refuses a document outside the organisation and a missing one, without retrying', async () => {
    const key = await store(await generateInvoicePdf(spec), 'invoice.pdf');
    await expect(extract({ organisationId: randomUUID(), objectKey: key }).result).rejects.toMatchObject({
      type: 'DocumentNotInOrganisation',
      nonRetryable: true,
    });
    await expect(
      extract({ organisationId, objectKey: `${organisationId}/missing.pdf` }).result,
    ).rejects.toMatchObject({ type: 'DocumentNotFound', nonRetryable: true });
  });

  it('stores a WebP thumbnail about 320 px wide beside the original, once', async () => {
    for (const [bytes, name] of [
      [await generateInvoicePdf(spec), 'invoice.pdf'],
      [await scanInvoicePdf(await generateInvoicePdf(spec)), 'scan.png'],
    ] as const) {
      const key = await store(bytes, name);
      const stored = await thumbnail(key);
      expect(stored).toBe(`${key}.thumb.webp`);
      const metadata = await sharp(await read(stored)).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width: 320 });
      expect(await thumbnail(key)).toBe(stored);
      let versions = 0;
      for await (const _ of storage.listObjects(bucket, stored, false, { IncludeVersion: true })) versions++;
      expect(versions).toBe(1);
    }
  });
});

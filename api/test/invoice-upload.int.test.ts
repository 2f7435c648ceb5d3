import { createHash, randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Client as MinioClient } from 'minio';
import { createDatabase, type Database } from '../../activities/src/database/client';
import {
  createMigratedDatabase,
  type ScratchDatabase,
} from '../../activities/src/database/testing/scratch-database';
import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';
import {
  MAX_DOCUMENT_BYTES,
  organisationIdSearchAttribute,
} from '../../activities/src/invoice-intake/invoice-intake-starter';
import { demoPasswordGrant, type TokenSet } from '../../scripts/testing/keycloak-tokens';
import { createApiApp } from '../src/app.factory';
import { loadApiConfig } from '../src/config/api-config';
import { JsonLogger } from '../src/logging/json-logger';
import { realm, requiredEnv } from './support';

// Invoices uploaded through the API on the real stack: Keycloak tokens, the API in-process on a database of this
// file's own, S3 and Temporal. Intakes start on a task queue of this file's own that no worker polls, so nothing
// here depends on the worker; describe and history show what was started, and the runs are terminated at the end.

interface Receipt {
  readonly workflowId: string;
  readonly duplicate: boolean;
  readonly document: { readonly sha256: string; readonly sizeBytes: number; readonly contentType: string };
}
interface StatusView {
  readonly workflowId: string;
  readonly execution: {
    readonly status: string;
    readonly startedAt: string;
    readonly closedAt: string | null;
  };
  readonly state: unknown;
}

const taskQueue = `invoice-upload-test-${randomUUID()}`;
let scratch: ScratchDatabase;
let db: Database;
let app: NestExpressApplication;
let apiUrl: string;
let connection: Connection;
let temporal: Client;
let storage: MinioClient;
let kalahari: { id: string; eventId: string; supplierId: string; financeUserId: string };
let karoo: { id: string; eventId: string };
let tokens: {
  finance: TokenSet;
  auditor: TokenSet;
  supplier: TokenSet;
  karooFinance: TokenSet;
  karooSupplier: TokenSet;
};
const started: string[] = [];

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function organisation(slug: string): Promise<{ id: string; eventId: string }> {
  const { id } = await db.organisation.create({
    data: { slug, legalName: slug, baseCurrency: 'ZAR', fiscalYearStartMonth: 3 },
  });
  const event = await db.event.create({
    data: {
      organisationId: id,
      name: `${slug} festival`,
      startsOn: new Date('2026-03-20'),
      endsOn: new Date('2026-03-22'),
    },
  });
  return { id, eventId: event.id };
}

async function upload(
  token: string | undefined,
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; name: string; type: string },
): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const response = await fetch(`${apiUrl}/invoices/uploads`, {
    method: 'POST',
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    body: form,
    signal: AbortSignal.timeout(60_000),
  });
  const body: unknown = await response.json();
  if (response.status < 300) started.push((body as Receipt).workflowId);
  return { status: response.status, body };
}

async function status(token: string, workflowId: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${apiUrl}/invoices/uploads/${encodeURIComponent(workflowId)}`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const body: unknown = await response.json();
  return { status: response.status, body };
}

async function workflowExists(workflowId: string): Promise<boolean> {
  try {
    await temporal.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

async function objectExists(bucket: string, key: string): Promise<boolean> {
  return storage.statObject(bucket, key).then(
    () => true,
    () => false,
  );
}

function invoicePdf(): Promise<Uint8Array> {
  return generateInvoicePdf(sampleInvoiceSpec({ number: `KSH-${randomUUID().slice(0, 8)}` }));
}

beforeAll(async () => {
  scratch = await createMigratedDatabase('invoice_upload');
  db = createDatabase(scratch.url, { maxConnections: 2 });
  const home = await organisation('kalahari-live');
  karoo = await organisation('karoo-festivals');
  const supplier = await db.supplier.create({ data: { organisationId: home.id, name: 'Karoo Sound Hire' } });
  // As the demo seed creates users: by username, with no Keycloak subject yet.
  const finance = await db.appUser.create({
    data: {
      organisationId: home.id,
      username: 'finance@kalahari.demo',
      displayName: 'Finance',
      email: 'finance@kalahari.demo',
    },
  });
  kalahari = { ...home, supplierId: supplier.id, financeUserId: finance.id };
  // The supplier's user speaks for Karoo Sound Hire; karoo's supplier user is linked to no supplier.
  await db.appUser.create({
    data: {
      organisationId: home.id,
      username: 'supplier@kalahari.demo',
      displayName: 'Karoo Sound Hire accounts',
      email: 'supplier@kalahari.demo',
      supplierId: supplier.id,
    },
  });

  const config = loadApiConfig({
    ...process.env,
    DATABASE_URL: scratch.url,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: process.env['TEST_API_LOG_LEVEL'] ?? 'error',
  });
  app = await createApiApp(config, { logger: new JsonLogger(config.LOG_LEVEL) });
  await app.listen(0, '127.0.0.1');
  apiUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  connection = await Connection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
  temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const endpoint = new URL(config.S3_ENDPOINT);
  storage = new MinioClient({
    endPoint: endpoint.hostname,
    port: Number(endpoint.port),
    useSSL: false,
    pathStyle: true,
    region: config.S3_REGION,
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
  });
  tokens = {
    finance: await demoPasswordGrant(realm(), 'finance@kalahari.demo'),
    auditor: await demoPasswordGrant(realm(), 'auditor@kalahari.demo'),
    supplier: await demoPasswordGrant(realm(), 'supplier@kalahari.demo'),
    karooFinance: await demoPasswordGrant(realm(), 'finance@karoo.demo'),
    karooSupplier: await demoPasswordGrant(realm(), 'supplier@karoo.demo'),
  };
});

afterAll(async () => {
  for (const workflowId of new Set(started)) {
    await temporal?.workflow
      .getHandle(workflowId)
      .terminate('invoice upload test finished')
      .catch(() => undefined);
  }
  await app?.close();
  await connection?.close();
  await db?.$disconnect();
  await scratch?.drop();
});

describe('POST /invoices/uploads', () => {
  let pdf: Uint8Array;
  let first: Receipt;

  beforeAll(async () => {
    pdf = await invoicePdf();
  });

  it('stores an invoice PDF uploaded by finance and starts its intake workflow (202)', async () => {
    const response = await upload(
      tokens.finance.accessToken,
      { eventId: kalahari.eventId, supplierId: kalahari.supplierId, purchaseOrderNumber: 'PO-2026-0042' },
      { bytes: pdf, name: 'invoice.pdf', type: 'application/pdf' },
    );
    expect(response.status).toBe(202);
    first = response.body as Receipt;
    const hash = sha256(pdf);
    expect(first).toEqual({
      workflowId: `invoice-intake-${kalahari.id}-${hash}`,
      duplicate: false,
      document: { sha256: hash, sizeBytes: pdf.length, contentType: 'application/pdf' },
    });

    const handle = temporal.workflow.getHandle(first.workflowId);
    const description = await handle.describe();
    expect({ type: description.type, status: description.status.name, queue: description.taskQueue }).toEqual(
      {
        type: 'invoiceIntakeWorkflow',
        status: 'RUNNING',
        queue: taskQueue,
      },
    );
    // Set at start (no worker polls this queue), so admins listing by organisation see the run at once.
    expect(description.typedSearchAttributes.get(organisationIdSearchAttribute)).toBe(kalahari.id);
    const history = await handle.fetchHistory();
    const payloads = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    expect(payloads).toHaveLength(1);
    const input = defaultPayloadConverter.fromPayload(payloads[0]!);
    expect(input).toEqual({
      organisationId: kalahari.id,
      uploadedBy: kalahari.financeUserId,
      supplierId: kalahari.supplierId,
      eventId: kalahari.eventId,
      purchaseOrderNumber: 'PO-2026-0042',
      document: {
        objectKey: `organisations/${kalahari.id}/documents/sha256/${hash}.pdf`,
        sha256: hash,
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        fileName: 'invoice.pdf',
      },
    });
    expect(
      await objectExists(
        requiredEnv('S3_BUCKET_DOCUMENTS'),
        `organisations/${kalahari.id}/documents/sha256/${hash}.pdf`,
      ),
    ).toBe(true);

    // The caller was linked to the seeded user on first sight, with the token's roles.
    expect(await db.appUser.findUniqueOrThrow({ where: { id: kalahari.financeUserId } })).toMatchObject({
      keycloakSubject: tokens.finance.claims.sub,
      roles: ['finance'],
    });
  });

  it('answers a second upload of the same bytes with the existing run (200, duplicate), starting nothing', async () => {
    const runId = (await temporal.workflow.getHandle(first.workflowId).describe()).runId;
    const again = await upload(
      tokens.supplier.accessToken,
      { eventId: kalahari.eventId },
      { bytes: pdf, name: 'renamed-copy.pdf', type: 'application/pdf' },
    );
    expect(again).toEqual({ status: 200, body: { ...first, duplicate: true } });
    const description = await temporal.workflow.getHandle(first.workflowId).describe();
    expect({ runId: description.runId, status: description.status.name }).toEqual({
      runId,
      status: 'RUNNING',
    });
  });

  it('refuses a file that is not an invoice document, whatever its name, and starts nothing (415)', async () => {
    const text = new TextEncoder().encode('Dear finance team, please pay us.\nRegards\n');
    const response = await upload(
      tokens.finance.accessToken,
      { eventId: kalahari.eventId },
      { bytes: text, name: 'invoice.pdf', type: 'application/pdf' },
    );
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('is not a PDF, PNG, JPEG, TIFF or WebP file') as string,
      },
    });
    expect(await workflowExists(`invoice-intake-${kalahari.id}-${sha256(text)}`)).toBe(false);
    expect(
      await objectExists(
        requiredEnv('S3_BUCKET_DOCUMENTS'),
        `organisations/${kalahari.id}/documents/sha256/${sha256(text)}.pdf`,
      ),
    ).toBe(false);
  });

  it('refuses an empty file (422) and a request without a file (400)', async () => {
    const empty = await upload(
      tokens.finance.accessToken,
      { eventId: kalahari.eventId },
      { bytes: new Uint8Array(0), name: 'empty.pdf', type: 'application/pdf' },
    );
    expect(empty).toMatchObject({
      status: 422,
      body: { error: { message: 'empty.pdf: the document is empty' } },
    });
    const none = await upload(tokens.finance.accessToken, { eventId: kalahari.eventId });
    expect(none).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', details: { field: 'file' } } },
    });
  });

  it('refuses a document over the size limit (413) and starts nothing', async () => {
    const oversize = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
    oversize.write('%PDF-1.7\n', 0, 'latin1');
    const response = await upload(
      tokens.finance.accessToken,
      { eventId: kalahari.eventId },
      { bytes: oversize, name: 'huge.pdf', type: 'application/pdf' },
    );
    expect(response).toEqual({
      status: 413,
      body: {
        error: expect.objectContaining({
          code: 'VALIDATION',
          message: 'The document is larger than 50 MB, the upload limit',
        }) as unknown,
      },
    });
    expect(await workflowExists(`invoice-intake-${kalahari.id}-${sha256(oversize)}`)).toBe(false);
  });

  it('answers 401 without a token and 403 to a role that may not upload (auditor)', async () => {
    const file = { bytes: await invoicePdf(), name: 'invoice.pdf', type: 'application/pdf' };
    const anonymous = await upload(undefined, { eventId: kalahari.eventId }, file);
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    const auditor = await upload(tokens.auditor.accessToken, { eventId: kalahari.eventId }, file);
    expect(auditor).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await workflowExists(`invoice-intake-${kalahari.id}-${sha256(file.bytes)}`)).toBe(false);
  });

  it('refuses a supplier-role user linked to no supplier (403), with or without a supplier named, starting nothing', async () => {
    const file = { bytes: await invoicePdf(), name: 'invoice.pdf', type: 'application/pdf' };
    const ownSupplier = await db.supplier.create({
      data: { organisationId: karoo.id, name: 'Karoo Staging' },
    });
    const choices: Record<string, string>[] = [
      { eventId: karoo.eventId },
      { eventId: karoo.eventId, supplierId: ownSupplier.id },
    ];
    for (const fields of choices) {
      const answer = await upload(tokens.karooSupplier.accessToken, fields, file);
      expect(answer).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      expect((answer.body as { error: { message: string } }).error.message).toMatch(
        /not linked to a supplier/,
      );
    }
    expect(await workflowExists(`invoice-intake-${karoo.id}-${sha256(file.bytes)}`)).toBe(false);
  });

  it("refuses another organisation's event or supplier (404) and bad fields (400), starting nothing", async () => {
    const file = { bytes: await invoicePdf(), name: 'invoice.pdf', type: 'application/pdf' };
    const theirEvent = await upload(tokens.finance.accessToken, { eventId: karoo.eventId }, file);
    expect(theirEvent).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND', details: { field: 'eventId' } } },
    });
    const ourEventFromThem = await upload(
      tokens.karooFinance.accessToken,
      { eventId: kalahari.eventId },
      file,
    );
    expect(ourEventFromThem).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const theirSupplier = await upload(
      tokens.karooFinance.accessToken,
      { eventId: karoo.eventId, supplierId: kalahari.supplierId },
      file,
    );
    expect(theirSupplier).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND', details: { field: 'supplierId' } } },
    });
    const badId = await upload(tokens.finance.accessToken, { eventId: 'festival' }, file);
    expect(badId).toMatchObject({ status: 400, body: { error: { details: { field: 'eventId' } } } });
    for (const organisationId of [kalahari.id, karoo.id]) {
      expect(await workflowExists(`invoice-intake-${organisationId}-${sha256(file.bytes)}`)).toBe(false);
    }
  });
});

describe('GET /invoices/uploads/:workflowId', () => {
  let workflowId: string;

  beforeAll(async () => {
    const response = await upload(
      tokens.finance.accessToken,
      { eventId: kalahari.eventId },
      { bytes: await invoicePdf(), name: 'status.pdf', type: 'application/pdf' },
    );
    expect(response.status).toBe(202);
    workflowId = (response.body as Receipt).workflowId;
  });

  it("shows the caller's own intake: running; its state is null while no worker answers the query", async () => {
    const response = await status(tokens.finance.accessToken, workflowId);
    expect(response.status).toBe(200);
    const body = response.body as StatusView;
    expect(body).toEqual({
      workflowId,
      execution: { status: 'RUNNING', startedAt: expect.any(String) as string, closedAt: null },
      state: null,
    });
    expect(Date.parse(body.execution.startedAt)).toBeLessThanOrEqual(Date.now());
  });

  it("answers 404 for another organisation's intake, for unknown ids and for ids of other workflows", async () => {
    const answers = await Promise.all([
      status(tokens.karooFinance.accessToken, workflowId),
      status(tokens.finance.accessToken, `invoice-intake-${kalahari.id}-${'0'.repeat(64)}`),
      status(tokens.finance.accessToken, 'system-check-1'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
    expect(answers[0]?.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  // Last in this file: once a worker has run these intakes, queries go to it first.
  it('shows the state the intake reports through its query once a worker runs it', async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const workerConnection = await NativeConnection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
    try {
      // The real intake workflow and no activities: the run starts, answers queries and waits for its first activity.
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: temporal.options.namespace,
        taskQueue,
        workflowsPath: require.resolve('../../workflows/src/invoice-intake/invoice-intake.workflow'),
      });
      const answer = await worker.runUntil(async () => {
        const deadline = Date.now() + 60_000;
        for (;;) {
          const response = await status(tokens.finance.accessToken, workflowId);
          if ((response.body as StatusView).state !== null || Date.now() > deadline) return response;
        }
      });
      expect(answer).toMatchObject({
        status: 200,
        body: {
          workflowId,
          execution: { status: 'RUNNING' },
          state: {
            workflowId,
            organisationId: kalahari.id,
            document: { sha256: workflowId.slice(-64), fileName: 'status.pdf' },
            status: expect.any(String) as string,
          },
        },
      });
    } finally {
      await workerConnection.close();
    }
  });
});

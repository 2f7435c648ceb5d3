import { randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createDatabase, type Database } from '../../../activities/src/database/client';
import {
  createMigratedDatabase,
  type ScratchDatabase,
} from '../../../activities/src/database/testing/scratch-database';
import { organisationIdSearchAttribute } from '../../../activities/src/invoice-intake/invoice-intake-starter';
import { demoPasswordGrant } from '../../../scripts/testing/keycloak-tokens';
import { createApiApp } from '../../src/app.factory';
import { loadApiConfig } from '../../src/config/api-config';
import { JsonLogger } from '../../src/logging/json-logger';
import { realm, requiredEnv } from '../support';

// Workflow administration on the real stack: Keycloak tokens, the API in-process on a database of this file's own,
// and Temporal with a worker of this file's own running a stand-in workflow on its own task queue.

const supplierIdAttribute = defineSearchAttributeKey('SupplierId', SearchAttributeType.KEYWORD);
const taskQueue = `admin-workflows-test-${randomUUID()}`;
const secretAccountNumber = '62012345678';
const secretToken = `eyJhbGciOiJSUzI1NiJ9.${'a'.repeat(40)}.${'b'.repeat(40)}`;

let scratch: ScratchDatabase;
let db: Database;
let app: NestExpressApplication;
let apiUrl: string;
let connection: Connection;
let temporal: Client;
let worker: Worker;
let workerDone: Promise<void>;
let kalahariId: string;
let karooId: string;
let tokens: { admin: string; karooAdmin: string; finance: string };
let uiUrl: string;

interface GraphqlAnswer<T> {
  readonly status: number;
  readonly data: T | null | undefined;
  readonly errors: { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

async function gql<T>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlAnswer<T>> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphqlAnswer<T>['errors'] };
  return { status: response.status, data: body.data, errors: body.errors ?? [] };
}

const codes = (answer: GraphqlAnswer<unknown>): (string | undefined)[] =>
  answer.errors.map((error) => error.extensions?.code);

async function startProbe(
  organisationId: string,
  supplierId: string,
): Promise<{ workflowId: string; runId: string }> {
  const workflowId = `admin-probe-${randomUUID()}`;
  const handle = await temporal.workflow.start('adminProbeWorkflow', {
    workflowId,
    taskQueue,
    args: [
      {
        note: 'festival stage hire',
        supplier: { bankDetails: { accountNumber: secretAccountNumber, bankName: 'First National Bank' } },
        accessToken: secretToken,
      },
    ],
    typedSearchAttributes: [
      { key: organisationIdSearchAttribute, value: organisationId },
      { key: supplierIdAttribute, value: supplierId },
    ],
  });
  // Until the worker completed the first workflow task (the timer is started), a reset has nothing to go back to.
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const history = await handle.fetchHistory();
    if ((history.events ?? []).some((event) => event.timerStartedEventAttributes)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { workflowId, runId: handle.firstExecutionRunId };
}

const listQuery = `query List($filter: WorkflowFilter, $first: Int!, $after: String) {
  workflows(filter: $filter, first: $first, after: $after) {
    totalCount nextCursor
    items { workflowId runId type status taskQueue startedAt closedAt temporalUiUrl searchAttributes { supplierId } }
  }
}`;

interface ListAnswer {
  workflows: {
    totalCount: number;
    nextCursor: string | null;
    items: { workflowId: string; runId: string; type: string; status: string; temporalUiUrl: string }[];
  };
}

/** Visibility is eventually consistent: list until `accept` holds or 15 s pass, returning the last answer. */
async function listUntil(
  token: string,
  variables: Record<string, unknown>,
  accept: (answer: GraphqlAnswer<ListAnswer>) => boolean,
): Promise<GraphqlAnswer<ListAnswer>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const answer = await gql<ListAnswer>(token, listQuery, variables);
    if (accept(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function auditRows(action: string): Promise<{ actorId: string | null; payload: unknown }[]> {
  return db.auditLog.findMany({
    where: { organisationId: kalahariId, action },
    select: { actorId: true, payload: true },
    orderBy: { sequence: 'asc' },
  });
}

beforeAll(async () => {
  scratch = await createMigratedDatabase('admin_workflows');
  db = createDatabase(scratch.url, { maxConnections: 2 });
  const organisation = (slug: string) =>
    db.organisation.create({ data: { slug, legalName: slug, baseCurrency: 'ZAR', fiscalYearStartMonth: 3 } });
  kalahariId = (await organisation('kalahari-live')).id;
  karooId = (await organisation('karoo-festivals')).id;
  await db.appUser.create({
    data: {
      organisationId: kalahariId,
      username: 'admin@kalahari.demo',
      displayName: 'Admin',
      email: 'admin@kalahari.demo',
    },
  });

  const config = loadApiConfig({
    ...process.env,
    DATABASE_URL: scratch.url,
    TEMPORAL_UI_URL: 'http://temporal-ui.test:8233/',
    LOG_LEVEL: process.env['TEST_API_LOG_LEVEL'] ?? 'error',
  });
  uiUrl = 'http://temporal-ui.test:8233';
  app = await createApiApp(config, { logger: new JsonLogger(config.LOG_LEVEL) });
  await app.listen(0, '127.0.0.1');
  apiUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  connection = await Connection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
  temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') }),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('./admin-probe.workflow'),
  });
  workerDone = worker.run();

  tokens = {
    admin: (await demoPasswordGrant(realm(), 'admin@kalahari.demo')).accessToken,
    karooAdmin: (await demoPasswordGrant(realm(), 'admin@karoo.demo')).accessToken,
    finance: (await demoPasswordGrant(realm(), 'finance@kalahari.demo')).accessToken,
  };
});

afterAll(async () => {
  worker?.shutdown();
  await workerDone;
  await app?.close();
  await connection?.close();
  await db?.$disconnect();
  await scratch?.drop();
});

describe('workflow administration', () => {
  let run: { workflowId: string; runId: string };
  const supplierId = randomUUID();

  beforeAll(async () => {
    run = await startProbe(kalahariId, supplierId);
    await startProbe(karooId, supplierId);
  });

  it('lists the organisation’s runs by search attribute, type and status, with a Temporal UI link', async () => {
    const filter = { supplierId, type: 'adminProbeWorkflow', status: 'Running' };
    const answer = await listUntil(
      tokens.admin,
      { filter, first: 10 },
      (a) => a.data?.workflows.totalCount === 1,
    );
    expect(answer.errors).toEqual([]);
    expect(answer.data?.workflows).toEqual({
      totalCount: 1,
      nextCursor: null,
      items: [
        expect.objectContaining({
          workflowId: run.workflowId,
          runId: run.runId,
          type: 'adminProbeWorkflow',
          status: 'RUNNING',
          taskQueue,
          closedAt: null,
          searchAttributes: { supplierId },
          temporalUiUrl: `${uiUrl}/namespaces/default/workflows/${run.workflowId}/${run.runId}/history`,
        }),
      ],
    });
    const otherSupplier = await gql<ListAnswer>(tokens.admin, listQuery, {
      filter: { supplierId: randomUUID() },
      first: 10,
    });
    expect(otherSupplier.data?.workflows.totalCount).toBe(0);
  });

  it('never lists another organisation’s runs, whatever the filter', async () => {
    // Karoo's own probe (same supplier id) is visible to its admin; kalahari's never is.
    const answer = await listUntil(
      tokens.karooAdmin,
      { filter: { supplierId }, first: 10 },
      (a) => a.data?.workflows.totalCount === 1,
    );
    expect(answer.data?.workflows.totalCount).toBe(1);
    expect(answer.data?.workflows.items.map((item) => item.workflowId)).not.toContain(run.workflowId);
  });

  it('pages with cursors', async () => {
    await startProbe(kalahariId, supplierId);
    const first = await listUntil(
      tokens.admin,
      { filter: { supplierId }, first: 1 },
      (a) => a.data?.workflows.totalCount === 2,
    );
    expect(first.data?.workflows.items).toHaveLength(1);
    expect(first.data?.workflows.nextCursor).toEqual(expect.any(String));
    const second = await gql<ListAnswer>(tokens.admin, listQuery, {
      filter: { supplierId },
      first: 1,
      after: first.data?.workflows.nextCursor,
    });
    expect(second.data?.workflows.items).toHaveLength(1);
    expect(second.data?.workflows.items[0]?.workflowId).not.toBe(first.data?.workflows.items[0]?.workflowId);
  });

  it('shows a run’s full history with payloads decoded and secrets redacted', async () => {
    const answer = await gql<{
      workflow: {
        execution: { workflowId: string };
        history: { eventId: string; eventType: string; time: string; details: string }[];
      };
    }>(
      tokens.admin,
      `query Run($id: String!) { workflow(workflowId: $id) { execution { workflowId } history { eventId eventType time details } } }`,
      { id: run.workflowId },
    );
    expect(answer.errors).toEqual([]);
    const history = answer.data?.workflow.history ?? [];
    expect(history.slice(0, 4).map((event) => event.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'WorkflowTaskScheduled',
      'WorkflowTaskStarted',
      'WorkflowTaskCompleted',
    ]);
    expect(history.map((event) => event.eventType)).toContain('TimerStarted');
    const started = JSON.parse(history[0]?.details ?? '{}') as { input?: unknown[] };
    expect(started.input).toEqual([
      {
        note: 'festival stage hire',
        supplier: { bankDetails: { accountNumber: '[redacted]', bankName: 'First National Bank' } },
        accessToken: '[redacted]',
      },
    ]);
    const everything = JSON.stringify(answer);
    expect(everything).not.toContain(secretAccountNumber);
    expect(everything).not.toContain(secretToken);
  });

  it('answers NOT_FOUND for another organisation’s run, to reads and to every action, and changes nothing', async () => {
    const answers = await Promise.all([
      gql(tokens.karooAdmin, `query($id: String!) { workflow(workflowId: $id) { execution { status } } }`, {
        id: run.workflowId,
      }),
      gql(tokens.karooAdmin, `mutation($id: String!) { cancelWorkflow(workflowId: $id) { status } }`, {
        id: run.workflowId,
      }),
      gql(
        tokens.karooAdmin,
        `mutation($id: String!) { terminateWorkflow(workflowId: $id, reason: "x") { status } }`,
        { id: run.workflowId },
      ),
      gql(
        tokens.karooAdmin,
        `mutation($id: String!) { resetWorkflow(workflowId: $id, reason: "x") { status } }`,
        { id: run.workflowId },
      ),
    ]);
    expect(answers.map(codes)).toEqual([['NOT_FOUND'], ['NOT_FOUND'], ['NOT_FOUND'], ['NOT_FOUND']]);
    expect((await temporal.workflow.getHandle(run.workflowId).describe()).status.name).toBe('RUNNING');
    expect(await db.auditLog.count({ where: { organisationId: karooId } })).toBe(0);
  });

  it('is for admins only', async () => {
    const answer = await gql(tokens.finance, listQuery, { first: 1 });
    expect(codes(answer)).toEqual(['FORBIDDEN']);
  });

  it('resets (retries) a run to its last workflow task: a new run, audited', async () => {
    const probe = await startProbe(kalahariId, supplierId);
    const answer = await gql<{ resetWorkflow: { workflowId: string; runId: string; status: string } }>(
      tokens.admin,
      `mutation($id: String!, $run: String!) { resetWorkflow(workflowId: $id, runId: $run, reason: "retry after fix", to: LAST_WORKFLOW_TASK) { workflowId runId status } }`,
      { id: probe.workflowId, run: probe.runId },
    );
    expect(answer.errors).toEqual([]);
    expect(answer.data?.resetWorkflow).toMatchObject({ workflowId: probe.workflowId, status: 'RUNNING' });
    expect(answer.data?.resetWorkflow.runId).not.toBe(probe.runId);
    const old = await temporal.workflow.getHandle(probe.workflowId, probe.runId).describe();
    expect(old.status.name).toBe('TERMINATED');
    expect(await auditRows('workflow.reset')).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          workflowId: probe.workflowId,
          runId: probe.runId,
          reason: 'retry after fix',
          newRunId: answer.data?.resetWorkflow.runId,
        }) as unknown,
      }),
    ]);
  });

  it('cancels a run: the workflow receives the request, and the admin is in the audit log', async () => {
    const probe = await startProbe(kalahariId, supplierId);
    const answer = await gql<{ cancelWorkflow: { status: string } }>(
      tokens.admin,
      `mutation($id: String!) { cancelWorkflow(workflowId: $id) { status } }`,
      { id: probe.workflowId },
    );
    expect(answer.errors).toEqual([]);
    // The probe does not catch cancellation: its timer is cancelled and the run ends CANCELLED.
    await expect(temporal.workflow.getHandle(probe.workflowId).result()).rejects.toThrow();
    expect((await temporal.workflow.getHandle(probe.workflowId).describe()).status.name).toBe('CANCELLED');
    const admin = await db.appUser.findFirstOrThrow({
      where: { organisationId: kalahariId, username: 'admin@kalahari.demo' },
    });
    expect(await auditRows('workflow.cancel_requested')).toEqual([
      { actorId: admin.id, payload: expect.objectContaining({ workflowId: probe.workflowId }) as unknown },
    ]);
  });

  it('terminates a run with the reason in its history and in the audit log; a closed run cannot be terminated', async () => {
    const answer = await gql<{ terminateWorkflow: { status: string; closedAt: string | null } }>(
      tokens.admin,
      `mutation($id: String!) { terminateWorkflow(workflowId: $id, reason: "supplier withdrew the invoice") { status closedAt } }`,
      { id: run.workflowId },
    );
    expect(answer.errors).toEqual([]);
    expect(answer.data?.terminateWorkflow.status).toBe('TERMINATED');
    const history = await temporal.workflow.getHandle(run.workflowId).fetchHistory();
    const terminated = history.events?.at(-1)?.workflowExecutionTerminatedEventAttributes;
    expect(terminated?.reason).toBe('supplier withdrew the invoice (by admin@kalahari.demo)');
    expect(await auditRows('workflow.terminated')).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          workflowId: run.workflowId,
          reason: 'supplier withdrew the invoice',
        }) as unknown,
      }),
    ]);
    const again = await gql(
      tokens.admin,
      `mutation($id: String!) { terminateWorkflow(workflowId: $id, reason: "again") { status } }`,
      { id: run.workflowId },
    );
    expect(codes(again)).toEqual(['VALIDATION']);
  });

  it('keeps the audit chain intact', async () => {
    const rows = await db.$queryRaw<
      { broken: bigint | null }[]
    >`SELECT verify_audit_chain(${kalahariId}::uuid) AS broken`;
    expect(rows[0]?.broken).toBeNull();
  });
});

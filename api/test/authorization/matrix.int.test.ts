import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Client, Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { createDatabase, type Database } from '../../../activities/src/database/client';
import { demoPasswordGrant, demoStepUpLogin } from '../../../scripts/testing/keycloak-tokens';
import { type Role } from '../../src/auth/roles';
import { type InProcessApi, realm, requiredEnv, startInProcessApi } from '../support';
import { type MatrixContext, type MatrixRequest, type OperationAccess } from './operation-access';
import {
  coverageProblems,
  graphqlOperations,
  loadOperationEntries,
  restOperations,
} from './operation-inventory';

// The authorisation matrix: every GraphQL root field of api/schema.graphql and every REST route of the app has
// exactly one entry in an operations.*.ts file beside this one, and answers every caller as its entry says.
// Real Keycloak tokens, the API in-process against the test stack (PostgreSQL with the demo seed, Temporal, S3).

interface Caller {
  readonly name: string;
  readonly username: string;
  readonly role: Role;
  readonly organisation: 'kalahari-live' | 'karoo-festivals';
  readonly hasTotp: boolean;
}

const kalahariCallers: readonly Caller[] = (
  [
    { name: 'admin', username: 'admin@kalahari.demo', role: 'admin', hasTotp: true },
    { name: 'finance', username: 'finance@kalahari.demo', role: 'finance', hasTotp: true },
    { name: 'approver', username: 'approver@kalahari.demo', role: 'approver', hasTotp: true },
    { name: 'director', username: 'director@kalahari.demo', role: 'approver', hasTotp: true },
    { name: 'event_manager', username: 'events@kalahari.demo', role: 'event_manager', hasTotp: true },
    { name: 'supplier', username: 'supplier@kalahari.demo', role: 'supplier', hasTotp: false },
    { name: 'auditor', username: 'auditor@kalahari.demo', role: 'auditor', hasTotp: false },
    { name: 'partner', username: 'partner@kalahari.demo', role: 'partner', hasTotp: false },
  ] satisfies Omit<Caller, 'organisation'>[]
).map((caller) => ({ ...caller, organisation: 'kalahari-live' as const }));

const karooCallers: readonly Caller[] = (
  [
    { name: 'karoo finance', username: 'finance@karoo.demo', role: 'finance', hasTotp: true },
    { name: 'karoo admin', username: 'admin@karoo.demo', role: 'admin', hasTotp: true },
    { name: 'karoo supplier', username: 'supplier@karoo.demo', role: 'supplier', hasTotp: false },
  ] satisfies Omit<Caller, 'organisation'>[]
).map((caller) => ({ ...caller, organisation: 'karoo-festivals' as const }));

/** What the API answered, in the matrix's terms. */
type Outcome = 'unauthenticated' | 'forbidden' | 'step-up' | 'not-found' | 'answered';

interface Answer {
  readonly outcome: Outcome;
  readonly status: number;
  readonly codes: readonly string[];
  readonly body: string;
}

/** A row of the matrix that did not hold: which operation, which caller, what was expected and what came back. */
interface Mismatch {
  readonly operation: string;
  readonly caller: string;
  readonly expected: string;
  readonly got: string;
}

const entries = loadOperationEntries(__dirname);
const probeWorkflowType = 'authorizationMatrixProbe';
const organisationIdAttribute = defineSearchAttributeKey('OrganisationId', SearchAttributeType.KEYWORD);

let api: InProcessApi;
let db: Database;
let temporal: { connection: Connection; client: Client };
let context: MatrixContext;
const passwordTokens = new Map<string, string>();
const stepUpTokens = new Map<string, string>();

/**
 * The ids the operations.*.ts files ask for in `extra` (each file says which row it means), from kalahari-live's
 * demo seed: a journal entry, the "Music festival" template, the draft version of Karoo Sunset Festival 2026's budget
 * with its line STG-01 and category PROD-STG, and the bank-details change finance rejected.
 */
async function seededExtras(organisationId: string): Promise<Record<string, string>> {
  const byOrg = { organisationId };
  const [journalEntry, template, event, category, change] = await Promise.all([
    db.journalEntry.findFirstOrThrow({ where: byOrg, orderBy: { id: 'asc' }, select: { id: true } }),
    db.eventTemplate.findFirstOrThrow({ where: { ...byOrg, name: 'Music festival' }, select: { id: true } }),
    db.event.findFirstOrThrow({
      where: { ...byOrg, name: 'Karoo Sunset Festival 2026' },
      select: { id: true },
    }),
    db.budgetCategory.findFirstOrThrow({ where: { ...byOrg, code: 'PROD-STG' }, select: { id: true } }),
    db.bankDetailsChange.findFirstOrThrow({ where: { ...byOrg, status: 'rejected' }, select: { id: true } }),
  ]);
  const budget = await db.budget.findFirstOrThrow({
    where: { ...byOrg, eventId: event.id },
    select: { id: true },
  });
  const draft = await db.budgetVersion.findFirstOrThrow({
    where: { ...byOrg, budgetId: budget.id, status: 'draft' },
    select: { id: true },
  });
  const line = await db.budgetLine.findFirstOrThrow({
    where: { ...byOrg, budgetVersionId: draft.id, code: 'STG-01' },
    select: { id: true },
  });
  return {
    journalEntryId: journalEntry.id,
    eventTemplateId: template.id,
    draftBudgetId: budget.id,
    draftBudgetVersionId: draft.id,
    draftBudgetLineId: line.id,
    budgetCategoryId: category.id,
    bankDetailsChangeId: change.id,
  };
}

async function buildContext(): Promise<MatrixContext> {
  const organisation = await db.organisation.findUniqueOrThrow({ where: { slug: 'kalahari-live' } });
  const organisationId = organisation.id;
  const scoped = { where: { organisationId }, orderBy: { id: 'asc' as const }, select: { id: true } };
  const [event, budgetLine, supplier, invoice] = await Promise.all([
    db.event.findFirstOrThrow(scoped),
    db.budgetLine.findFirstOrThrow(scoped),
    db.supplier.findFirstOrThrow(scoped),
    db.invoice.findFirstOrThrow(scoped),
  ]);
  // A kalahari-live run for the admin operations to find: on a task queue no worker polls, so it stays as started.
  const workflowId = `authorization-matrix-probe-${organisationId}`;
  const handle = await temporal.client.workflow.start(probeWorkflowType, {
    workflowId,
    taskQueue: 'authorization-matrix-probe',
    args: [{ purpose: 'authorisation matrix' }],
    typedSearchAttributes: [{ key: organisationIdAttribute, value: organisationId }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const runId = (await handle.describe()).runId;
  return {
    organisationId,
    eventId: event.id,
    budgetLineId: budgetLine.id,
    supplierId: supplier.id,
    invoiceId: invoice.id,
    extra: { workflowId, runId, ...(await seededExtras(organisationId)) },
  };
}

function kalahariIds(matrix: MatrixContext): string[] {
  return [
    matrix.organisationId,
    matrix.eventId,
    matrix.budgetLineId,
    matrix.supplierId,
    matrix.invoiceId,
    ...Object.values(matrix.extra),
  ];
}

/** How long a subscription that was not refused is listened to before it counts as answered. */
const SUBSCRIPTION_SETTLE_MS = 1_500;

/**
 * Subscriptions are served over graphql-ws only: the token goes in connectionParams; a refusal arrives as an error
 * on the subscription (FORBIDDEN, NOT_FOUND…) or as the connection closing (4401/4403: not signed in).
 */
async function subscribeOnce(query: string, variables: Record<string, unknown>, token: string | undefined) {
  const closes: number[] = [];
  const messages: unknown[] = [];
  const client = createClient({
    url: `${api.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
  client.on('closed', (event) => closes.push((event as { code: number }).code));
  try {
    await new Promise<void>((resolve) => {
      const settle = setTimeout(resolve, SUBSCRIPTION_SETTLE_MS + 3_000);
      let settleTimer: ReturnType<typeof setTimeout> | undefined;
      client.on('connected', () => {
        settleTimer = setTimeout(resolve, SUBSCRIPTION_SETTLE_MS);
      });
      client.subscribe(
        { query, variables },
        {
          next: (value) => messages.push(value),
          error: (error) => {
            messages.push(Array.isArray(error) ? { errors: error } : { error: String(error) });
            clearTimeout(settle);
            if (settleTimer !== undefined) clearTimeout(settleTimer);
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
  } finally {
    await client.dispose();
  }
  const codes = messages.flatMap((message) =>
    ((message as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? [])
      .map((error) => error.extensions?.code)
      .filter((code): code is string => typeof code === 'string'),
  );
  const status = closes.includes(4401) || closes.includes(4403) ? 401 : 200;
  const body = JSON.stringify({ messages, closes });
  return { outcome: outcomeOf(status, codes), status, codes, body };
}

async function call(request: MatrixRequest, token: string | undefined): Promise<Answer> {
  if (request.kind === 'graphql' && /^\s*subscription\b/.test(request.query)) {
    return subscribeOnce(request.query, { ...(request.variables ?? {}) }, token);
  }
  const authorization: Record<string, string> =
    token === undefined ? {} : { Authorization: `Bearer ${token}` };
  let response: Response;
  if (request.kind === 'graphql') {
    response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...authorization },
      body: JSON.stringify({ query: request.query, variables: request.variables ?? {} }),
      signal: AbortSignal.timeout(30_000),
    });
  } else {
    const form = request.body instanceof FormData ? request.body : undefined;
    const json = request.body !== undefined && form === undefined ? JSON.stringify(request.body) : undefined;
    response = await fetch(`${api.url}${request.path}`, {
      method: request.method,
      headers: { ...(json === undefined ? {} : { 'Content-Type': 'application/json' }), ...authorization },
      body: form ?? json ?? null,
      signal: AbortSignal.timeout(30_000),
    });
  }
  const body = await response.text();
  const codes = errorCodes(body);
  return { outcome: outcomeOf(response.status, codes), status: response.status, codes, body };
}

function errorCodes(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as {
      errors?: { extensions?: { code?: unknown } }[];
      error?: { code?: unknown };
    };
    const codes = [
      ...(parsed.errors ?? []).map((error) => error.extensions?.code),
      parsed.error?.code,
    ].filter((code): code is string => typeof code === 'string');
    return codes;
  } catch {
    return [];
  }
}

function outcomeOf(status: number, codes: readonly string[]): Outcome {
  if (codes.includes('STEP_UP_REQUIRED')) return 'step-up';
  if (codes.includes('UNAUTHENTICATED') || status === 401) return 'unauthenticated';
  if (codes.includes('FORBIDDEN') || status === 403) return 'forbidden';
  if (codes.includes('NOT_FOUND') || status === 404) return 'not-found';
  return 'answered';
}

const describeAnswer = (answer: Answer): string =>
  `${answer.outcome} (HTTP ${answer.status}${answer.codes.length > 0 ? `, ${answer.codes.join(',')}` : ''}): ${answer.body.slice(0, 300)}`;

function karooCallerFor(entry: OperationAccess): Caller | undefined {
  return karooCallers.find(
    (caller) => entry.allow.includes(caller.role) && (entry.stepUp !== true || caller.hasTotp),
  );
}

function stepUpMemberFor(entry: OperationAccess): Caller | undefined {
  return kalahariCallers.find((caller) => entry.allow.includes(caller.role) && caller.hasTotp);
}

async function checkEntry(entry: OperationAccess): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  const expect = (caller: string, expected: string, holds: boolean, answer: Answer): void => {
    if (!holds)
      mismatches.push({ operation: entry.operation, caller, expected, got: describeAnswer(answer) });
  };

  const anonymous = await call(entry.request(context), undefined);
  if (entry.public === true) {
    expect('no token', 'answered (public)', anonymous.outcome === 'answered', anonymous);
  } else {
    expect('no token', 'unauthenticated', anonymous.outcome === 'unauthenticated', anonymous);
  }

  for (const caller of kalahariCallers) {
    const answer = await call(entry.request(context), passwordTokens.get(caller.username));
    if (!entry.allow.includes(caller.role)) {
      expect(caller.name, 'forbidden', answer.outcome === 'forbidden', answer);
    } else if (entry.stepUp === true) {
      expect(caller.name, 'step-up (password-only token)', answer.outcome === 'step-up', answer);
    } else {
      expect(caller.name, 'allowed', ['answered', 'not-found'].includes(answer.outcome), answer);
    }
  }

  if (entry.stepUp === true) {
    // The same call after a step-up gets through: the entry's STEP_UP_REQUIRED is the MFA check, not a refusal.
    const member = stepUpMemberFor(entry);
    if (member === undefined) {
      mismatches.push({
        operation: entry.operation,
        caller: 'kalahari-live (acr 2)',
        expected: `a kalahari-live demo user with TOTP holding one of ${entry.allow.join(', ')}`,
        got: 'none',
      });
    } else {
      const answer = await call(entry.request(context), stepUpTokens.get(member.username));
      expect(`${member.name} (acr 2)`, 'allowed', ['answered', 'not-found'].includes(answer.outcome), answer);
    }
  }

  const outsider = karooCallerFor(entry);
  if (outsider === undefined) {
    mismatches.push({
      operation: entry.operation,
      caller: 'karoo-festivals',
      expected: `a karoo-festivals demo user holding one of ${entry.allow.join(', ')}`,
      got: 'none: add one to keycloak/dev-overlay.json',
    });
    return mismatches;
  }
  const token =
    entry.stepUp === true ? stepUpTokens.get(outsider.username) : passwordTokens.get(outsider.username);
  const answer = await call(entry.request(context), token);
  if (entry.otherOrganisation === 'not-found') {
    expect(outsider.name, 'not-found', answer.outcome === 'not-found', answer);
  } else {
    const leaked = kalahariIds(context).filter((id) => answer.body.includes(id));
    expect(
      outsider.name,
      'answered with none of kalahari-live’s ids',
      answer.outcome === 'answered' && leaked.length === 0,
      answer,
    );
  }
  return mismatches;
}

beforeAll(async () => {
  db = createDatabase(requiredEnv('DATABASE_URL'), { maxConnections: 2 });
  const connection = await Connection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
  temporal = {
    connection,
    client: new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default' }),
  };
  api = await startInProcessApi();
  context = await buildContext();
  const location = realm();
  for (const caller of [...kalahariCallers, ...karooCallers]) {
    passwordTokens.set(caller.username, (await demoPasswordGrant(location, caller.username)).accessToken);
  }
  // acr "2" only where an entry needs it: for step-up operations, one allowed member and the other organisation.
  const stepUpUsers = new Set(
    entries
      .filter((entry) => entry.stepUp === true)
      .flatMap((entry) => [karooCallerFor(entry)?.username, stepUpMemberFor(entry)?.username]),
  );
  for (const username of stepUpUsers) {
    if (username !== undefined)
      stepUpTokens.set(username, (await demoStepUpLogin(location, username)).accessToken);
  }
});

afterAll(async () => {
  await api?.close();
  await db?.$disconnect();
  await temporal?.connection.close();
});

describe('authorisation matrix', () => {
  it('has exactly one entry for every GraphQL operation and REST route, and none for unknown ones', () => {
    const operations = [
      ...graphqlOperations(path.resolve(__dirname, '../../schema.graphql')),
      ...restOperations(api.app),
    ];
    expect(operations).toEqual(expect.arrayContaining(['Query.me', 'GET /health']));
    expect(coverageProblems(operations, entries)).toEqual({
      withoutEntry: [],
      withSeveralEntries: [],
      unknown: [],
    });
  });

  it.each(entries.map((entry) => [entry.operation, entry] as const))(
    '%s answers every caller as its entry says',
    async (_operation, entry) => {
      expect(await checkEntry(entry)).toEqual([]);
    },
  );
});

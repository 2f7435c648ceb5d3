import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { buildSchema } from 'graphql';
import { type OperationAccess, type OperationName } from './operation-access';

/** "Query.me", "Mutation.cancelWorkflow", …: every root field of the committed schema. */
export function graphqlOperations(schemaFile: string): OperationName[] {
  const schema = buildSchema(readFileSync(schemaFile, 'utf8'));
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((root) =>
    root === null || root === undefined
      ? []
      : Object.keys(root.getFields()).map((field) => `${root.name}.${field}`),
  );
}

interface RouterLayer {
  readonly route?: { readonly path: unknown; readonly methods: Readonly<Record<string, boolean>> };
}

/**
 * "GET /health", "POST /invoices/uploads", …: every route the running app's Express router holds (Nest registers
 * each controller handler there; Apollo mounts /graphql as middleware, which is not a route). Express 5 path
 * syntax is kept (":workflowId").
 */
export function restOperations(app: NestExpressApplication): OperationName[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack?: RouterLayer[] } };
  const stack = express.router?.stack;
  if (stack === undefined) throw new Error('The Express router has no stack: has the app been initialised?');
  const names = new Set<OperationName>();
  for (const layer of stack) {
    const route = layer.route;
    if (route === undefined || typeof route.path !== 'string') continue;
    for (const [method, enabled] of Object.entries(route.methods)) {
      if (enabled && method !== '_all') names.add(`${method.toUpperCase()} ${route.path}`);
    }
  }
  return [...names];
}

/** Every entry of every `operations.*.ts` beside this file (any export that is an array of entries). */
export function loadOperationEntries(directory: string = __dirname): OperationAccess[] {
  const files = readdirSync(directory)
    .filter((name) => /^operations\.[\w-]+\.ts$/.test(name))
    .sort();
  if (files.length === 0) throw new Error(`no operations.*.ts files in ${directory}`);
  return files.flatMap((file) => {
    // Synchronous on purpose: Jest's CommonJS loader compiles the file, and test names need the entries early.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(directory, file)) as Record<string, unknown>;
    const lists = Object.values(exported).filter((value): value is OperationAccess[] => Array.isArray(value));
    if (lists.length === 0) throw new Error(`${file} exports no OperationAccess[]`);
    return lists.flat();
  });
}

export interface CoverageProblems {
  readonly withoutEntry: OperationName[];
  readonly withSeveralEntries: OperationName[];
  readonly unknown: OperationName[];
}

export function coverageProblems(
  operations: readonly OperationName[],
  entries: readonly OperationAccess[],
): CoverageProblems {
  const counts = new Map<OperationName, number>();
  for (const entry of entries) counts.set(entry.operation, (counts.get(entry.operation) ?? 0) + 1);
  const known = new Set(operations);
  return {
    withoutEntry: operations.filter((operation) => !counts.has(operation)).sort(),
    withSeveralEntries: [...counts]
      .filter(([, count]) => count > 1)
      .map(([operation]) => operation)
      .sort(),
    unknown: [...counts.keys()].filter((operation) => !known.has(operation)).sort(),
  };
}

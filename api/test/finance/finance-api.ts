import { randomBytes } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { createDatabase, type Database } from '../../../activities/src/database/client';
import {
  createMigratedDatabase,
  type ScratchDatabase,
} from '../../../activities/src/database/testing/scratch-database';
import { seedDemoData } from '../../../scripts/seed/demo-seed';
import { createApiApp } from '../../src/app.factory';
import { loadApiConfig } from '../../src/config/api-config';
import { JsonLogger } from '../../src/logging/json-logger';

/** The API in this test process on a database of the test file's own, seeded with the demo data. */
export interface SeededApi {
  readonly url: string;
  readonly db: Database;
  readonly keyring: string;
  close(): Promise<void>;
}

export async function startSeededApi(prefix: string): Promise<SeededApi> {
  const scratch: ScratchDatabase = await createMigratedDatabase(prefix);
  const keyring = `finance-test:${randomBytes(32).toString('base64')}`;
  let app: NestExpressApplication | undefined;
  const db = createDatabase(scratch.url, { maxConnections: 2 });
  try {
    await seedDemoData(scratch.url, keyring);
    const config = loadApiConfig({
      ...process.env,
      DATABASE_URL: scratch.url,
      BANK_DETAILS_KEYRING: keyring,
      LOG_LEVEL: process.env['TEST_API_LOG_LEVEL'] ?? 'error',
    });
    app = await createApiApp(config, { logger: new JsonLogger(config.LOG_LEVEL) });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close();
    await db.$disconnect();
    await scratch.drop();
    throw error;
  }
  const started = app;
  return {
    url: `http://127.0.0.1:${(started.getHttpServer().address() as AddressInfo).port}`,
    db,
    keyring,
    async close() {
      await started.close();
      await db.$disconnect();
      await scratch.drop();
    },
  };
}

export interface GqlAnswer<T> {
  readonly data: T | null;
  readonly errors: { message: string; extensions?: { code?: string } }[];
  /** The first error's code, or null. */
  readonly code: string | null;
  readonly raw: string;
}

export async function gql<T>(
  apiUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlAnswer<T>> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const raw = await response.text();
  const body = JSON.parse(raw) as { data?: T | null; errors?: GqlAnswer<T>['errors'] };
  const errors = body.errors ?? [];
  return { data: body.data ?? null, errors, code: errors[0]?.extensions?.code ?? null, raw };
}

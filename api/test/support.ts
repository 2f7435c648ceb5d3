import { type NestExpressApplication } from '@nestjs/platform-express';
import { type AddressInfo } from 'node:net';
import { createApiApp } from '../src/app.factory';
import { loadApiConfig } from '../src/config/api-config';
import { type HealthReport } from '../src/health/health.service';
import { JsonLogger } from '../src/logging/json-logger';

/** The API booted in this test process against the test stack (settings from process.env), on a free port. */
export interface InProcessApi {
  readonly app: NestExpressApplication;
  readonly url: string;
  close(): Promise<void>;
}

export async function startInProcessApi(): Promise<InProcessApi> {
  const config = loadApiConfig({ ...process.env, LOG_LEVEL: process.env['TEST_API_LOG_LEVEL'] ?? 'error' });
  const app = await createApiApp(config, { logger: new JsonLogger(config.LOG_LEVEL) });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export function realm(): { keycloakUrl: string; realm: string } {
  return { keycloakUrl: requiredEnv('KEYCLOAK_URL'), realm: process.env['KEYCLOAK_REALM'] ?? 'eventvault' };
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new Error(`${name} is not set: run through the integration jest project`);
  return value;
}

export interface GraphqlResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

export async function graphql<T>(apiUrl: string, query: string, token?: string): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(15_000),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphqlResponse<T>['body'],
  };
}

export async function health(apiUrl: string): Promise<{ status: number; body: HealthReport }> {
  const response = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: (await response.json()) as HealthReport };
}

/** Polls /health until `accept` holds, returning the last answer (the caller asserts on it). */
export async function healthUntil(
  apiUrl: string,
  accept: (answer: { status: number; body: HealthReport }) => boolean,
  timeoutMs = 30_000,
): Promise<{ status: number; body: HealthReport; attempts: number }> {
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const answer = await health(apiUrl);
    if (accept(answer) || Date.now() > deadline) return { ...answer, attempts };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function statusOf(report: HealthReport, name: string): string | undefined {
  return report.checks.find((check) => check.name === name)?.status;
}

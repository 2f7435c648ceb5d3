import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { restOperations } from '../../test/authorization/operation-inventory';
import { loadApiConfig } from '../config/api-config';
import { createTestApp } from '../testing/test-app';
import { openApiDocument, openApiJson } from './openapi-document';
import { OPENAPI_FILE } from './write-openapi';

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** "POST /invoices/uploads", "GET /invoices/uploads/:workflowId": the operations the document describes. */
function describedOperations(): string[] {
  const paths = openApiDocument()['paths'] as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => methods.includes(key))
      .map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}

describe('OpenAPI description of the REST part', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    app = await createTestApp(loadApiConfig({ LOG_LEVEL: 'error' }));
  });

  afterAll(() => app.close());

  it('describes exactly the routes the app serves', () => {
    expect(describedOperations().sort()).toEqual(restOperations(app).sort());
  });

  it('is committed as api/openapi.json, current (run `npm run schema -w api` after changing it)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiJson());
  });

  it('is served at GET /openapi.json without a token', async () => {
    const response = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(response.body).toEqual(openApiDocument());
    expect(response.body).toMatchObject({ openapi: '3.1.0' });
  });

  it('marks exactly the public routes as needing no token', () => {
    const paths = openApiDocument()['paths'] as Record<string, Record<string, { security?: unknown[] }>>;
    const open = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => Array.isArray(operation.security) && operation.security.length === 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(open.sort()).toEqual(['GET /health', 'GET /openapi.json']);
  });
});

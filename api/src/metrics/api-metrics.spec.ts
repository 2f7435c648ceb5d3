import { Logger } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadApiConfig } from '../config/api-config';
import { createTestApp } from '../testing/test-app';
import { ApiMetrics, boundPort } from './api-metrics';

describe('API metrics (Prometheus)', () => {
  let app: NestExpressApplication;
  let metricsUrl: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    app = await createTestApp(loadApiConfig({ LOG_LEVEL: 'error' }));
    metricsUrl = `http://127.0.0.1:${boundPort(await app.get(ApiMetrics).listen(0, '127.0.0.1'))}/metrics`;
  });

  afterAll(() => app?.close());

  it('counts and times requests by route pattern, method and status, with Node’s default metrics', async () => {
    await request(app.getHttpServer()).get('/openapi.json').expect(200);
    await request(app.getHttpServer()).get('/openapi.json').expect(200);
    const workflowId = 'invoice-intake-secret-looking-id-0001';
    await request(app.getHttpServer()).get(`/invoices/uploads/${workflowId}`).expect(401);
    await request(app.getHttpServer()).get('/no/such/route').expect(404);

    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain(
      'eventvault_api_http_requests_total{route="/openapi.json",method="GET",status="200"} 2',
    );
    expect(text).toContain(
      'eventvault_api_http_requests_total{route="/invoices/uploads/:workflowId",method="GET",status="401"} 1',
    );
    expect(text).toContain(
      'eventvault_api_http_requests_total{route="unmatched",method="GET",status="404"} 1',
    );
    expect(text).toMatch(
      /eventvault_api_http_request_duration_seconds_bucket\{le="0\.005",route="\/openapi\.json",method="GET",status="200"\} \d/,
    );
    expect(text).toContain('eventvault_api_process_cpu_user_seconds_total');
    expect(text).toContain('eventvault_api_nodejs_eventloop_lag_seconds');
    expect(text).not.toContain(workflowId);
  });

  it('is not served on the API’s own port', async () => {
    await request(app.getHttpServer()).get('/metrics').expect(404);
  });

  it('answers nothing but GET /metrics on the metrics port', async () => {
    expect((await fetch(metricsUrl.replace('/metrics', '/health'))).status).toBe(404);
  });
});

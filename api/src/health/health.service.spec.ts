import { Logger } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadApiConfig } from '../config/api-config';
import { createTestApp } from '../testing/test-app';
import { describe as describeError, type HealthReport, HealthService, runProbe } from './health.service';
import { DatabaseProbe } from './probes/database.probe';
import { type HealthProbe } from './probes/health-probe';
import { KeycloakProbe } from './probes/keycloak.probe';
import { S3Probe } from './probes/s3.probe';
import { TemporalProbe } from './probes/temporal.probe';

function probe(name: string, behaviour: 'up' | 'down' | 'hang' | 'throw-sync', delayMs = 0): HealthProbe {
  return {
    name,
    check: (signal: AbortSignal): Promise<void> => {
      if (behaviour === 'throw-sync') throw new Error(`${name} exploded`);
      return new Promise<void>((resolve, reject) => {
        if (behaviour === 'hang') {
          signal.addEventListener('abort', () => reject(new Error('aborted')));
          return;
        }
        setTimeout(
          () => (behaviour === 'up' ? resolve() : reject(new Error(`connect ECONNREFUSED ${name}`))),
          delayMs,
        );
      });
    },
  };
}

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('HealthService', () => {
  it('is ok when every probe is up, and reports each in order', async () => {
    const report = await new HealthService([probe('database', 'up'), probe('s3', 'up')]).report();
    expect(report.status).toBe('ok');
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['database', 'up'],
      ['s3', 'up'],
    ]);
    for (const check of report.checks) {
      expect(check.latencyMs).toBeGreaterThanOrEqual(0);
      expect(check).not.toHaveProperty('error');
    }
  });

  it('is an error naming the probe that is down, with its reason', async () => {
    const report = await new HealthService([probe('database', 'up'), probe('s3', 'down')]).report();
    expect(report.status).toBe('error');
    expect(report.checks[1]).toMatchObject({ name: 's3', status: 'down', error: 'connect ECONNREFUSED s3' });
  });

  it('time-boxes a hanging probe and aborts it', async () => {
    const started = Date.now();
    const report = await new HealthService([probe('temporal', 'hang'), probe('database', 'up')]).report(100);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(report.checks[0]).toMatchObject({ status: 'down', error: 'timed out after 100 ms' });
    expect(report.checks[0]?.latencyMs).toBeGreaterThanOrEqual(95);
    expect(report.checks[1]?.status).toBe('up');
  });

  it('runs probes concurrently', async () => {
    const started = Date.now();
    await new HealthService([probe('a', 'up', 150), probe('b', 'up', 150), probe('c', 'up', 150)]).report();
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('survives a probe that throws synchronously', async () => {
    await expect(runProbe(probe('x', 'throw-sync'), 100)).resolves.toMatchObject({
      status: 'down',
      error: 'x exploded',
    });
  });

  it('describes errors on one short line without credentials', () => {
    expect(
      describeError(new Error('failed for postgresql://eventvault:hunter2@127.0.0.1:5432/db\n  at x')),
    ).toBe('failed for postgresql://<redacted>@127.0.0.1:5432/db at x');
    expect(describeError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(
      'ECONNREFUSED: refused',
    );
    expect(describeError(new AggregateError([new Error('v4 refused'), new Error('v6 refused')]))).toBe(
      'v4 refused; v6 refused',
    );
    expect(describeError(new Error('x'.repeat(500))).length).toBe(200);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' });
    expect(describeError(new TypeError('fetch failed', { cause: refused }))).toBe(
      'fetch failed: connect ECONNREFUSED 127.0.0.1:8080',
    );
  });
});

describe('GET /health with swapped probes', () => {
  let app: NestExpressApplication;
  const s3 = { name: 's3', healthy: true, check: (): Promise<void> => Promise.resolve() };

  beforeAll(async () => {
    s3.check = (): Promise<void> =>
      s3.healthy ? Promise.resolve() : Promise.reject(new Error('connect ECONNREFUSED'));
    app = await createTestApp(loadApiConfig({ LOG_LEVEL: 'error' }), {
      override: (builder) =>
        builder
          .overrideProvider(DatabaseProbe)
          .useValue(probe('database', 'up'))
          .overrideProvider(TemporalProbe)
          .useValue(probe('temporal', 'up'))
          .overrideProvider(S3Probe)
          .useValue(s3)
          .overrideProvider(KeycloakProbe)
          .useValue(probe('keycloak', 'up')),
    });
  });

  afterAll(() => app.close());

  it('answers 200 when all four are up, without a token', async () => {
    s3.healthy = true;
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({
      status: 'ok',
      checks: ['database', 'temporal', 's3', 'keycloak'].map((name) => ({
        name,
        status: 'up',
        latencyMs: expect.any(Number) as number,
      })),
    });
  });

  it('answers 503 naming the dependency that is down', async () => {
    s3.healthy = false;
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    const report = response.body as HealthReport;
    expect(report.status).toBe('error');
    expect(report.checks).toContainEqual({
      name: 's3',
      status: 'down',
      latencyMs: expect.any(Number) as number,
      error: 'connect ECONNREFUSED',
    });
  });
});

import { Controller, Get, Logger } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { Roles } from '../auth/roles.decorator';
import { JsonLogger } from '../logging/json-logger';
import { LocalIdentityProvider } from '../testing/local-identity-provider';
import { createTestApp } from '../testing/test-app';

@Controller('logging-spec')
class LoggingSpecController {
  private readonly logger = new Logger('LoggingSpec');

  @Get('supplier')
  supplier(): { ok: true } {
    // What a careless handler might log: the logger must still keep secrets out of the line.
    this.logger.log({
      msg: 'bank details changed',
      supplier: { name: 'Karoo Sound Hire', accountNumber: '62012345678' },
      note: 'sent with Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    });
    return { ok: true };
  }

  @Roles('admin')
  @Get('admin-only')
  adminOnly(): { ok: true } {
    return { ok: true };
  }
}

describe('structured request logs', () => {
  let idp: LocalIdentityProvider;
  let app: NestExpressApplication;
  const lines: string[] = [];
  const records = (): Record<string, unknown>[] =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    idp = await LocalIdentityProvider.start();
    const logger = new JsonLogger('debug', (line) => lines.push(line));
    Logger.overrideLogger(logger);
    app = await createTestApp(idp.config({ LOG_LEVEL: 'debug' }), {
      controllers: [LoggingSpecController],
      logger,
    });
  });

  afterAll(async () => {
    await app?.close();
    await idp?.stop();
  });

  beforeEach(() => lines.splice(0));

  it('keeps the caller’s X-Request-Id, echoes it, and names request id, subject and organisation on every line', async () => {
    const token = await idp.sign(idp.userClaims({ realm_access: { roles: ['finance'] } }));
    const response = await request(app.getHttpServer())
      .get('/logging-spec/supplier')
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', 'client-request-0001')
      .expect(200);
    expect(response.headers['x-request-id']).toBe('client-request-0001');
    // The lines of this request (the change listener's background retries belong to no request).
    const logged = records().filter((record) => record['context'] !== 'TaskFeed');
    expect(logged.map((record) => record['msg'])).toEqual(['bank details changed', 'request completed']);
    for (const record of logged) {
      expect(record).toMatchObject({
        requestId: 'client-request-0001',
        subject: 'f7c1a2b4-0000-4000-8000-000000000001',
        organisation: 'kalahari-live',
      });
    }
    expect(logged[1]).toMatchObject({ method: 'GET', path: '/logging-spec/supplier', status: 200 });
  });

  it('never writes tokens or bank details', async () => {
    const token = await idp.sign(idp.userClaims({ realm_access: { roles: ['finance'] } }));
    await request(app.getHttpServer()).get('/logging-spec/supplier').set('Authorization', `Bearer ${token}`);
    await request(app.getHttpServer())
      .get('/logging-spec/admin-only')
      .set('Authorization', `Bearer ${token}`);
    await request(app.getHttpServer()).get('/logging-spec/supplier').set('Authorization', `Bearer ${token}x`);
    const text = lines.join('\n');
    expect(text).not.toContain(token.split('.')[1]);
    expect(text).not.toContain('62012345678');
    expect(text).not.toContain('c2lnbmF0dXJl');
    expect(records()[0]).toMatchObject({
      supplier: { name: 'Karoo Sound Hire', accountNumber: '[redacted]' },
    });
  });

  it('makes an id for a request without one, and logs refused requests with it', async () => {
    const response = await request(app.getHttpServer()).get('/logging-spec/admin-only').expect(401);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      records()
        .filter((record) => record['requestId'] === id)
        .map((record) => record['msg']),
    ).toEqual(expect.arrayContaining(['request completed']));
  });
});

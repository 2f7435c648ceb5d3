import { Controller, Logger, Post, type Type } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Mutation, Resolver } from '@nestjs/graphql';
import request from 'supertest';
import { WorkflowAdminResolver } from '../admin/workflow-admin.resolver';
import { InvoiceUploadsController } from '../invoices/invoice-uploads.controller';
import { LocalIdentityProvider } from '../testing/local-identity-provider';
import { createTestApp } from '../testing/test-app';
import { RATE_LIMIT_KIND, RateLimit } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter';

@Controller('rate-spec')
class RateSpecController {
  @RateLimit('uploads')
  @Post('upload')
  upload(): { ok: true } {
    return { ok: true };
  }
}

@Resolver()
class RateSpecResolver {
  @RateLimit('sensitive')
  @Mutation(() => Boolean)
  rateSpecAction(): boolean {
    return true;
  }
}

describe('RateLimiter', () => {
  it('allows perMinute requests at once, then one more per 60/perMinute seconds', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a').allowed)).toEqual([true, true, true, false]);
    expect(limiter.take('a').retryAfterSeconds).toBe(20);
    expect(limiter.take('b').allowed).toBe(true);
    now += 20_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('has no limit at 0', () => {
    const limiter = new RateLimiter(0);
    expect(Array.from({ length: 1000 }, () => limiter.take('a').allowed).every(Boolean)).toBe(true);
  });

  it('forgets idle callers', () => {
    let now = 0;
    const limiter = new RateLimiter(1, () => now, 2);
    for (const key of ['a', 'b', 'c', 'd']) limiter.take(key);
    now += 1;
    // Only the two most recent callers are remembered: "a" has a fresh allowance again.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('d').allowed).toBe(false);
  });
});

describe('rate limits on uploads and sensitive mutations', () => {
  let idp: LocalIdentityProvider;
  let app: NestExpressApplication;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    idp = await LocalIdentityProvider.start();
    app = await createTestApp(
      idp.config({ RATE_LIMIT_UPLOADS_PER_MINUTE: '2', RATE_LIMIT_SENSITIVE_PER_MINUTE: '1' }),
      { controllers: [RateSpecController], providers: [RateSpecResolver] },
    );
  });

  afterAll(async () => {
    await app?.close();
    await idp?.stop();
  });

  const tokenFor = (subject: string): Promise<string> =>
    idp.sign(idp.userClaims({ sub: subject, realm_access: { roles: ['admin'] } }));

  it('answers 429 RATE_LIMITED with Retry-After once a caller is over the limit, and only that caller', async () => {
    const first = await tokenFor('caller-1');
    const second = await tokenFor('caller-2');
    const upload = (token: string) =>
      request(app.getHttpServer()).post('/rate-spec/upload').set('Authorization', `Bearer ${token}`);
    await upload(first).expect(201);
    await upload(first).expect(201);
    const refused = await upload(first).expect(429);
    expect(refused.body).toMatchObject({
      error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 30 } },
    });
    expect(refused.headers['retry-after']).toBe('30');
    await upload(second).expect(201);
  });

  it('limits a sensitive GraphQL mutation per caller', async () => {
    const token = await tokenFor('caller-3');
    const call = () =>
      request(app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send({ query: 'mutation { rateSpecAction }' });
    expect((await call()).body).toEqual({ data: { rateSpecAction: true } });
    const refused = await call();
    expect(refused.body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect(refused.headers['retry-after']).toBe('60');
  });

  it.each<[Type, string, string]>([
    [InvoiceUploadsController, 'upload', 'uploads'],
    [WorkflowAdminResolver, 'cancelWorkflow', 'sensitive'],
    [WorkflowAdminResolver, 'terminateWorkflow', 'sensitive'],
    [WorkflowAdminResolver, 'resetWorkflow', 'sensitive'],
  ])('applies to %p.%s (%s)', (type, method, kind) => {
    const handler = (type.prototype as Record<string, unknown>)[method] as object;
    expect(Reflect.getMetadata(RATE_LIMIT_KIND, handler)).toBe(kind);
  });
});

import { Logger } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { getIntrospectionQuery } from 'graphql';
import request from 'supertest';
import { TokenVerifier } from '../auth/token-verifier';
import { type ApiConfig } from '../config/api-config';
import { LocalIdentityProvider } from '../testing/local-identity-provider';
import { createTestApp } from '../testing/test-app';
import { BROWSER_HINT } from './browser-hint';
import { introspectionAllowed } from './graphql.options';

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
const bodyOf = (response: request.Response): GraphqlBody => response.body as GraphqlBody;

describe('introspectionAllowed', () => {
  it('is on outside production and off in production', () => {
    expect(introspectionAllowed({ NODE_ENV: 'production' })).toBe(false);
    expect(introspectionAllowed({ NODE_ENV: 'development' })).toBe(true);
    expect(introspectionAllowed({ NODE_ENV: 'test' })).toBe(true);
    expect(introspectionAllowed({})).toBe(true);
  });
});

describe('POST /graphql for a signed-in caller', () => {
  let idp: LocalIdentityProvider;
  let config: ApiConfig;
  let development: NestExpressApplication;
  let production: NestExpressApplication;
  let token: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    idp = await LocalIdentityProvider.start();
    config = idp.config();
    development = await createTestApp(config, { introspection: true });
    production = await createTestApp(config, { introspection: false });
    token = await idp.sign(idp.userClaims());
  });

  afterAll(async () => {
    await development?.close();
    await production?.close();
    await idp?.stop();
  });

  const post = (app: NestExpressApplication, query: string): request.Test =>
    request(app.getHttpServer())
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .send({ query });

  it('may introspect in development', async () => {
    const response = await post(development, getIntrospectionQuery()).expect(200);
    expect(bodyOf(response).errors).toBeUndefined();
    expect(bodyOf(response).data?.['__schema']).toMatchObject({ queryType: { name: 'Query' } });
  });

  it('may not introspect in production (api/schema.graphql is the description), but __typename works', async () => {
    const introspection = await post(production, '{ __schema { queryType { name } } }').expect(400);
    expect(bodyOf(introspection).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typename = await post(production, '{ __typename }').expect(200);
    expect(typename.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a subscription sent over HTTP, where its role guard would not run', async () => {
    const response = await post(production, 'subscription { taskChanged { taskId } }').expect(400);
    expect(bodyOf(response).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(bodyOf(response).errors?.[0]?.message).toContain('WebSocket');
  });

  it('has the token verified once per request, however many fields are guarded', async () => {
    const verify = jest.spyOn(development.get(TokenVerifier), 'verify');
    try {
      const response = await post(development, '{ me { subject } again: me { username } }').expect(200);
      expect(bodyOf(response).data).toEqual({
        me: { subject: 'f7c1a2b4-0000-4000-8000-000000000001' },
        again: { username: 'finance@kalahari.demo' },
      });
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });

  it('still blocks requests a browser could send cross-site (CSRF prevention), token or not', async () => {
    const textPlain = await request(development.getHttpServer())
      .post('/graphql')
      .set('Content-Type', 'text/plain')
      .set('Authorization', `Bearer ${token}`)
      .send(JSON.stringify({ query: '{ __typename }' }))
      .expect(400);
    expect(bodyOf(textPlain).errors?.[0]?.message).toContain('CSRF');
    const simpleGet = await request(development.getHttpServer())
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    expect(bodyOf(simpleGet).errors?.[0]?.message).toContain('CSRF');
  });

  it('answers a GET with a preflight header', async () => {
    const response = await request(development.getHttpServer())
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('Apollo-Require-Preflight', 'true')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('lets the web app’s CORS preflight through without a token', async () => {
    const origin = new URL(config.WEB_URL).origin;
    const response = await request(development.getHttpServer())
      .options('/graphql')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204);
    expect(response.headers['access-control-allow-origin']).toBe(origin);
    expect(response.headers['access-control-allow-headers']).toContain('Authorization');
  });

  it('tells someone opening /graphql in a browser how to call it', async () => {
    const response = await request(development.getHttpServer())
      .get('/graphql')
      .set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')
      .expect(401)
      .expect('Content-Type', /^application\/json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="eventvault"');
    expect(response.body).toEqual({
      errors: [
        {
          message: BROWSER_HINT,
          extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) as string },
        },
      ],
    });
    expect(BROWSER_HINT).toContain('POST');
    expect(BROWSER_HINT).toContain('Authorization: Bearer <access token>');
  });
});

import { Controller, Get } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { SignJWT, UnsecuredJWT } from 'jose';
import request from 'supertest';
import { LocalIdentityProvider } from '../testing/local-identity-provider';
import { createTestApp } from '../testing/test-app';
import { CurrentPrincipal } from './current-principal.decorator';
import { type Principal } from './principal';
import { Roles } from './roles.decorator';

@Controller('guard-spec')
class GuardSpecController {
  @Get('whoami')
  whoami(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Roles('finance', 'admin')
  @Get('finance-only')
  financeOnly(): { ok: true } {
    return { ok: true };
  }
}

const meQuery = { query: '{ me { subject username organisation roles mfa } }' };

interface RestError {
  error: { code: string; message: string; requestId?: string; details?: Record<string, unknown> };
}
interface GraphqlBody {
  data?: unknown;
  errors?: { message: string; extensions: { code: string } }[];
}
const restError = (response: request.Response): RestError['error'] => (response.body as RestError).error;
const gqlBody = (response: request.Response): GraphqlBody => response.body as GraphqlBody;

describe('AuthGuard (global) with tokens from a local JWKS', () => {
  let idp: LocalIdentityProvider;
  let app: NestExpressApplication;

  beforeAll(async () => {
    idp = await LocalIdentityProvider.start();
    app = await createTestApp(idp.config({ TOKEN_CLOCK_SKEW_SECONDS: '30' }), {
      controllers: [GuardSpecController],
    });
  });

  afterAll(async () => {
    await app.close();
    await idp.stop();
  });

  afterEach(() => idp.setFailing(false));

  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const graphql = (token?: string): request.Test => {
    const call = http().post('/graphql').set('Content-Type', 'application/json');
    return (token === undefined ? call : call.set('Authorization', `Bearer ${token}`)).send(meQuery);
  };

  it('accepts a valid token on REST and builds the principal', async () => {
    const token = await idp.sign(idp.userClaims({ acr: '2', auth_time: 1_760_000_000 }));
    const response = await http()
      .get('/guard-spec/whoami')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(response.body).toEqual({
      subject: 'f7c1a2b4-0000-4000-8000-000000000001',
      username: 'finance@kalahari.demo',
      organisation: 'kalahari-live',
      roles: ['finance'],
      acr: '2',
      authTime: 1_760_000_000,
    });
  });

  it('accepts a valid token on GraphQL: me', async () => {
    const token = await idp.sign(
      idp.userClaims({ realm_access: { roles: ['approver', 'auditor', 'uma_authorization'] } }),
    );
    const response = await graphql(token).expect(200);
    expect(response.body).toEqual({
      data: {
        me: {
          subject: 'f7c1a2b4-0000-4000-8000-000000000001',
          username: 'finance@kalahari.demo',
          organisation: 'kalahari-live',
          roles: ['approver', 'auditor'],
          mfa: false,
        },
      },
    });
  });

  it('answers 401 with a Bearer challenge when there is no token', async () => {
    const rest = await http().get('/guard-spec/whoami').expect(401);
    expect(restError(rest).code).toBe('UNAUTHENTICATED');
    expect(restError(rest).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rest.headers['www-authenticate']).toMatch(/^Bearer/);

    // GraphQL refuses the request before execution, so (as the GraphQL spec says) there is no `data` entry.
    const gql = await graphql().expect(401);
    expect(gql.body).toEqual({
      errors: [
        {
          message: 'A bearer token is required',
          extensions: {
            code: 'UNAUTHENTICATED',
            requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
          },
        },
      ],
    });
    expect(gql.headers['www-authenticate']).toBe(rest.headers['www-authenticate']);
  });

  it.each([
    ['a malformed Authorization header', (): Promise<string> => Promise.resolve('not a jwt at all')],
    ['another audience', (): Promise<string> => idp.sign(idp.userClaims(), { audience: 'account' })],
    [
      'another issuer',
      (): Promise<string> => idp.sign(idp.userClaims(), { issuer: 'http://127.0.0.1:1/realms/evil' }),
    ],
    [
      'an expired token (beyond the clock skew)',
      (): Promise<string> => idp.sign(idp.userClaims(), { expiresIn: -120 }),
    ],
    [
      'a key the JWKS does not publish',
      (): Promise<string> => idp.sign(idp.userClaims(), { rogueKey: true }),
    ],
    ['an unknown kid', (): Promise<string> => idp.sign(idp.userClaims(), { kid: 'unknown' })],
    ['an HS256 token', (): Promise<string> => hs256Token(idp)],
    ['an unsigned token', (): Promise<string> => unsignedToken(idp)],
    ['a tampered payload', (): Promise<string> => tamper(idp)],
  ])('rejects %s with 401', async (_case, makeToken) => {
    const token = await makeToken();
    const response = await http()
      .get('/guard-spec/whoami')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    expect(restError(response).code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(response.body)).not.toContain(token);
  });

  it('tolerates clock skew up to TOKEN_CLOCK_SKEW_SECONDS', async () => {
    const token = await idp.sign(idp.userClaims(), { expiresIn: -10 });
    await http().get('/guard-spec/whoami').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('answers 403 when the token carries no organisation', async () => {
    const token = await idp.sign(idp.userClaims({ org: undefined }));
    const rest = await http().get('/guard-spec/whoami').set('Authorization', `Bearer ${token}`).expect(403);
    expect(restError(rest).code).toBe('FORBIDDEN');
    const gql = await graphql(token).expect(403);
    expect(gqlBody(gql).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('enforces @Roles', async () => {
    const approver = await idp.sign(idp.userClaims({ realm_access: { roles: ['approver'] } }));
    const finance = await idp.sign(idp.userClaims({ realm_access: { roles: ['finance'] } }));
    const denied = await http()
      .get('/guard-spec/finance-only')
      .set('Authorization', `Bearer ${approver}`)
      .expect(403);
    expect(restError(denied)).toMatchObject({
      code: 'FORBIDDEN',
      details: { requiredAnyOf: ['finance', 'admin'] },
    });
    await http().get('/guard-spec/finance-only').set('Authorization', `Bearer ${finance}`).expect(200);
  });

  it('answers 503 DEPENDENCY_DOWN when the key set cannot be fetched', async () => {
    // A fresh app has no cached keys, so it must fetch them (and the running one may be in its refetch cool-down).
    const coldApp = await createTestApp(idp.config(), { controllers: [GuardSpecController] });
    try {
      idp.setFailing(true);
      const token = await idp.sign(idp.userClaims());
      const response = await request(coldApp.getHttpServer())
        .get('/guard-spec/whoami')
        .set('Authorization', `Bearer ${token}`)
        .expect(503);
      expect(restError(response).code).toBe('DEPENDENCY_DOWN');
    } finally {
      await coldApp.close();
    }
  });

  it('answers 503 DEPENDENCY_DOWN when nothing listens at the identity provider', async () => {
    const coldApp = await createTestApp(
      idp.config({ KEYCLOAK_URL: 'http://127.0.0.1:9', KEYCLOAK_INTERNAL_URL: 'http://127.0.0.1:9' }),
    );
    try {
      const token = await idp.sign(idp.userClaims(), { issuer: 'http://127.0.0.1:9/realms/eventvault' });
      const response = await request(coldApp.getHttpServer())
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Authorization', `Bearer ${token}`)
        .send(meQuery)
        .expect(503);
      expect(gqlBody(response).errors?.[0]?.extensions.code).toBe('DEPENDENCY_DOWN');
    } finally {
      await coldApp.close();
    }
  });

  it('leaves @Public routes open', async () => {
    // /health is public; its probes point at nothing here, so it reports 503, not 401.
    const response = await http().get('/health');
    expect(response.status).not.toBe(401);
  }, 10_000);
});

function hs256Token(idp: LocalIdentityProvider): Promise<string> {
  return new SignJWT(idp.userClaims())
    .setProtectedHeader({ alg: 'HS256', kid: idp.kid })
    .setIssuer(idp.issuer)
    .setAudience('eventvault-api')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JSON.stringify(idp.jwks.keys[0])));
}

function unsignedToken(idp: LocalIdentityProvider): Promise<string> {
  return Promise.resolve(
    new UnsecuredJWT(idp.userClaims())
      .setIssuer(idp.issuer)
      .setAudience('eventvault-api')
      .setExpirationTime('5m')
      .encode(),
  );
}

async function tamper(idp: LocalIdentityProvider): Promise<string> {
  const [header, payload, signature] = (await idp.sign(idp.userClaims())).split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  claims['realm_access'] = { roles: ['admin'] };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

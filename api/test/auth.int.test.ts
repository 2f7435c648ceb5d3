import { demoPasswordGrant, demoStepUpLogin } from '../../scripts/testing/keycloak-tokens';
import { graphql, type InProcessApi, realm, requiredEnv, startInProcessApi } from './support';

interface Me {
  me: { subject: string; username: string; organisation: string; roles: string[]; mfa: boolean };
}
const meQuery = '{ me { subject username organisation roles mfa } }';

describe('API authentication with real Keycloak tokens', () => {
  let api: InProcessApi;

  beforeAll(async () => {
    api = await startInProcessApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('verifies a password-grant token: me returns the organisation and roles', async () => {
    const tokens = await demoPasswordGrant(realm(), 'finance@kalahari.demo');
    const response = await graphql<Me>(api.url, meQuery, tokens.accessToken);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.me).toEqual({
      subject: tokens.claims.sub,
      username: 'finance@kalahari.demo',
      organisation: 'kalahari-live',
      roles: ['finance'],
      mfa: false,
    });
  });

  it('scopes a user of the second organisation to it', async () => {
    const tokens = await demoPasswordGrant(realm(), 'finance@karoo.demo');
    const response = await graphql<Me>(api.url, meQuery, tokens.accessToken);
    expect(response.body.data?.me).toMatchObject({ organisation: 'karoo-festivals', roles: ['finance'] });
  });

  it('reports mfa for a step-up (acr "2") login', async () => {
    const tokens = await demoStepUpLogin(realm(), 'approver@kalahari.demo');
    expect(tokens.claims.acr).toBe('2');
    const response = await graphql<Me>(api.url, meQuery, tokens.accessToken);
    expect(response.body.data?.me).toMatchObject({ roles: ['approver'], mfa: true });
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const response = await graphql<Me>(api.url, meQuery);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 401 to operations that reach no resolver (__typename, introspection) without a valid token', async () => {
    const tokens = await demoPasswordGrant(realm(), 'finance@kalahari.demo');
    for (const url of [api.url, requiredEnv('API_URL')]) {
      for (const query of ['{ __typename }', '{ __schema { types { name } } }']) {
        const callers: [string, string | undefined][] = [
          ['no token', undefined],
          ['Bearer abc', 'abc'],
          ['the ID token', tokens.idToken],
        ];
        for (const [caller, token] of callers) {
          const response = await graphql(url, query, token);
          expect({ url, query, caller, status: response.status, body: response.body }).toEqual({
            url,
            query,
            caller,
            status: 401,
            body: {
              errors: [
                expect.objectContaining({
                  extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) as unknown,
                }),
              ],
            },
          });
        }
      }
      const signedIn = await graphql<{ __typename: string }>(url, '{ __typename }', tokens.accessToken);
      expect({ url, status: signedIn.status, body: signedIn.body }).toEqual({
        url,
        status: 200,
        body: { data: { __typename: 'Query' } },
      });
    }
  });

  it('answers 401 for a real token minted for another audience (the ID token)', async () => {
    const tokens = await demoPasswordGrant(realm(), 'finance@kalahari.demo');
    expect(tokens.idToken).toBeDefined();
    const response = await graphql<Me>(api.url, meQuery, tokens.idToken);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a tampered token', async () => {
    const { accessToken } = await demoPasswordGrant(realm(), 'finance@kalahari.demo');
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    claims['org'] = 'karoo-festivals';
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    const response = await graphql<Me>(api.url, meQuery, forged);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('is what the test stack runs too: its API process verifies the same token', async () => {
    const tokens = await demoPasswordGrant(realm(), 'auditor@kalahari.demo');
    const response = await graphql<Me>(requiredEnv('API_URL'), meQuery, tokens.accessToken);
    expect(response.body.data?.me).toMatchObject({ organisation: 'kalahari-live', roles: ['auditor'] });
  });
});

import { loadProfile } from '../../scripts/stack/profile';
import { getAdminToken } from '../../scripts/stack/keycloak-admin';
import { demoPasswordGrant } from '../../scripts/testing/keycloak-tokens';
import { keycloakSigningKeys, TokenVerifier } from '../src/auth/token-verifier';
import { loadApiConfig } from '../src/config/api-config';
import { ApiError } from '../src/errors/api-error';
import { realm } from './support';

// TokenVerifier against the test stack's Keycloak: its real JWKS, real tokens, and real tokens it must refuse.

function verifier(overrides: Record<string, string> = {}): TokenVerifier {
  const config = loadApiConfig({ ...process.env, ...overrides });
  return new TokenVerifier(config, keycloakSigningKeys(config));
}

async function codeOf(verify: Promise<unknown>): Promise<string> {
  const error = await verify.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return error instanceof ApiError ? error.code : `no ApiError: ${String(error)}`;
}

describe('TokenVerifier with real Keycloak tokens', () => {
  it('accepts an access token of the eventvault realm for the API', async () => {
    const { accessToken, claims } = await demoPasswordGrant(realm(), 'auditor@kalahari.demo');
    await expect(verifier().verify(accessToken)).resolves.toMatchObject({
      sub: claims.sub,
      org: 'kalahari-live',
    });
  });

  it('refuses it when the API expects another issuer or audience', async () => {
    const { accessToken } = await demoPasswordGrant(realm(), 'auditor@kalahari.demo');
    const keycloak = new URL(realm().keycloakUrl);
    const elsewhere = `http://localhost:${keycloak.port}`;
    expect(await codeOf(verifier({ KEYCLOAK_URL: elsewhere }).verify(accessToken))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verifier({ API_AUDIENCE: 'eventvault-other' }).verify(accessToken))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a genuine token of another realm (master), signed by keys the realm does not publish', async () => {
    const profile = loadProfile('test');
    const masterToken = await getAdminToken({
      baseUrl: realm().keycloakUrl,
      adminUser: profile.keycloakAdmin.user,
      adminPassword: profile.keycloakAdmin.password,
    });
    expect(await codeOf(verifier().verify(masterToken))).toBe('UNAUTHENTICATED');
  });
});

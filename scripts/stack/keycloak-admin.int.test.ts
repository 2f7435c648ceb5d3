import { randomInt } from 'node:crypto';
import { loadProfile } from './profile';
import { ensureRealm } from './keycloak-admin';

// On the test stack's real Keycloak: the realm is created once, and a web app moved to another port is let in.
describe('ensureRealm', () => {
  const profile = loadProfile('test');
  const admin = {
    baseUrl: profile.appEnv.KEYCLOAK_URL,
    adminUser: profile.keycloakAdmin.user,
    adminPassword: profile.keycloakAdmin.password,
    profile: 'test' as const,
  };

  /** The status Keycloak gives the SPA's sign-in request for a redirect back to `origin`. */
  async function signInStatus(origin: string): Promise<number> {
    const query = new URLSearchParams({
      client_id: 'eventvault-web',
      redirect_uri: `${origin}/`,
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const response = await fetch(
      `${admin.baseUrl}/realms/eventvault/protocol/openid-connect/auth?${query.toString()}`,
      {
        redirect: 'manual',
      },
    );
    await response.arrayBuffer();
    return response.status;
  }

  it('leaves an existing realm in place', async () => {
    await expect(ensureRealm(admin)).resolves.toEqual({ realm: 'eventvault', created: false });
  });

  it("adds a moved web app's origin to the SPA client, once", async () => {
    const origin = `http://127.0.0.1:${randomInt(30000, 40000)}`;
    expect(await signInStatus(origin)).toBe(400);
    await ensureRealm({ ...admin, webUrl: origin });
    await ensureRealm({ ...admin, webUrl: origin });
    expect(await signInStatus(origin)).toBe(200);
  });
});

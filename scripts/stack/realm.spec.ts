import { realmRoles } from '../../domain/src/roles';
import {
  buildRealm,
  demoLogins,
  mergeJson,
  REALM_ROLES,
  testClient,
  type ClientRepresentation,
} from './realm';

function client(realm: ReturnType<typeof buildRealm>, clientId: string): ClientRepresentation | undefined {
  return realm.clients?.find((candidate) => candidate.clientId === clientId);
}

function mapperTypes(target: ClientRepresentation | undefined): string[] {
  return (target?.protocolMappers ?? []).map(
    (mapper) => `${mapper.protocolMapper}:${JSON.stringify(mapper.config)}`,
  );
}

describe('buildRealm', () => {
  it('keeps the production realm free of users, test clients and secrets', () => {
    const realm = buildRealm('production');
    expect(realm.realm).toBe('eventvault');
    expect(realm.users ?? []).toEqual([]);
    expect(client(realm, 'eventvault-test')).toBeUndefined();
    expect(JSON.stringify(realm)).not.toMatch(/"secret"|"credentials"|\.demo/);
    expect(realm['otpPolicyCodeReusable']).toBe(false);
  });

  it('defines every EventVault role, the SPA client with PKCE S256 and the API audience', () => {
    const realm = buildRealm('production');
    expect((realm.roles?.realm ?? []).map((role) => role.name).sort()).toEqual([...REALM_ROLES].sort());
    // the domain package writes its authorisation rules in the same words
    expect([...realmRoles].sort()).toEqual([...REALM_ROLES].sort());

    const web = client(realm, 'eventvault-web');
    expect(web).toMatchObject({
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
    expect(web?.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(web?.redirectUris).toEqual(['http://127.0.0.1:4200/*', 'http://localhost:4200/*']);
    expect(mapperTypes(web).join()).toContain('"included.client.audience":"eventvault-api"');
    expect(mapperTypes(web).join()).toContain('"claim.name":"org"');

    expect(client(realm, 'eventvault-api')).toMatchObject({ bearerOnly: true, standardFlowEnabled: false });
  });

  it('maps acr "1" and "2" to levels of authentication and uses the step-up browser flow', () => {
    const realm = buildRealm('production');
    const attributes = realm['attributes'] as Record<string, string>;
    expect(JSON.parse(attributes['acr.loa.map'] ?? '{}')).toEqual({ '1': 1, '2': 2 });
    const flows = realm['authenticationFlows'] as { alias: string }[];
    expect(flows.map((flow) => flow.alias)).toContain(realm['browserFlow']);
    const configs = realm['authenticatorConfig'] as { config: Record<string, string> }[];
    expect(configs.map((config) => config.config['loa-condition-level']).sort()).toEqual(['1', '2']);
  });

  it('adds demo users, the test client and test redirect URIs in dev and test', () => {
    for (const profile of ['dev', 'test'] as const) {
      const realm = buildRealm(profile);
      expect((realm.users ?? []).length).toBeGreaterThan(0);
      const web = client(realm, 'eventvault-web');
      expect(web?.redirectUris).toEqual([
        'http://127.0.0.1:4200/*',
        'http://localhost:4200/*',
        'http://127.0.0.1:14200/*',
        'http://localhost:14200/*',
      ]);
      expect(realm.clients?.filter((candidate) => candidate.clientId === 'eventvault-web')).toHaveLength(1);
      const test = client(realm, 'eventvault-test');
      expect(test).toMatchObject({
        publicClient: false,
        directAccessGrantsEnabled: true,
        standardFlowEnabled: false,
      });
      // the test client's tokens must look like the web app's: same audience and org mappers
      expect(mapperTypes(test)).toEqual(mapperTypes(web));
    }
  });

  it('is pure: every call returns a fresh copy', () => {
    const first = buildRealm('dev');
    first.users?.splice(0);
    client(first, 'eventvault-web')?.redirectUris?.push('http://evil.example/*');
    expect((buildRealm('dev').users ?? []).length).toBeGreaterThan(0);
    expect(client(buildRealm('production'), 'eventvault-web')?.redirectUris).toHaveLength(2);
  });
});

describe('demoLogins', () => {
  it('covers every role', () => {
    const roles = new Set(demoLogins.flatMap((login) => login.roles));
    for (const role of REALM_ROLES) {
      expect(roles).toContain(role);
    }
  });

  it('gives every demo user an organisation, and kalahari-live has every role', () => {
    for (const login of demoLogins) {
      expect(['kalahari-live', 'karoo-festivals']).toContain(login.organisation);
    }
    const kalahariRoles = new Set(
      demoLogins.filter((login) => login.organisation === 'kalahari-live').flatMap((login) => login.roles),
    );
    expect([...kalahariRoles].sort()).toEqual([...REALM_ROLES].sort());
    expect(
      demoLogins.filter((login) => login.organisation === 'karoo-festivals').map((l) => l.roles),
    ).toEqual([['finance'], ['admin'], ['supplier']]);
  });

  it('has known OTP secrets for the users who must step up', () => {
    for (const username of ['admin@kalahari.demo', 'finance@kalahari.demo', 'approver@kalahari.demo']) {
      const login = demoLogins.find((candidate) => candidate.username === username);
      expect(login?.hasTotp).toBe(true);
      expect(login?.totpSecret).toMatch(/^.{20}$/);
    }
    const admin = demoLogins.find((login) => login.username === 'admin@kalahari.demo');
    // base32 of the UTF-8 bytes of "EVDEMO-ADMIN-TOTP-01", as an authenticator app needs it
    expect(admin?.totpSecretBase32).toBe('IVLEIRKNJ4WUCRCNJFHC2VCPKRIC2MBR');
  });

  it('exposes the test client credentials from the overlay', () => {
    expect(testClient.clientId).toBe('eventvault-test');
    expect(testClient.clientSecret.length).toBeGreaterThan(10);
  });
});

describe('mergeJson', () => {
  it('merges objects, concatenates arrays, merges entries with the same identity and replaces scalars', () => {
    const merged = mergeJson(
      {
        a: 1,
        list: ['x'],
        clients: [{ clientId: 'web', uris: ['u1'], flag: false }],
        nested: { keep: true },
      },
      {
        a: 2,
        list: ['x', 'y'],
        clients: [{ clientId: 'web', uris: ['u2'] }, { clientId: 'test' }],
        nested: {},
      },
    );
    expect(merged).toEqual({
      a: 2,
      list: ['x', 'y'],
      clients: [{ clientId: 'web', uris: ['u1', 'u2'], flag: false }, { clientId: 'test' }],
      nested: { keep: true },
    });
  });
});

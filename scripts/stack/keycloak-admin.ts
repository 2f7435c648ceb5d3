import { buildRealm, type RealmProfile } from './realm';

export interface KeycloakAdminOptions {
  /** Keycloak's public base URL, e.g. http://127.0.0.1:8080 (no trailing /admin or /realms). */
  baseUrl: string;
  /** An admin of the master realm (the bootstrap admin of start-dev). */
  adminUser: string;
  adminPassword: string;
}

export interface EnsureRealmOptions extends KeycloakAdminOptions {
  profile: RealmProfile;
  /** The web app's origin in this stack: the SPA client must accept it even when WEB_PORT was moved. */
  webUrl?: string;
}

export interface EnsureRealmResult {
  realm: string;
  /** false when the realm already existed: an existing realm is never changed beyond the web origin. */
  created: boolean;
}

const REQUEST_TIMEOUT_MS = 15_000;
const WEB_CLIENT_ID = 'eventvault-web';

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

async function failure(what: string, response: Response): Promise<Error> {
  const body = (await response.text()).slice(0, 500);
  return new Error(`Keycloak ${what}: HTTP ${response.status} ${body}`);
}

/** An access token of the master realm's admin-cli client (valid ~60 s by default). */
export async function getAdminToken({
  baseUrl,
  adminUser,
  adminPassword,
}: KeycloakAdminOptions): Promise<string> {
  const response = await fetch(`${trimSlash(baseUrl)}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: adminUser,
      password: adminPassword,
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) {
    throw await failure('admin login (master realm, admin-cli)', response);
  }
  const body = (await response.json()) as { access_token?: unknown };
  if (typeof body.access_token !== 'string') {
    throw new Error('Keycloak admin login returned no access_token');
  }
  return body.access_token;
}

/** Whether a realm exists, using an admin token. */
export async function realmExists(baseUrl: string, token: string, realm: string): Promise<boolean> {
  const response = await fetch(`${trimSlash(baseUrl)}/admin/realms/${encodeURIComponent(realm)}`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (response.status === 404) {
    return false;
  }
  if (!response.ok) {
    throw await failure(`reading realm ${realm}`, response);
  }
  await response.body?.cancel();
  return true;
}

/**
 * Creates the EventVault realm for a profile unless it exists, then makes sure the SPA client accepts this stack's
 * web origin (so a moved WEB_PORT works). Idempotent: a second call changes nothing and returns created=false.
 * To pick up other changes to keycloak/*.json, delete the realm (or the stack's state) first.
 */
export async function ensureRealm(options: EnsureRealmOptions): Promise<EnsureRealmResult> {
  const realm = buildRealm(options.profile);
  const token = await getAdminToken(options);
  const result = await createRealmIfAbsent(options.baseUrl, token, realm);
  if (options.webUrl !== undefined) {
    await ensureWebClientAccepts(options.baseUrl, token, realm.realm, new URL(options.webUrl).origin);
  }
  return result;
}

interface ClientRepresentationWithId {
  id: string;
  redirectUris?: string[];
  webOrigins?: string[];
}

/** Adds the web app's origin to the SPA client's redirect URIs and web origins if missing; changes nothing else. */
async function ensureWebClientAccepts(
  baseUrl: string,
  token: string,
  realm: string,
  origin: string,
): Promise<void> {
  const clientsUrl = `${trimSlash(baseUrl)}/admin/realms/${encodeURIComponent(realm)}/clients`;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const found = await fetch(`${clientsUrl}?clientId=${WEB_CLIENT_ID}`, {
    headers,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!found.ok) throw await failure(`reading client ${WEB_CLIENT_ID}`, found);
  const [client] = (await found.json()) as ClientRepresentationWithId[];
  if (client === undefined) throw new Error(`Keycloak realm ${realm} has no client ${WEB_CLIENT_ID}`);
  const redirect = `${origin}/*`;
  const redirectUris = client.redirectUris ?? [];
  const webOrigins = client.webOrigins ?? [];
  if (redirectUris.includes(redirect) && webOrigins.includes(origin)) return;
  const updated = await fetch(`${clientsUrl}/${client.id}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({
      ...client,
      redirectUris: [...new Set([...redirectUris, redirect])],
      webOrigins: [...new Set([...webOrigins, origin])],
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!updated.ok) throw await failure(`updating client ${WEB_CLIENT_ID}`, updated);
  await updated.body?.cancel();
}

async function createRealmIfAbsent(
  baseUrl: string,
  token: string,
  realm: ReturnType<typeof buildRealm>,
): Promise<EnsureRealmResult> {
  if (await realmExists(baseUrl, token, realm.realm)) {
    return { realm: realm.realm, created: false };
  }
  const response = await fetch(`${trimSlash(baseUrl)}/admin/realms`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(realm),
    // importing users hashes every password (PBKDF2, ~0.1-0.5 s each on a small machine)
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 8),
  });
  if (response.status === 409) {
    // created concurrently by another caller between our check and our POST
    await response.body?.cancel();
    return { realm: realm.realm, created: false };
  }
  if (response.status !== 201) {
    throw await failure(`creating realm ${realm.realm}`, response);
  }
  await response.body?.cancel();
  return { realm: realm.realm, created: true };
}

/** Polls the master realm's discovery document until Keycloak answers (start-dev takes 20-40 s). */
export async function waitForKeycloak(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${trimSlash(baseUrl)}/realms/master/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(5_000),
      });
      await response.body?.cancel();
      if (response.ok) {
        return;
      }
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Keycloak at ${baseUrl} not ready after ${timeoutMs} ms: ${lastError}`);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Keycloak realm for each stack profile. `keycloak/realm.json` is the production realm (docker-compose imports
 * it as is); dev and test add `keycloak/dev-overlay.json` (demo users, the test client, test-only redirect URIs).
 */
export type RealmProfile = 'production' | 'dev' | 'test';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface CredentialRepresentation {
  type: string;
  value?: string;
  temporary?: boolean;
  userLabel?: string;
  secretData?: string;
  credentialData?: string;
}

export interface UserRepresentation {
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  attributes?: Record<string, string[]>;
  realmRoles?: string[];
  credentials?: CredentialRepresentation[];
}

export interface ClientRepresentation {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  redirectUris?: string[];
  webOrigins?: string[];
  directAccessGrantsEnabled?: boolean;
  standardFlowEnabled?: boolean;
  attributes?: Record<string, string>;
  protocolMappers?: { name: string; protocolMapper: string; config: Record<string, string> }[];
  [key: string]: unknown;
}

/** The parts of Keycloak's RealmRepresentation that this project reads; everything else passes through. */
export interface RealmRepresentation {
  realm: string;
  roles?: { realm?: { name: string; description?: string }[] };
  clients?: ClientRepresentation[];
  users?: UserRepresentation[];
  [key: string]: unknown;
}

export interface DemoLogin {
  username: string;
  password: string;
  /** First and last name as Keycloak holds them (the `name` claim). */
  displayName: string;
  email: string;
  /** EventVault roles only (Keycloak's default-roles-eventvault is left out). */
  roles: RealmRole[];
  organisation: string;
  hasTotp: boolean;
  /** The OTP secret exactly as Keycloak stores it; the HMAC key is its UTF-8 bytes. */
  totpSecret?: string;
  /** The same key in base32, for typing into an authenticator app. */
  totpSecretBase32?: string;
}

export const REALM_NAME = 'eventvault';
/** The realm's roles are the domain's roles: one list, defined in @eventvault/domain. */
import { isRealmRole, type RealmRole } from '../../domain/src/roles';
export { realmRoles as REALM_ROLES, isRealmRole, type RealmRole } from '../../domain/src/roles';

const keycloakDir = join(__dirname, '..', '..', 'keycloak');

function readJson(fileName: string): JsonObject {
  const parsed: unknown = JSON.parse(readFileSync(join(keycloakDir, fileName), 'utf8'));
  if (!isObject(parsed)) {
    throw new Error(`keycloak/${fileName} must hold a JSON object`);
  }
  return parsed;
}

const baseRealm = readJson('realm.json');
const devOverlay = readJson('dev-overlay.json');

/** Array entries with the same identity are merged instead of repeated (first key found wins). */
const IDENTITY_KEYS = ['clientId', 'username', 'alias', 'name'] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function identityOf(value: Json): string | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  for (const key of IDENTITY_KEYS) {
    const id = value[key];
    if (typeof id === 'string') {
      return `${key}:${id}`;
    }
  }
  return undefined;
}

function mergeArrays(base: Json[], overlay: Json[]): Json[] {
  const merged = base.map((item) => structuredClone(item));
  for (const item of overlay) {
    const id = identityOf(item);
    const index =
      id === undefined
        ? merged.findIndex((existing) => !isObject(existing) && existing === item)
        : merged.findIndex((existing) => identityOf(existing) === id);
    const existing = index >= 0 ? merged[index] : undefined;
    if (existing === undefined) {
      merged.push(structuredClone(item));
    } else if (id !== undefined) {
      merged[index] = mergeJson(existing, item);
    }
    // an equal scalar is already there: arrays of scalars (redirect URIs, roles) stay free of duplicates
  }
  return merged;
}

/**
 * Overlay semantics: objects merge key by key, arrays concatenate (entries naming the same client, user, flow or
 * role merge into one; equal scalars are not repeated), anything else in the overlay replaces the base value.
 */
export function mergeJson(base: Json, overlay: Json): Json {
  if (Array.isArray(base) && Array.isArray(overlay)) {
    return mergeArrays(base, overlay);
  }
  if (isObject(base) && isObject(overlay)) {
    const merged: JsonObject = structuredClone(base);
    for (const [key, value] of Object.entries(overlay)) {
      const existing = merged[key];
      merged[key] = existing === undefined ? structuredClone(value) : mergeJson(existing, value);
    }
    return merged;
  }
  return structuredClone(overlay);
}

/** The realm to create for a profile. Pure: returns a fresh copy every call. */
export function buildRealm(profile: RealmProfile): RealmRepresentation {
  const realm = profile === 'production' ? structuredClone(baseRealm) : mergeJson(baseRealm, devOverlay);
  if (!isObject(realm) || realm['realm'] !== REALM_NAME) {
    throw new Error(`keycloak/realm.json must define the realm "${REALM_NAME}"`);
  }
  return realm as unknown as RealmRepresentation;
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps expect. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let buffer = 0;
  let out = '';
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) {
    out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  }
  return out;
}

function otpSecretOf(credential: CredentialRepresentation): string {
  const secretData: unknown = JSON.parse(credential.secretData ?? '{}');
  if (!isObject(secretData) || typeof secretData['value'] !== 'string') {
    throw new Error('an otp credential in keycloak/dev-overlay.json has no secretData.value');
  }
  return secretData['value'];
}

function toDemoLogin(user: UserRepresentation): DemoLogin {
  const password = user.credentials?.find((credential) => credential.type === 'password')?.value;
  const organisation = user.attributes?.['organisation']?.[0];
  if (password === undefined || organisation === undefined) {
    throw new Error(`demo user ${user.username} needs a password and an organisation`);
  }
  const otp = user.credentials?.find((credential) => credential.type === 'otp');
  const login: DemoLogin = {
    username: user.username,
    password,
    displayName: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username,
    email: user.email ?? user.username,
    roles: (user.realmRoles ?? []).filter(isRealmRole),
    organisation,
    hasTotp: otp !== undefined,
  };
  if (otp !== undefined) {
    login.totpSecret = otpSecretOf(otp);
    login.totpSecretBase32 = base32Encode(Buffer.from(login.totpSecret, 'utf8'));
  }
  return login;
}

/** The dev/test demo users, for `npm start` to print and for tests to sign in with. */
export const demoLogins: readonly DemoLogin[] = Object.freeze(
  (buildRealm('dev').users ?? []).map(toDemoLogin),
);

/** The demo login with a given username; throws if there is none, so a typo fails loudly in a test. */
export function demoLogin(username: string): DemoLogin {
  const login = demoLogins.find((candidate) => candidate.username === username);
  if (login === undefined) {
    throw new Error(`no demo login ${username}; known: ${demoLogins.map((l) => l.username).join(', ')}`);
  }
  return login;
}

function testClientOf(realm: RealmRepresentation): { clientId: string; clientSecret: string } {
  const client = realm.clients?.find((candidate) => candidate.clientId === 'eventvault-test');
  if (client?.secret === undefined) {
    throw new Error('keycloak/dev-overlay.json must define the confidential client eventvault-test');
  }
  return { clientId: client.clientId, clientSecret: client.secret };
}

/** Credentials of the test-only confidential client (dev-overlay.json); it exists in dev and test realms only. */
export const testClient: Readonly<{ clientId: string; clientSecret: string }> = Object.freeze(
  testClientOf(buildRealm('test')),
);

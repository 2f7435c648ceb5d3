import { type RealmRole, isRealmRole, realmRoles as domainRealmRoles } from '@eventvault/domain';

/** Realm roles of the `eventvault` Keycloak realm; other roles in a token (defaults, offline_access) are ignored. */
export const eventVaultRoles = domainRealmRoles;

export type EventVaultRole = RealmRole;

export const roleLabels: Readonly<Record<EventVaultRole, string>> = {
  admin: 'Admin',
  finance: 'Finance',
  approver: 'Approver',
  event_manager: 'Event manager',
  supplier: 'Supplier',
  auditor: 'Auditor',
  partner: 'Partner',
};

export interface UserProfile {
  readonly subject: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  /** Slug of the user's organisation (claim `org`), e.g. `kalahari-live`; null when the token carries none. */
  readonly organisation: string | null;
  readonly roles: readonly EventVaultRole[];
}

export type TokenClaims = Readonly<Record<string, unknown>>;

function stringClaim(claims: TokenClaims, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function isEventVaultRole(value: unknown): value is EventVaultRole {
  return typeof value === 'string' && isRealmRole(value);
}

function realmRoles(claims: TokenClaims): EventVaultRole[] {
  const realmAccess = claims['realm_access'];
  if (typeof realmAccess !== 'object' || realmAccess === null) return [];
  const roles: unknown = (realmAccess as Readonly<Record<string, unknown>>)['roles'];
  if (!Array.isArray(roles)) return [];
  const granted = new Set(roles.filter(isEventVaultRole));
  return eventVaultRoles.filter((role) => granted.has(role));
}

function organisationClaim(claims: TokenClaims): string | null {
  const value = claims['org'];
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return typeof first === 'string' && first !== '' ? first : null;
  }
  return stringClaim(claims, 'org');
}

/** Reads the claims of a Keycloak access token defensively: a token is input, not a type guarantee. */
export function userProfileFromClaims(claims: TokenClaims): UserProfile {
  const username = stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'sub') ?? 'unknown';
  return {
    subject: stringClaim(claims, 'sub') ?? '',
    username,
    displayName: stringClaim(claims, 'name') ?? username,
    email: stringClaim(claims, 'email'),
    organisation: organisationClaim(claims),
    roles: realmRoles(claims),
  };
}

import { isRealmRole, type RealmRole, realmRoles } from '@eventvault/domain';

/** The realm roles EventVault knows (from @eventvault/domain); any other role in a token is ignored. */
export const knownRoles = realmRoles;

export type Role = RealmRole;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && isRealmRole(value);
}

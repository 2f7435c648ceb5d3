/** The realm roles Keycloak issues; every authorisation rule in EventVault is written in these words. */
export const realmRoles = [
  'admin',
  'finance',
  'approver',
  'event_manager',
  'supplier',
  'auditor',
  'partner',
] as const;

export type RealmRole = (typeof realmRoles)[number];

export function isRealmRole(value: string): value is RealmRole {
  return (realmRoles as readonly string[]).includes(value);
}

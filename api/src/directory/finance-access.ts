import { type Principal } from '../auth/principal';
import { type Role } from '../auth/roles';

/** Roles that see every record of their organisation's finances (within the operations they may call at all). */
export const wholeOrganisationRoles: readonly Role[] = ['admin', 'finance', 'auditor'];

/** Whether the caller sees the whole organisation, or only what they take part in (approvers, event managers). */
export function seesWholeOrganisation(principal: Principal): boolean {
  return principal.roles.some((role) => wholeOrganisationRoles.includes(role));
}

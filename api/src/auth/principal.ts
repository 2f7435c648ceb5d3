import { type JWTPayload } from 'jose';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { isRole, type Role } from './roles';

/** The verified caller of a request. Every read and write is scoped to `organisation`. */
export interface Principal {
  /** Keycloak subject (user id). */
  readonly subject: string;
  readonly username: string;
  /** The organisation's slug, from the `org` claim. */
  readonly organisation: string;
  readonly roles: readonly Role[];
  /** Authentication context class: "2" means the user passed MFA in this session. */
  readonly acr: string | undefined;
  /** When the user last actively authenticated, in seconds since the epoch (the `auth_time` claim). */
  readonly authTime: number | undefined;
}

/** The acr value Keycloak issues after a second factor (its level-of-assurance 2). */
export const MFA_ACR = '2';

interface KeycloakClaims extends JWTPayload {
  preferred_username?: unknown;
  org?: unknown;
  realm_access?: { roles?: unknown };
  acr?: unknown;
  auth_time?: unknown;
}

/** Builds the principal from claims whose signature, issuer, audience and lifetime were already verified. */
export function principalFromClaims(claims: JWTPayload): Principal {
  const kc = claims as KeycloakClaims;
  if (typeof kc.sub !== 'string' || kc.sub === '') {
    throw new ApiError(ApiErrorCode.UNAUTHENTICATED, 'Token has no subject');
  }
  if (typeof kc.org !== 'string' || kc.org.trim() === '') {
    throw new ApiError(ApiErrorCode.FORBIDDEN, 'Token carries no organisation');
  }
  const tokenRoles = Array.isArray(kc.realm_access?.roles) ? (kc.realm_access.roles as unknown[]) : [];
  const roles = [...new Set(tokenRoles.filter(isRole))];
  return {
    subject: kc.sub,
    username: typeof kc.preferred_username === 'string' ? kc.preferred_username : kc.sub,
    organisation: kc.org,
    roles,
    acr: typeof kc.acr === 'string' ? kc.acr : undefined,
    authTime: typeof kc.auth_time === 'number' && Number.isFinite(kc.auth_time) ? kc.auth_time : undefined,
  };
}

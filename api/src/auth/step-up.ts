import { StepUpRequiredError } from '../errors/api-error';
import { MFA_ACR, type Principal } from './principal';

/**
 * Money-moving operations (approvals above a threshold, payment release, period lock, year-end sign-off)
 * call this first: the caller must have passed MFA (acr "2") within the last `maxAgeMinutes`.
 * The error tells the client, via WWW-Authenticate, to re-authenticate with acr_values=2 and max_age.
 */
export function requireFreshMfa(principal: Principal, maxAgeMinutes: number, now: Date = new Date()): void {
  const maxAgeSeconds = Math.max(0, Math.floor(maxAgeMinutes * 60));
  if (principal.acr !== MFA_ACR) {
    throw new StepUpRequiredError('This action needs multi-factor authentication', MFA_ACR, maxAgeSeconds);
  }
  if (principal.authTime === undefined) {
    throw new StepUpRequiredError('The token does not say when you authenticated', MFA_ACR, maxAgeSeconds);
  }
  const ageSeconds = now.getTime() / 1000 - principal.authTime;
  if (ageSeconds > maxAgeSeconds) {
    throw new StepUpRequiredError(
      `Your multi-factor sign-in is older than ${maxAgeMinutes} minutes`,
      MFA_ACR,
      maxAgeSeconds,
    );
  }
}

/** Whether the principal currently satisfies `requireFreshMfa` (for UI hints, never for authorisation). */
export function hasFreshMfa(principal: Principal, maxAgeMinutes: number, now: Date = new Date()): boolean {
  try {
    requireFreshMfa(principal, maxAgeMinutes, now);
    return true;
  } catch {
    return false;
  }
}

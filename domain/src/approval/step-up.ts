import { Money, type MoneyJson } from '../money';
import type { ApprovalPolicy } from './approval-policy';

/** The caller of a decision as the API knows it after verifying their token. */
export interface ApprovalCaller {
  readonly userId: string;
  readonly roles: readonly string[];
  /** Authentication context class: '2' (or 2) after a step-up (MFA) login. */
  readonly acr: string | number;
  /** ISO timestamp of the login the token comes from. */
  readonly authTime: string;
}

/** Clocks of the API and the workflow differ a little: an auth time this far in the future still counts. */
const allowedClockSkewMs = 2 * 60 * 1000;

export function requiresStepUp(amountInBaseCurrency: MoneyJson, policy: ApprovalPolicy): boolean {
  const threshold = Money.of(policy.stepUp.thresholdAmount, policy.currency);
  return Money.fromJSON(amountInBaseCurrency).compare(threshold) > 0;
}

/** Why the caller's login is not a fresh enough step-up at `nowMs`, or null when it is. */
export function stepUpProblem(
  caller: ApprovalCaller,
  nowMs: number,
  maxAuthAgeMinutes: number,
): string | null {
  const acr = Number.parseInt(String(caller.acr), 10);
  if (!Number.isInteger(acr) || acr < 2) {
    return `this amount needs a step-up (MFA) login: acr is ${String(caller.acr)}, 2 is required`;
  }
  const authTime = Date.parse(caller.authTime);
  if (Number.isNaN(authTime)) return `authTime "${caller.authTime}" is not an ISO timestamp`;
  if (authTime - nowMs > allowedClockSkewMs) return `authTime ${caller.authTime} lies in the future`;
  const ageMinutes = (nowMs - authTime) / 60_000;
  if (ageMinutes > maxAuthAgeMinutes) {
    return `the step-up login is ${Math.floor(ageMinutes)} minutes old; at most ${maxAuthAgeMinutes} are allowed, sign in again`;
  }
  return null;
}

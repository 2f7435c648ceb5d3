import { ApiErrorCode, StepUpRequiredError } from '../errors/api-error';
import { toErrorResponse } from '../errors/api-exception.filter';
import { type Principal } from './principal';
import { hasFreshMfa, requireFreshMfa } from './step-up';

const now = new Date('2026-03-01T10:00:00Z');
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

function principal(acr: string | undefined, authTime: number | undefined): Principal {
  return {
    subject: 'user-1',
    username: 'finance@kalahari.demo',
    organisation: 'kalahari-live',
    roles: ['finance'],
    acr,
    authTime,
  };
}

function stepUpErrorOf(fn: () => void): StepUpRequiredError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StepUpRequiredError) return error;
    throw error;
  }
  throw new Error('expected a StepUpRequiredError');
}

describe('requireFreshMfa', () => {
  it('passes an MFA session that authenticated within the window', () => {
    expect(() => requireFreshMfa(principal('2', seconds(now) - 9 * 60), 10, now)).not.toThrow();
    expect(() => requireFreshMfa(principal('2', seconds(now) - 10 * 60), 10, now)).not.toThrow();
    expect(hasFreshMfa(principal('2', seconds(now)), 10, now)).toBe(true);
  });

  it.each([
    ['password only (acr 1)', principal('1', seconds(now))],
    ['an SSO cookie login (acr 0)', principal('0', seconds(now))],
    ['no acr claim', principal(undefined, seconds(now))],
    ['MFA older than the window', principal('2', seconds(now) - 10 * 60 - 1)],
    ['MFA without auth_time', principal('2', undefined)],
  ])('demands a step-up for %s', (_case, caller) => {
    const error = stepUpErrorOf(() => requireFreshMfa(caller, 10, now));
    expect(error.code).toBe(ApiErrorCode.STEP_UP_REQUIRED);
    expect(error.requiredAcr).toBe('2');
    expect(error.maxAgeSeconds).toBe(600);
    expect(hasFreshMfa(caller, 10, now)).toBe(false);
  });

  it('maps to 401 with an RFC 9470 challenge', () => {
    const error = stepUpErrorOf(() => requireFreshMfa(principal('1', seconds(now)), 5, now));
    const response = toErrorResponse(error);
    expect(response.status).toBe(401);
    expect(response.code).toBe('STEP_UP_REQUIRED');
    expect(response.headers['WWW-Authenticate']).toMatch(
      /^Bearer error="insufficient_user_authentication", error_description="[^"]+", acr_values="2", max_age=300$/,
    );
  });
});

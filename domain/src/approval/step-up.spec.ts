import { defaultApprovalPolicy } from './approval-policy';
import { requiresStepUp, stepUpProblem } from './step-up';

describe('step-up', () => {
  const policy = defaultApprovalPolicy('ZAR'); // threshold R50 000, 15 minutes
  const now = Date.parse('2026-12-03T12:00:00Z');
  const caller = (acr: string | number, authTime: string) => ({ userId: 'u', roles: [], acr, authTime });

  it('applies strictly above the threshold, exactly', () => {
    expect(requiresStepUp({ amount: '50000.00', currency: 'ZAR' }, policy)).toBe(false);
    expect(requiresStepUp({ amount: '50000.01', currency: 'ZAR' }, policy)).toBe(true);
  });

  it('accepts acr 2 within the allowed age, as string or number', () => {
    expect(stepUpProblem(caller('2', '2026-12-03T11:50:00Z'), now, 15)).toBeNull();
    expect(stepUpProblem(caller(2, '2026-12-03T11:45:00Z'), now, 15)).toBeNull();
  });

  it('refuses acr 1, an old login, a malformed or future auth time', () => {
    expect(stepUpProblem(caller('1', '2026-12-03T11:59:00Z'), now, 15)).toMatch(/acr is 1, 2 is required/);
    expect(stepUpProblem(caller('2', '2026-12-03T11:44:00Z'), now, 15)).toMatch(/16 minutes old; at most 15/);
    expect(stepUpProblem(caller('2', 'yesterday'), now, 15)).toMatch(/not an ISO timestamp/);
    expect(stepUpProblem(caller('2', '2026-12-03T12:10:00Z'), now, 15)).toMatch(/in the future/);
  });
});

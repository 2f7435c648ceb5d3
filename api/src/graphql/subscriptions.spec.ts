import { msUntilExpiry } from './graphql.options';

const jwt = (payload: object) =>
  ['{"alg":"none"}', JSON.stringify(payload), '']
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');

describe('msUntilExpiry (subscription connections close when their token expires)', () => {
  it('counts down to exp, never below zero', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(msUntilExpiry(jwt({ exp: now / 1000 + 300 }), now)).toBe(300_000);
    expect(msUntilExpiry(jwt({ exp: now / 1000 - 5 }), now)).toBe(0);
  });

  it('is null for a token without exp or one that is not a JWT', () => {
    expect(msUntilExpiry(jwt({ sub: 'x' }))).toBeNull();
    expect(msUntilExpiry('not a token')).toBeNull();
  });
});

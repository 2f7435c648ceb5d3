import { type ApiError, ApiErrorCode } from '../errors/api-error';
import { principalFromClaims } from './principal';

describe('principalFromClaims', () => {
  const claims = {
    sub: 'abc',
    preferred_username: 'events@kalahari.demo',
    org: 'kalahari-live',
    realm_access: {
      roles: ['event_manager', 'approver', 'default-roles-eventvault', 'offline_access', 'approver'],
    },
    acr: '2',
    auth_time: 1_700_000_000,
  };

  it('keeps only known realm roles, once each', () => {
    expect(principalFromClaims(claims)).toEqual({
      subject: 'abc',
      username: 'events@kalahari.demo',
      organisation: 'kalahari-live',
      roles: ['event_manager', 'approver'],
      acr: '2',
      authTime: 1_700_000_000,
    });
  });

  it('tolerates missing optional claims', () => {
    expect(principalFromClaims({ sub: 'abc', org: 'karoo-festivals' })).toEqual({
      subject: 'abc',
      username: 'abc',
      organisation: 'karoo-festivals',
      roles: [],
      acr: undefined,
      authTime: undefined,
    });
  });

  it.each([
    ['no org', { sub: 'abc' }],
    ['an empty org', { sub: 'abc', org: ' ' }],
    ['an org list', { sub: 'abc', org: ['kalahari-live'] }],
  ])('refuses a token with %s as FORBIDDEN', (_case, payload) => {
    expect(() => principalFromClaims(payload)).toThrow(
      expect.objectContaining({ code: ApiErrorCode.FORBIDDEN }) as ApiError,
    );
  });

  it('refuses a token without subject as UNAUTHENTICATED', () => {
    expect(() => principalFromClaims({ org: 'kalahari-live' })).toThrow(
      expect.objectContaining({ code: ApiErrorCode.UNAUTHENTICATED }) as ApiError,
    );
  });
});

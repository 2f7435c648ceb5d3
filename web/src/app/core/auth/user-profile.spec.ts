import { userProfileFromClaims } from './user-profile';

describe('userProfileFromClaims', () => {
  it('reads name, organisation and only the EventVault realm roles, in a stable order', () => {
    const profile = userProfileFromClaims({
      sub: 'abc',
      preferred_username: 'amy',
      name: 'Amy Approver',
      org: 'kalahari-live',
      realm_access: { roles: ['offline_access', 'finance', 'approver', 'default-roles-eventvault'] },
    });
    expect(profile).toEqual({
      subject: 'abc',
      username: 'amy',
      displayName: 'Amy Approver',
      email: null,
      organisation: 'kalahari-live',
      roles: ['finance', 'approver'],
    });
  });

  it('copes with missing or malformed claims', () => {
    const profile = userProfileFromClaims({
      preferred_username: 'sam',
      org: ['karoo-festivals'],
      realm_access: 7,
    });
    expect(profile.displayName).toBe('sam');
    expect(profile.organisation).toBe('karoo-festivals');
    expect(profile.roles).toEqual([]);
  });
});

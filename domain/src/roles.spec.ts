import { isRealmRole, realmRoles } from './roles';

describe('realm roles', () => {
  it('recognises every role the realm defines and nothing else', () => {
    for (const role of realmRoles) expect(isRealmRole(role)).toBe(true);
    expect(isRealmRole('superuser')).toBe(false);
    expect(isRealmRole('Admin')).toBe(false);
  });
});

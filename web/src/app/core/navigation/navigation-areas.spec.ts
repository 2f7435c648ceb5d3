import { areasFor } from './navigation-areas';

describe('areasFor', () => {
  const labels = (roles: Parameters<typeof areasFor>[0]): string[] =>
    areasFor(roles).map((area) => area.label);

  it('shows each role its areas', () => {
    expect(labels(['supplier'])).toEqual(['Home', 'Supplier portal']);
    expect(labels(['finance'])).toEqual(['Home', 'Inbox', 'Events & budgets', 'Finance review']);
    expect(labels(['admin'])).toEqual([
      'Home',
      'Inbox',
      'Supplier portal',
      'Events & budgets',
      'Finance review',
      'Admin',
    ]);
    expect(labels([])).toEqual(['Home']);
  });
});

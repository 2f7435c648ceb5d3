import { areasFor } from './navigation-areas';

describe('areasFor', () => {
  const labels = (roles: Parameters<typeof areasFor>[0]): string[] =>
    areasFor(roles).map((area) => area.label);

  it('shows each role its areas', () => {
    expect(labels(['supplier'])).toEqual(['Home', 'Supplier portal']);
    expect(labels(['finance'])).toEqual(['Home', 'Inbox', 'Events & budgets', 'Finance review']);
    // Areas follow what the API lets each role do: the portal is for suppliers only, partners have no events.
    expect(labels(['admin'])).toEqual(['Home', 'Inbox', 'Events & budgets', 'Finance review', 'Admin']);
    expect(labels(['partner'])).toEqual(['Home']);
    expect(labels([])).toEqual(['Home']);
  });
});

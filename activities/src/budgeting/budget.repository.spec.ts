import { rollUp } from './budget.repository';

const categories = [
  { id: 'prod', code: 'PROD', name: 'Production', parentId: null },
  { id: 'snd', code: 'PROD-SND', name: 'Sound', parentId: 'prod' },
  { id: 'stg', code: 'PROD-STG', name: 'Staging', parentId: 'prod' },
  { id: 'art', code: 'ART', name: 'Artists', parentId: null },
];

const line = (id: string, categoryId: string, amount: string) => ({
  id,
  budgetVersionId: 'v1',
  categoryId,
  code: id,
  description: id,
  amount,
  currency: 'ZAR',
  ownerId: null,
});

describe('rollUp', () => {
  it('adds each line to its category and every category above it, exactly', () => {
    const totals = rollUp(
      [
        line('a', 'snd', '0.10'),
        line('b', 'snd', '0.20'),
        line('c', 'stg', '1000000.0000'),
        line('d', 'prod', '5.5'),
      ],
      categories,
      'ZAR',
    );
    expect(totals.map((t) => [t.code, t.amount, t.lineCount])).toEqual([
      ['PROD', '1000005.80', 4],
      ['PROD-SND', '0.30', 2],
      ['PROD-STG', '1000000.00', 1],
    ]);
  });

  it('leaves out categories without lines and survives a cycle in the tree', () => {
    const cyclic = [
      { id: 'x', code: 'X', name: 'X', parentId: 'y' },
      { id: 'y', code: 'Y', name: 'Y', parentId: 'x' },
    ];
    expect(rollUp([line('a', 'x', '1.00')], cyclic, 'ZAR').map((t) => [t.code, t.amount])).toEqual([
      ['X', '1.00'],
      ['Y', '1.00'],
    ]);
    expect(rollUp([], categories, 'ZAR')).toEqual([]);
  });
});

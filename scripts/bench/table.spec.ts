import { formatTable } from './table';

describe('formatTable', () => {
  it('pads text left-aligned and numbers right-aligned under a rule', () => {
    expect(
      formatTable(
        ['figure', 'p50', 'size'],
        [
          ['inbox', '42.01 ms', '100000 tasks'],
          ['budget vs actual', '7.5 ms', '2000 events'],
        ],
      ),
    ).toBe(
      [
        'figure                 p50  size',
        '----------------  --------  ------------',
        'inbox             42.01 ms  100000 tasks',
        'budget vs actual    7.5 ms  2000 events',
      ].join('\n'),
    );
  });

  it('prints a header alone when there are no rows', () => {
    expect(formatTable(['a', 'bb'], [])).toBe('a  bb\n-  --');
  });
});

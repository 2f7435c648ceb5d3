import { benchmarkNames, defaultSizes, parseBenchArguments } from './options';

describe('parseBenchArguments', () => {
  it('runs every benchmark at the default sizes, starting its own stack, when given nothing', () => {
    expect(parseBenchArguments([])).toEqual({
      benchmarks: benchmarkNames,
      stack: null,
      sizes: defaultSizes,
      fixtures: null,
    });
    expect(defaultSizes).toMatchObject({ tasks: 100_000, events: 2_000, journalLines: 1_000_000 });
  });

  it('picks benchmarks by name, in the canonical order, once each', () => {
    expect(parseBenchArguments(['budget', 'intake', 'budget']).benchmarks).toEqual(['intake', 'budget']);
  });

  it('reads sizes, the stack and a fixtures folder in both flag forms', () => {
    const options = parseBenchArguments([
      'inbox',
      '--tasks',
      '5000',
      '--queries=20',
      '--stack',
      'test',
      '--fixtures=../invoices',
      '--scans',
      '0',
      '--journal-lines',
      '4000',
    ]);
    expect(options.benchmarks).toEqual(['inbox']);
    expect(options.stack).toBe('test');
    expect(options.fixtures).toBe('../invoices');
    expect(options.sizes).toEqual({
      ...defaultSizes,
      tasks: 5000,
      queries: 20,
      scans: 0,
      journalLines: 4000,
    });
  });

  it('refuses unknown names, bad numbers and missing values', () => {
    expect(() => parseBenchArguments(['everything'])).toThrow('unknown benchmark "everything"');
    expect(() => parseBenchArguments(['--tasks', '1.5'])).toThrow('--tasks must be a whole number');
    expect(() => parseBenchArguments(['--invoices', '0'])).toThrow('at least 1');
    expect(() => parseBenchArguments(['--decisions'])).toThrow('--decisions needs a value');
    expect(() => parseBenchArguments(['--stack', 'prod'])).toThrow('--stack is dev or test');
    expect(() => parseBenchArguments(['--journal-lines', '3'])).toThrow('at least 4');
    expect(() => parseBenchArguments(['--fast'])).toThrow('unknown option --fast');
  });
});

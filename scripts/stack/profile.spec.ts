import { loadProfile, parseDotenv, testPortOffset } from './profile';

describe('stack profiles', () => {
  it('reads .env lines, ignoring comments and quotes', () => {
    expect(parseDotenv('# c\nA=1\n\nB = "two words"\nC=\'x=y\'\nbad line\n')).toEqual({
      A: '1',
      B: 'two words',
      C: 'x=y',
    });
  });

  const withOffset = <T>(offset: string | undefined, run: () => T): T => {
    const saved = process.env.EV_TEST_PORT_OFFSET;
    if (offset === undefined) delete process.env.EV_TEST_PORT_OFFSET;
    else process.env.EV_TEST_PORT_OFFSET = offset;
    try {
      return run();
    } finally {
      if (saved === undefined) delete process.env.EV_TEST_PORT_OFFSET;
      else process.env.EV_TEST_PORT_OFFSET = saved;
    }
  };

  it('puts the test stack on ports of its own, 10000 above the dev stack', () => {
    const dev = loadProfile('dev', {});
    const test = withOffset(undefined, () => loadProfile('test'));
    for (const key of Object.keys(dev.ports) as (keyof typeof dev.ports)[]) {
      expect(test.ports[key].port).toBe(dev.ports[key].port + 10000);
    }
    expect(test.varDir).not.toBe(dev.varDir);
    expect(test.appEnv.DATABASE_URL).toContain(`:${test.ports.postgres.port}/`);
  });

  it('derives every address the applications use from the configured ports', () => {
    const dev = loadProfile('dev', { TEMPORAL_PORT: '7300', API_PORT: '3100', KEYCLOAK_PORT: '8181' });
    expect(dev.appEnv.TEMPORAL_ADDRESS).toBe('127.0.0.1:7300');
    expect(dev.appEnv.API_URL).toBe('http://127.0.0.1:3100');
    expect(dev.appEnv.KEYCLOAK_URL).toBe('http://127.0.0.1:8181');
    expect(dev.ports.temporal.setting).toBe('TEMPORAL_PORT');
  });

  it('refuses a port that is not a port', () => {
    expect(() => loadProfile('dev', { PG_PORT: '70000' })).toThrow(/PG_PORT must be a TCP port/);
  });

  it('moves the test stack by EV_TEST_PORT_OFFSET; stacks 20 apart share no port', () => {
    const ports = (offset: string) =>
      withOffset(offset, () => Object.values(loadProfile('test').ports).map((p) => p.port));
    const all = [...ports('10000'), ...ports('10020'), ...ports('10040'), ...ports('10060')];
    expect(new Set(all).size).toBe(all.length);
    expect(Math.max(...all)).toBeLessThan(65536);
  });

  it('refuses an offset that would push a port past 65535', () => {
    expect(() => testPortOffset({ EV_TEST_PORT_OFFSET: '20000' })).toThrow(/EV_TEST_PORT_OFFSET must be/);
    expect(() => testPortOffset({ EV_TEST_PORT_OFFSET: 'x' })).toThrow(/EV_TEST_PORT_OFFSET must be/);
    expect(testPortOffset({})).toBe(10000);
  });
});

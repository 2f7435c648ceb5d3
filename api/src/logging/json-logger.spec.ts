import { JsonLogger } from './json-logger';
import { requestIdFrom, runWithRequestContext } from './request-context';

function capture(level = 'info'): { logger: JsonLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    logger: new JsonLogger(level, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    lines,
  };
}

describe('JsonLogger', () => {
  it('writes one JSON object per entry with the current request id', () => {
    const { logger, lines } = capture();
    runWithRequestContext({ requestId: 'req-12345678' }, () =>
      logger.record('log', 'hello', { count: 2 }, 'Spec'),
    );
    logger.log('outside', 'NestContext');
    expect(lines).toEqual([
      {
        time: expect.any(String) as string,
        level: 'info',
        msg: 'hello',
        context: 'Spec',
        requestId: 'req-12345678',
        count: 2,
      },
      { time: expect.any(String) as string, level: 'info', msg: 'outside', context: 'NestContext' },
    ]);
  });

  it('understands Nest-style calls: objects, errors with stacks, and a trailing context', () => {
    const { logger, lines } = capture();
    logger.warn({ msg: 'dependency down', dependency: 's3' }, 'HealthService');
    logger.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    logger.error(new Error('bad'));
    expect(lines[0]).toMatchObject({
      level: 'warn',
      msg: 'dependency down',
      dependency: 's3',
      context: 'HealthService',
    });
    expect(lines[1]).toMatchObject({
      level: 'error',
      msg: 'boom',
      stack: 'Error: boom\n    at x',
      context: 'ExceptionsHandler',
    });
    expect(lines[2]).toMatchObject({ level: 'error', msg: 'bad', err: { name: 'Error', message: 'bad' } });
  });

  it('drops entries below LOG_LEVEL', () => {
    const { logger, lines } = capture('warn');
    logger.log('info is dropped');
    logger.debug('debug is dropped');
    logger.warn('kept');
    expect(lines.map((line) => line['msg'])).toEqual(['kept']);
  });
});

describe('requestIdFrom', () => {
  it('keeps a sane incoming X-Request-Id and replaces anything else', () => {
    expect(requestIdFrom('trace-0123456789')).toBe('trace-0123456789');
    expect(requestIdFrom(['abcdef-123456', 'other'])).toBe('abcdef-123456');
    for (const bad of [
      undefined,
      '',
      'short',
      'has spaces in it',
      'x'.repeat(200),
      'inject\n{"level":"fatal"}',
    ]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

import { type GraphQLFormattedError } from 'graphql';
import { maskUnexpectedErrors, partialDataKeepsStatus200 } from './graphql-errors';

describe('maskUnexpectedErrors', () => {
  const logger = { error: jest.fn() };
  const format = maskUnexpectedErrors(logger);

  beforeEach(() => logger.error.mockClear());

  it.each(['UNAUTHENTICATED', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'])(
    'passes %s errors through unchanged',
    (code) => {
      const formatted: GraphQLFormattedError = { message: 'for the caller', extensions: { code } };
      expect(format(formatted, new Error('x'))).toBe(formatted);
      expect(logger.error).not.toHaveBeenCalled();
    },
  );

  it('hides and logs anything else, keeping path and locations', () => {
    const cause = new Error('connection string postgresql://u:secret@db leaked');
    const formatted: GraphQLFormattedError = {
      message: cause.message,
      path: ['me'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    expect(format(formatted, cause)).toEqual({
      message: 'Internal server error',
      path: ['me'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'INTERNAL' },
    });
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ path: ['me'], err: cause }));
  });
});

describe('partialDataKeepsStatus200', () => {
  async function statusAfter(data: unknown, status: number | undefined): Promise<number | undefined> {
    const response = {
      body: { kind: 'single', singleResult: { data, errors: [{ message: 'e' }] } },
      http: { status, headers: new Map() },
    };
    const plugin = partialDataKeepsStatus200();
    const listener = await plugin.requestDidStart?.({} as never);
    await listener?.willSendResponse?.({ response } as never);
    return response.http.status;
  }

  it('keeps the error status when there is no data', async () => {
    expect(await statusAfter(null, 401)).toBe(401);
    expect(await statusAfter(undefined, 401)).toBe(401);
  });

  it('answers 200 when the operation still produced data', async () => {
    expect(await statusAfter({ me: null, health: 'ok' }, 401)).toBe(200);
  });

  it('leaves an unset status alone', async () => {
    expect(await statusAfter({ me: null }, undefined)).toBeUndefined();
  });
});

import {
  type ArgumentsHost,
  BadRequestException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ApiError, ApiErrorCode, StepUpRequiredError } from './api-error';
import { ApiExceptionFilter, toErrorResponse, toGraphqlError } from './api-exception.filter';

describe('toErrorResponse', () => {
  it.each([
    [ApiErrorCode.UNAUTHENTICATED, 401],
    [ApiErrorCode.FORBIDDEN, 403],
    [ApiErrorCode.STEP_UP_REQUIRED, 401],
    [ApiErrorCode.VALIDATION, 400],
    [ApiErrorCode.NOT_FOUND, 404],
    [ApiErrorCode.DEPENDENCY_DOWN, 503],
    [ApiErrorCode.INTERNAL, 500],
  ])('maps ApiError %s to HTTP %i', (code, status) => {
    const response = toErrorResponse(new ApiError(code, 'message for the caller', { field: 'amount' }));
    expect(response).toMatchObject({
      code,
      status,
      message: 'message for the caller',
      details: { field: 'amount' },
    });
  });

  it('challenges unauthenticated callers and asks for step-up with acr_values="2"', () => {
    expect(toErrorResponse(new ApiError(ApiErrorCode.UNAUTHENTICATED, 'no token')).headers).toEqual({
      'WWW-Authenticate': 'Bearer realm="eventvault"',
    });
    const stepUp = toErrorResponse(new StepUpRequiredError('needs MFA', '2', 600)).headers[
      'WWW-Authenticate'
    ];
    expect(stepUp).toContain('error="insufficient_user_authentication"');
    expect(stepUp).toContain('acr_values="2"');
    expect(stepUp).toContain('max_age=600');
  });

  it('maps Nest and Express HTTP errors by status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /nope'))).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
    expect(toErrorResponse(new BadRequestException('bad'))).toMatchObject({
      code: 'VALIDATION',
      status: 400,
    });
    expect(toErrorResponse(new PayloadTooLargeException())).toMatchObject({
      code: 'VALIDATION',
      status: 413,
    });
    const bodyParserError = Object.assign(new SyntaxError('Unexpected token'), { status: 400, expose: true });
    expect(toErrorResponse(bodyParserError)).toMatchObject({ code: 'VALIDATION', status: 400 });
  });

  it('hides the message of anything unexpected', () => {
    const response = toErrorResponse(new Error('connection string postgresql://u:secret@db leaked'));
    expect(response).toEqual({
      code: 'INTERNAL',
      status: 500,
      message: 'Internal server error',
      headers: {},
    });
    expect(toErrorResponse(Object.assign(new Error('x'), { status: 500, expose: false })).code).toBe(
      'INTERNAL',
    );
  });
});

describe('toGraphqlError', () => {
  it('puts the code in extensions and the status/headers where Apollo applies them', () => {
    const error = toGraphqlError(toErrorResponse(new StepUpRequiredError('needs MFA', '2', 600)), 'req-123');
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions['code']).toBe('STEP_UP_REQUIRED');
    expect(error.extensions['requestId']).toBe('req-123');
    const http = error.extensions['http'] as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(401);
    expect(http.headers.get('www-authenticate')).toContain('acr_values="2"');
  });
});

describe('ApiExceptionFilter', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  function httpHost(): {
    host: ArgumentsHost;
    res: { status: jest.Mock; setHeader: jest.Mock; json: jest.Mock };
  } {
    const res = { headersSent: false, status: jest.fn(), setHeader: jest.fn(), json: jest.fn() };
    const req = { requestId: 'req-1', headers: {} };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ArgumentsHost;
    return { host, res };
  }

  it('writes the REST error body with the request id', () => {
    const { host, res } = httpHost();
    new ApiExceptionFilter().catch(new StepUpRequiredError('needs MFA', '2', 600), host);
    expect(res.status).toHaveBeenCalledWith(401);
    expect(res.setHeader).toHaveBeenCalledWith('WWW-Authenticate', expect.stringContaining('acr_values="2"'));
    expect(res.json).toHaveBeenCalledWith({
      error: {
        code: 'STEP_UP_REQUIRED',
        message: 'needs MFA',
        details: { acrValues: '2', maxAgeSeconds: 600 },
        requestId: 'req-1',
      },
    });
  });

  it('returns a GraphQL error in a GraphQL context', () => {
    const req = { requestId: 'req-2', headers: {} };
    const host = {
      getType: () => 'graphql',
      getArgs: () => [undefined, {}, { req }, {}],
      getArgByIndex: (index: number): unknown => [undefined, {}, { req }, {}][index],
    } as unknown as ArgumentsHost;
    const result = new ApiExceptionFilter().catch(
      new ApiError(ApiErrorCode.NOT_FOUND, 'No such invoice'),
      host,
    );
    expect(result).toBeInstanceOf(GraphQLError);
    expect(result?.extensions['code']).toBe('NOT_FOUND');
    expect(result?.extensions['requestId']).toBe('req-2');
  });
});

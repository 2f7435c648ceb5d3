import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  type LoggerService,
} from '@nestjs/common';
import { type GqlContextType } from '@nestjs/graphql';
import { type Response } from 'express';
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { type ApiRequest, requestOf } from '../http/api-request';
import { currentRequestId } from '../logging/request-context';
import {
  ApiError,
  ApiErrorCode,
  type ApiErrorDetails,
  httpStatusByCode,
  RateLimitedError,
  StepUpRequiredError,
} from './api-error';

/** What every error becomes before it is written out, whatever the transport. */
export interface ErrorResponse {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly message: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly details?: ApiErrorDetails;
}

const codeByHttpStatus: Readonly<Record<number, ApiErrorCode>> = {
  400: ApiErrorCode.VALIDATION,
  401: ApiErrorCode.UNAUTHENTICATED,
  403: ApiErrorCode.FORBIDDEN,
  404: ApiErrorCode.NOT_FOUND,
  413: ApiErrorCode.VALIDATION,
  415: ApiErrorCode.VALIDATION,
  422: ApiErrorCode.VALIDATION,
  429: ApiErrorCode.RATE_LIMITED,
  503: ApiErrorCode.DEPENDENCY_DOWN,
};

/** Maps any thrown value to the API's error shape. Pure, so the mapping is unit-tested on its own. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof ApiError) {
    return {
      code: exception.code,
      status: httpStatusByCode[exception.code],
      message: exception.message,
      headers: challengeHeaders(exception),
      ...(exception.details === undefined ? {} : { details: exception.details }),
    };
  }
  const status = exception instanceof HttpException ? exception.getStatus() : exposedHttpStatus(exception);
  if (status !== undefined && status < 500) {
    const code = codeByHttpStatus[status] ?? ApiErrorCode.VALIDATION;
    return {
      code,
      status,
      message: (exception as Error).message,
      headers: code === ApiErrorCode.UNAUTHENTICATED ? { 'WWW-Authenticate': 'Bearer' } : {},
    };
  }
  if (status === 503) {
    return {
      code: ApiErrorCode.DEPENDENCY_DOWN,
      status,
      message: 'A dependency is unavailable',
      headers: {},
    };
  }
  return { code: ApiErrorCode.INTERNAL, status: 500, message: 'Internal server error', headers: {} };
}

/** RFC 6750 / RFC 9470 challenges, so OAuth clients know to sign in again or step up. */
function challengeHeaders(error: ApiError): Readonly<Record<string, string>> {
  if (error instanceof StepUpRequiredError) {
    return {
      'WWW-Authenticate':
        `Bearer error="insufficient_user_authentication", ` +
        `error_description="${error.message.replace(/["\\]/g, '')}", ` +
        `acr_values="${error.requiredAcr}", max_age=${error.maxAgeSeconds}`,
    };
  }
  if (error instanceof RateLimitedError) {
    return { 'Retry-After': String(error.retryAfterSeconds) };
  }
  if (error.code === ApiErrorCode.STEP_UP_REQUIRED) {
    return { 'WWW-Authenticate': 'Bearer error="insufficient_user_authentication", acr_values="2"' };
  }
  if (error.code === ApiErrorCode.UNAUTHENTICATED) {
    return { 'WWW-Authenticate': 'Bearer realm="eventvault"' };
  }
  return {};
}

/** Errors from Express middleware (body-parser, http-errors) carry a status and say whether it is safe to show. */
function exposedHttpStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && expose === true ? status : undefined;
}

/** Builds the GraphQL error for a mapped error: `extensions.code`, and the HTTP status/headers Apollo applies. */
export function toGraphqlError(response: ErrorResponse, requestId: string | undefined): GraphQLError {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(response.headers)) headers.set(name.toLowerCase(), value);
  return new GraphQLError(response.message, {
    extensions: {
      code: response.code,
      ...(response.details === undefined ? {} : { details: response.details }),
      ...(requestId === undefined ? {} : { requestId }),
      http: { status: response.status, headers },
    },
  });
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): GraphQLError | undefined {
    // graphql-js's own errors (and ones a library built deliberately) already have their final shape.
    if (exception instanceof GraphQLError && host.getType<GqlContextType>() === 'graphql') return exception;
    const response = toErrorResponse(exception);
    const request = requestOf(host);
    const requestId = request?.requestId ?? currentRequestId();
    logFailure(this.logger, response, exception, request);

    const type = host.getType<GqlContextType>();
    if (type === 'graphql') {
      // Resolvers that return an Error make graphql-js report it as that field's error.
      return toGraphqlError(response, requestId);
    }
    if (type === 'http') {
      const res = host.switchToHttp().getResponse<Response>();
      if (res.headersSent) return undefined;
      res.status(response.status);
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
      res.json({
        error: {
          code: response.code,
          message: response.message,
          ...(response.details === undefined ? {} : { details: response.details }),
          ...(requestId === undefined ? {} : { requestId }),
        },
      });
      return undefined;
    }
    throw exception;
  }
}

/** One log line per failed request: the code and status, and why (never the token). */
export function logFailure(
  logger: Pick<LoggerService, 'log' | 'warn' | 'error'>,
  response: ErrorResponse,
  exception: unknown,
  request: ApiRequest | undefined,
): void {
  const fields = {
    msg: 'request failed',
    code: response.code,
    status: response.status,
    ...(request?.principal === undefined ? {} : { subject: request.principal.subject }),
  };
  if (response.status >= 500 && response.code !== ApiErrorCode.DEPENDENCY_DOWN) {
    logger.error({ ...fields, err: exception });
  } else if (response.code === ApiErrorCode.DEPENDENCY_DOWN) {
    logger.warn({ ...fields, reason: response.message, cause: describeCause(exception) });
  } else {
    // The cause says why a token was refused (e.g. jose's 'unexpected "aud" claim value'); never the token.
    logger.log({ ...fields, reason: response.message, cause: describeCause(exception) });
  }
}

function describeCause(exception: unknown): string | undefined {
  const cause = exception instanceof Error ? exception.cause : undefined;
  return cause instanceof Error ? cause.message : undefined;
}

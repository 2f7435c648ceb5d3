import { type ApolloServerPlugin } from '@apollo/server';
import { type LoggerService } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError, OperationTypeNode } from 'graphql';
import { isApiErrorCode } from '../errors/api-error';

/** Request-level errors Apollo Server itself reports (parse, validation, bad request); their messages are safe. */
const apolloRequestErrorCodes: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export type FormatErrorFn = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Apollo's `formatError`: our errors (mapped by ApiExceptionFilter) and Apollo's request errors pass;
 * anything else is logged and hidden behind `INTERNAL`.
 */
export function maskUnexpectedErrors(logger: Pick<LoggerService, 'error'>): FormatErrorFn {
  return (formatted, error) => {
    const code = formatted.extensions?.['code'];
    if (isApiErrorCode(code) || (typeof code === 'string' && apolloRequestErrorCodes.has(code)))
      return formatted;
    logger.error({ msg: 'unexpected GraphQL error', path: formatted.path, err: error });
    return {
      message: 'Internal server error',
      ...(formatted.path === undefined ? {} : { path: formatted.path }),
      ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
      extensions: { code: 'INTERNAL' },
    };
  };
}

/**
 * An error's `extensions.http.status` (e.g. 401 from the auth guard) becomes the response status when the
 * operation produced no data; a response that still carries data stays 200 so clients read it normally.
 *
 * Used instead of @nestjs/apollo's own plugin (`preserveHttpStatusForExecutionErrors`), which resets the
 * status to 200 whenever the body has a `data` key, even `data: null`.
 */
export function partialDataKeepsStatus200<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          const body = response.body;
          if (
            body.kind === 'single' &&
            body.singleResult.data !== null &&
            body.singleResult.data !== undefined &&
            response.http.status !== undefined
          ) {
            response.http.status = 200;
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * Subscriptions are served over graphql-ws (where the subscribe step, and so the role guards, run). Over HTTP the
 * resolver's subscribe step would be skipped, so a subscription sent there is refused before it executes.
 */
export function subscriptionsOnlyOverWebSocket<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError(
              'Subscriptions are served over WebSocket (graphql-ws) at this path, not over HTTP',
              {
                extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
              },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

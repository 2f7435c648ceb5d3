import { type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, type LoggerService } from '@nestjs/common';
import { type Response } from 'express';
import { type Authenticator } from '../auth/authenticator';
import { logFailure, toErrorResponse, toGraphqlError } from '../errors/api-exception.filter';
import { type ApiRequest, type GraphqlContext } from '../http/api-request';
import { currentRequestId } from '../logging/request-context';
import {
  maskUnexpectedErrors,
  partialDataKeepsStatus200,
  subscriptionsOnlyOverWebSocket,
} from './graphql-errors';

export const GRAPHQL_PATH = '/graphql';

export interface GraphqlOptions {
  /** Where to write the generated SDL (the `schema` script); `true` keeps it in memory. */
  readonly autoSchemaFile: string | true;
  /**
   * Whether signed-in callers may introspect (see `introspectionAllowed`). Anonymous callers never can: the
   * context refuses them first. The public description of the API is the committed api/schema.graphql.
   */
  readonly introspection: boolean;
}

/** Introspection is a development aid: on unless NODE_ENV is production, and only ever for signed-in callers. */
export function introspectionAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['NODE_ENV'] !== 'production';
}

/**
 * The context of every operation: the Express request (with request id and principal) and response.
 *
 * Building it signs the caller in, so nobody without a valid token gets past it: not `{ __typename }`, not
 * introspection, not even a parse or validation error. Apollo builds the context once per HTTP request (after its
 * CSRF check, before parsing) and answers a failure here with the error's status and WWW-Authenticate header.
 * AuthGuard, on each resolver field, then finds the principal on the request and does not verify again.
 */
export function authenticatedContext(
  authenticator: Authenticator,
  logger: Pick<LoggerService, 'log' | 'warn' | 'error'>,
): (http: { req: ApiRequest; res: Response }) => Promise<GraphqlContext> {
  return async ({ req, res }) => {
    try {
      await authenticator.authenticate(req);
    } catch (error) {
      const response = toErrorResponse(error);
      logFailure(logger, response, error, req);
      throw toGraphqlError(response, req.requestId ?? currentRequestId());
    }
    return { req, res };
  };
}

/** What graphql-ws hands the context factory of a subscription (its Context, with our request in `extra`). */
interface SubscriptionConnection {
  readonly connectionInitReceived: boolean;
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly extra: {
    apiRequest?: ApiRequest;
    /** The WebSocket of the connection (graphql-ws's `ws` adapter puts it here). */
    readonly socket?: {
      close(code: number, reason: string): void;
      once(event: 'close', listener: () => void): void;
    };
  };
}

/** The graphql-ws close code for "your token expired": the client signs in again and reconnects. */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

/** Milliseconds until a (verified) JWT's `exp`, or null when it has none. */
export function msUntilExpiry(token: string, now: number = Date.now()): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? Math.max(0, payload.exp * 1000 - now) : null;
  } catch {
    return null;
  }
}

function isSubscriptionConnection(value: unknown): value is SubscriptionConnection {
  return typeof value === 'object' && value !== null && 'connectionInitReceived' in value && 'extra' in value;
}

/**
 * Subscriptions over graphql-ws on the same path. A client signs in with the same Keycloak access token as over
 * HTTP, sent as `connectionParams: { Authorization: 'Bearer <token>' }`; a connection without a valid token is closed
 * (4403) before any subscription starts, and each subscription then passes the same guards as a query. When the
 * token expires the connection is closed (4401): the client refreshes its token and subscribes again.
 */
export function subscriptionOptions(
  authenticator: Authenticator,
  logger: Pick<LoggerService, 'log' | 'warn' | 'error'>,
): NonNullable<ApolloDriverConfig['subscriptions']> {
  return {
    'graphql-ws': {
      path: GRAPHQL_PATH,
      onConnect: async (context: {
        connectionParams?: Readonly<Record<string, unknown>>;
        extra: unknown;
      }) => {
        const params = context.connectionParams ?? {};
        const header = params['Authorization'] ?? params['authorization'];
        const request = {
          headers: { authorization: typeof header === 'string' ? header : '' },
        } as ApiRequest;
        try {
          await authenticator.authenticate(request);
        } catch (error) {
          logFailure(logger, toErrorResponse(error), error, request);
          return false;
        }
        const extra = context.extra as SubscriptionConnection['extra'];
        extra.apiRequest = request;
        // A connection lives no longer than the token that opened it.
        const expiresIn = msUntilExpiry(request.headers.authorization?.replace(/^Bearer +/i, '') ?? '');
        if (expiresIn !== null && extra.socket) {
          const socket = extra.socket;
          const timer = setTimeout(() => socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'token expired'), expiresIn);
          timer.unref();
          socket.once('close', () => clearTimeout(timer));
        }
        return true;
      },
    },
  };
}

/** @nestjs/apollo's ApolloDriver (Apollo Server 5 on @as-integrations/express5), configured for the API. */
export function graphqlOptions(options: GraphqlOptions, authenticator: Authenticator): ApolloDriverConfig {
  const logger = new Logger('GraphQL');
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: options.autoSchemaFile,
    sortSchema: true,
    introspection: options.introspection,
    // No landing page in any environment (the driver adds ApolloServerPluginLandingPageDisabled);
    // a browser opening /graphql gets graphqlBrowserHint's answer instead.
    playground: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    context: (input: { req: ApiRequest; res: Response } | SubscriptionConnection) => {
      if (!isSubscriptionConnection(input)) return authenticatedContext(authenticator, logger)(input);
      const req = input.extra.apiRequest;
      if (req === undefined) throw new Error('subscription connection without a signed-in caller');
      return { req };
    },
    subscriptions: subscriptionOptions(authenticator, logger),
    // ApiExceptionFilter already maps Nest's HttpExceptions; anything else is masked by formatError.
    autoTransformHttpErrors: false,
    formatError: maskUnexpectedErrors(logger),
    // Replaced by partialDataKeepsStatus200, which keeps the status when `data` is null.
    preserveHttpStatusForExecutionErrors: false,
    plugins: [partialDataKeepsStatus200<GraphqlContext>(), subscriptionsOnlyOverWebSocket<GraphqlContext>()],
    logger: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.log(message),
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
  };
}

import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Injectable, Logger } from '@nestjs/common';
import { AbstractGraphQLDriver, type GqlModuleOptions } from '@nestjs/graphql';
import {
  type Application,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { type GraphQLFormattedError } from 'graphql';
import { type Server } from 'node:http';
import { isApiErrorCode } from '../errors/api-error';
import { type ApiRequest, type GraphqlContext } from '../http/api-request';

export interface Apollo5DriverConfig extends GqlModuleOptions {
  /** Off in production: the schema is committed (api/schema.graphql) for anyone who needs it. */
  readonly introspection?: boolean;
}

/**
 * Serves the code-first schema with Apollo Server 5 on Express.
 *
 * Why not @nestjs/apollo's ApolloDriver: in this install it resolves the root `@apollo/server` 4.x (hoisted for
 * its playground plugin's peer range) and needs `@as-integrations/express5`, which is not installed. This driver
 * uses the API's own @apollo/server 5 and a small Express handler built on `executeHTTPGraphQLRequest`.
 */
@Injectable()
export class Apollo5Driver extends AbstractGraphQLDriver<Apollo5DriverConfig> {
  private readonly logger = new Logger('GraphQL');
  private server: ApolloServer<GraphqlContext> | undefined;

  override async mergeDefaultOptions(options: Apollo5DriverConfig): Promise<Apollo5DriverConfig> {
    return super.mergeDefaultOptions(options, { path: '/graphql', fieldResolverEnhancers: [] });
  }

  async start(options: Apollo5DriverConfig): Promise<void> {
    const adapter = this.httpAdapterHost.httpAdapter;
    if (adapter.getType() !== 'express')
      throw new Error(`Apollo5Driver needs Express, not ${adapter.getType()}`);
    if (options.schema === undefined) throw new Error('GraphQL schema was not generated');
    const server = new ApolloServer<GraphqlContext>({
      schema: options.schema,
      introspection: options.introspection ?? false,
      csrfPrevention: true,
      includeStacktraceInErrorResponses: false,
      formatError: (formatted, error) => this.maskUnexpected(formatted, error),
      logger: {
        debug: (message: string) => this.logger.debug(message),
        info: (message: string) => this.logger.log(message),
        warn: (message: string) => this.logger.warn(message),
        error: (message: string) => this.logger.error(message),
      },
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer: adapter.getHttpServer() as Server }),
        ApolloServerPluginLandingPageDisabled(),
        partialDataKeepsStatus200(),
      ],
    });
    await server.start();
    const app = adapter.getInstance<Application>();
    app.use(options.path ?? '/graphql', expressHandler(server));
    this.server = server;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** Our errors (mapped by ApiExceptionFilter) and Apollo's request errors pass; anything else is hidden. */
  private maskUnexpected(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const code = formatted.extensions?.['code'];
    if (isApiErrorCode(code) || (typeof code === 'string' && apolloRequestErrorCodes.has(code)))
      return formatted;
    this.logger.error({ msg: 'unexpected GraphQL error', path: formatted.path, err: error });
    return {
      message: 'Internal server error',
      ...(formatted.path === undefined ? {} : { path: formatted.path }),
      ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
      extensions: { code: 'INTERNAL' },
    };
  }
}

const apolloRequestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * An error's `extensions.http.status` (e.g. 401 from the auth guard) becomes the response status when the
 * operation produced no data; a response that still carries data stays 200 so clients read it normally.
 */
function partialDataKeepsStatus200(): ApolloServerPlugin<GraphqlContext> {
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

/** What @as-integrations/express5 does, on the Apollo Server the API depends on. */
export function expressHandler(server: ApolloServer<GraphqlContext>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const search = new URL(req.originalUrl, 'http://localhost').search;
    server
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method.toUpperCase(),
          headers,
          search,
          body: (req.body as unknown) ?? {},
        },
        context: () => Promise.resolve({ req: req as ApiRequest, res }),
      })
      .then(async (response) => {
        for (const [name, value] of response.headers) res.setHeader(name, value);
        res.statusCode = response.status ?? 200;
        if (response.body.kind === 'complete') {
          res.send(response.body.string);
          return;
        }
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      })
      .catch(next);
  };
}

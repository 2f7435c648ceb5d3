import { type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { type Response } from 'express';
import { type ApiRequest, type GraphqlContext } from '../http/api-request';
import { maskUnexpectedErrors, partialDataKeepsStatus200 } from './graphql-errors';

export interface GraphqlOptions {
  /** Where to write the generated SDL (the `schema` script); `true` keeps it in memory. */
  readonly autoSchemaFile: string | true;
  /** Off in production: the schema is committed (api/schema.graphql) for anyone who needs it. */
  readonly introspection: boolean;
}

/** The context of every operation: the Express request (with request id and principal) and response. */
export function graphqlContext({ req, res }: { req: ApiRequest; res: Response }): GraphqlContext {
  return { req, res };
}

/** @nestjs/apollo's ApolloDriver (Apollo Server 5 on @as-integrations/express5), configured for the API. */
export function graphqlOptions(options: GraphqlOptions): ApolloDriverConfig {
  const logger = new Logger('GraphQL');
  return {
    path: '/graphql',
    autoSchemaFile: options.autoSchemaFile,
    sortSchema: true,
    introspection: options.introspection,
    // No landing page in any environment (the driver adds ApolloServerPluginLandingPageDisabled).
    playground: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    context: graphqlContext,
    // ApiExceptionFilter already maps Nest's HttpExceptions; anything else is masked by formatError.
    autoTransformHttpErrors: false,
    formatError: maskUnexpectedErrors(logger),
    // Replaced by partialDataKeepsStatus200, which keeps the status when `data` is null.
    preserveHttpStatusForExecutionErrors: false,
    plugins: [partialDataKeepsStatus200<GraphqlContext>()],
    logger: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.log(message),
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
  };
}

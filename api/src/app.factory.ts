import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppModuleOptions } from './app.module';
import { type ApiConfig } from './config/api-config';
import { graphqlBrowserHint } from './graphql/browser-hint';
import { GRAPHQL_PATH, introspectionAllowed } from './graphql/graphql.options';
import { requestContext, requestIdAndAccessLog } from './http/request-logging';
import { JsonLogger } from './logging/json-logger';
import { ApiMetrics } from './metrics/api-metrics';
import { apiValidationPipe } from './validation/validation.pipe';

export interface CreateApiAppOptions extends Partial<Omit<AppModuleOptions, 'config'>> {
  readonly logger?: JsonLogger;
}

/** Nest options every instance of the API is created with (the body parser is added by configureApiApp). */
export const apiAppOptions = { bodyParser: false, abortOnError: false } as const;

/** Builds the HTTP application exactly as `main.ts` runs it (integration tests boot it in-process). */
export async function createApiApp(
  config: ApiConfig,
  options: CreateApiAppOptions = {},
): Promise<NestExpressApplication> {
  const logger = options.logger ?? new JsonLogger(config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      ...options,
      config,
      introspection: options.introspection ?? introspectionAllowed(),
    }),
    { ...apiAppOptions, logger },
  );
  return configureApiApp(app, config, logger);
}

/** The HTTP pipeline in front of Nest's router: request ids and access log, CORS, JSON bodies, GraphQL hint. */
export function configureApiApp(
  app: NestExpressApplication,
  config: ApiConfig,
  logger: JsonLogger,
): NestExpressApplication {
  app.disable('x-powered-by');
  // First, so CORS pre-flights and body-parser failures are logged with an id too.
  app.use(requestIdAndAccessLog(logger));
  app.use(app.get(ApiMetrics).middleware());
  app.enableCors({
    origin: [new URL(config.WEB_URL).origin],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Apollo-Require-Preflight'],
    exposedHeaders: ['X-Request-Id', 'WWW-Authenticate'],
    maxAge: 600,
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.use(requestContext());
  app.useGlobalPipes(apiValidationPipe());
  // Before Apollo (registered at init): a browser opening /graphql is told how to call it.
  app.use(GRAPHQL_PATH, graphqlBrowserHint());
  return app;
}

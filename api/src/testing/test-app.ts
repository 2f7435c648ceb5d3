import { type Type } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { apiAppOptions, configureApiApp } from '../app.factory';
import { AppModule } from '../app.module';
import { type ApiConfig } from '../config/api-config';
import { JsonLogger } from '../logging/json-logger';

export interface TestAppOptions {
  /** Extra controllers or resolvers (e.g. routes that exist only to exercise the guards). */
  readonly providers?: Type[];
  readonly controllers?: Type[];
  /** Swap providers before the app is built, e.g. `(b) => b.overrideProvider(S3Probe).useValue(fake)`. */
  readonly override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  readonly logger?: JsonLogger;
  /** Lets authenticated callers introspect, as in development (default false, as in production). */
  readonly introspection?: boolean;
}

/** The API's real module and HTTP pipeline, not listening (use `supertest(app.getHttpServer())`). */
export async function createTestApp(
  config: ApiConfig,
  options: TestAppOptions = {},
): Promise<NestExpressApplication> {
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot({ config, introspection: options.introspection ?? false })],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  });
  const moduleRef = await (options.override ? options.override(builder) : builder).compile();
  const logger = options.logger ?? new JsonLogger('error', () => undefined);
  const app = moduleRef.createNestApplication<NestExpressApplication>({ ...apiAppOptions, logger });
  configureApiApp(app, config, logger);
  await app.init();
  return app;
}

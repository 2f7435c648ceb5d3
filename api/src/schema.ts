import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { loadApiConfig } from './config/api-config';
import { JsonLogger } from './logging/json-logger';

/** The committed SDL, api/schema.graphql (from src/ under ts-jest and from dist/ when built). */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

/**
 * Writes the code-first schema as SDL without starting a server: an application context has no HTTP adapter,
 * so GraphQLModule generates (and writes) the schema and stops there. Nothing connects to any service.
 */
export async function writeSchema(file: string = SCHEMA_FILE): Promise<void> {
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config: loadApiConfig({}), schemaFile: file }),
    { logger: new JsonLogger('warn') },
  );
  await context.close();
}

if (require.main === module) {
  writeSchema().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

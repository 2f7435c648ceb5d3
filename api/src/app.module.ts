import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from './auth/auth.module';
import { ClientsModule } from './clients/clients.module';
import { type ApiConfig } from './config/api-config';
import { ConfigModule } from './config/config.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { graphqlOptions } from './graphql/graphql.options';
import { HealthModule } from './health/health.module';
import { MeModule } from './me/me.module';

export interface AppModuleOptions {
  readonly config: ApiConfig;
  /** Where to write the generated SDL (the `schema` script); the server itself keeps it in memory. */
  readonly schemaFile?: string;
  readonly introspection?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        ClientsModule,
        AuthModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          ...graphqlOptions({
            autoSchemaFile: options.schemaFile ?? true,
            introspection: options.introspection ?? false,
          }),
        }),
        HealthModule,
        MeModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}

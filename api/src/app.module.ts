import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from './auth/auth.module';
import { Authenticator } from './auth/authenticator';
import { ClientsModule } from './clients/clients.module';
import { type ApiConfig } from './config/api-config';
import { ConfigModule } from './config/config.module';
import { DocumentsModule } from './documents/documents.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { graphqlOptions } from './graphql/graphql.options';
import { HealthModule } from './health/health.module';
import { InvoicesModule } from './invoices/invoices.module';
import { MeModule } from './me/me.module';
import { TasksModule } from './tasks/tasks.module';
import { AdminModule } from './admin/admin.module';
import { OpenApiModule } from './openapi/openapi.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { MetricsModule } from './metrics/metrics.module';
import { EventsModule } from './events/events.module';
import { BudgetsModule } from './budgets/budgets.module';
import { SuppliersModule } from './suppliers/suppliers.module';
import { LedgerModule } from './ledger/ledger.module';
import { PortalModule } from './portal/portal.module';

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
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          // The whole endpoint needs a signed-in caller: the context authenticates before any operation runs.
          imports: [AuthModule],
          inject: [Authenticator],
          useFactory: (authenticator: Authenticator) =>
            graphqlOptions(
              { autoSchemaFile: options.schemaFile ?? true, introspection: options.introspection ?? false },
              authenticator,
            ),
        }),
        DocumentsModule,
        HealthModule,
        MeModule,
        InvoicesModule,
        TasksModule,
        AdminModule,
        OpenApiModule,
        RateLimitsModule,
        MetricsModule,
        EventsModule,
        BudgetsModule,
        SuppliersModule,
        LedgerModule,
        PortalModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}

import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Pool, type QueryResultRow } from 'pg';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { outsideRequestContext } from '../logging/request-context';

/**
 * The API's PostgreSQL pool. Connections are opened on first use, so the app starts while the database is down,
 * and a connection that dies (e.g. PostgreSQL restarted) is dropped from the pool and replaced on the next query.
 */
@Injectable()
export class DatabasePool implements OnApplicationShutdown {
  private readonly logger = new Logger('DatabasePool');
  readonly pool: Pool;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.pool = new Pool({
      connectionString: config.DATABASE_URL,
      max: 10,
      connectionTimeoutMillis: 2_000,
      idleTimeoutMillis: 30_000,
      query_timeout: 10_000,
      application_name: 'eventvault-api',
    });
    // An idle client losing its connection emits here; without a listener the process would crash.
    this.pool.on('error', (error) =>
      outsideRequestContext(() =>
        this.logger.warn({ msg: 'idle database connection lost', reason: error.message }),
      ),
    );
  }

  async query<Row extends QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]> {
    const result = await this.pool.query<Row>(text, values);
    return result.rows;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

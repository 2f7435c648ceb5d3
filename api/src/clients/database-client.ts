import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createDatabase, type Database } from '@eventvault/activities';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/**
 * The API's Prisma client, the one way its repositories (from @eventvault/activities) reach PostgreSQL. Like the
 * other clients it connects on first use, so the API starts while the database is down.
 */
@Injectable()
export class DatabaseClient implements OnApplicationShutdown {
  readonly db: Database;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.db = createDatabase(config.DATABASE_URL, { maxConnections: 5 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.$disconnect();
  }
}

import { Injectable } from '@nestjs/common';
import { checkDatabaseConnection } from '@eventvault/activities';
import { DatabaseClient } from '../../clients/database-client';
import { type HealthProbe } from './health-probe';

@Injectable()
export class DatabaseProbe implements HealthProbe {
  readonly name = 'database';

  constructor(private readonly database: DatabaseClient) {}

  check(): Promise<void> {
    return checkDatabaseConnection(this.database.db);
  }
}

import { Injectable } from '@nestjs/common';
import { DatabasePool } from '../../clients/database-pool';
import { type HealthProbe } from './health-probe';

@Injectable()
export class DatabaseProbe implements HealthProbe {
  readonly name = 'database';

  constructor(private readonly database: DatabasePool) {}

  async check(): Promise<void> {
    const rows = await this.database.query<{ ok: number }>('select 1 as ok');
    if (rows[0]?.ok !== 1) throw new Error('select 1 returned no row');
  }
}

import { Injectable } from '@nestjs/common';
import { TemporalConnections } from '../../clients/temporal-connections';
import { type HealthProbe } from './health-probe';

@Injectable()
export class TemporalProbe implements HealthProbe {
  readonly name = 'temporal';

  constructor(private readonly connections: TemporalConnections) {}

  async check(signal: AbortSignal): Promise<void> {
    const connection = await this.connections.get();
    try {
      await connection.withAbortSignal(signal, () =>
        connection.workflowService.describeNamespace({ namespace: this.connections.namespace }),
      );
    } catch (error) {
      this.connections.discard(connection);
      throw error;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { TemporalConnections } from '../../clients/temporal-connections';
import { type HealthProbe } from './health-probe';

/** Temporal is up for us when our namespace can be described over the API's shared connection. */
@Injectable()
export class TemporalProbe implements HealthProbe {
  readonly name = 'temporal';

  constructor(private readonly connections: TemporalConnections) {}

  async check(signal: AbortSignal): Promise<void> {
    const connection = await this.connections.get();
    await connection.withAbortSignal(signal, () =>
      connection.workflowService.describeNamespace({ namespace: this.connections.namespace }),
    );
  }
}

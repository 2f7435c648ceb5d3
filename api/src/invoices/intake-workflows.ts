import { Inject, Injectable } from '@nestjs/common';
import { Client, type Connection, type WorkflowHandle } from '@temporalio/client';
import { InvoiceIntakeStarter } from '@eventvault/activities';
import { ObjectStorage } from '../clients/object-storage';
import { TemporalConnections } from '../clients/temporal-connections';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { dependencyDown } from './dependency-errors';

/**
 * Invoice intake workflows as the API reaches them: the starter (storage + Temporal) and handles of running
 * intakes, over the API's shared, lazily dialled Temporal connection.
 */
@Injectable()
export class IntakeWorkflows {
  private current: { readonly connection: Connection; readonly client: Client } | undefined;

  constructor(
    private readonly connections: TemporalConnections,
    private readonly storage: ObjectStorage,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async starter(): Promise<InvoiceIntakeStarter> {
    return new InvoiceIntakeStarter({
      temporal: await this.client(),
      storage: this.storage.client,
      documentsBucket: this.storage.documentsBucket,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
    });
  }

  async handle(workflowId: string): Promise<WorkflowHandle> {
    return (await this.client()).workflow.getHandle(workflowId);
  }

  /** Runs a call with a deadline, so a question nobody answers (no worker polling) cannot hold a request. */
  async withDeadline<T>(milliseconds: number, call: () => Promise<T>): Promise<T> {
    const connection = await this.connection();
    return connection.withDeadline(Date.now() + milliseconds, call);
  }

  private async connection(): Promise<Connection> {
    try {
      return await this.connections.get();
    } catch (error) {
      // Dialling failed: Temporal is down or unreachable, not the request's fault.
      throw dependencyDown('The workflow service', error);
    }
  }

  private async client(): Promise<Client> {
    const connection = await this.connection();
    if (this.current?.connection !== connection) {
      this.current = {
        connection,
        client: new Client({ connection, namespace: this.connections.namespace }),
      };
    }
    return this.current.client;
  }
}

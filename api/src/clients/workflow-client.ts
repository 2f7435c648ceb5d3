import { Injectable } from '@nestjs/common';
import { Client, type Connection, type WorkflowHandle } from '@temporalio/client';
import { dependencyDown } from '../invoices/dependency-errors';
import { TemporalConnections } from './temporal-connections';

/** A Temporal client over the API's shared, lazily dialled connection, renewed when the connection is. */
@Injectable()
export class WorkflowClient {
  private current: { readonly connection: Connection; readonly client: Client } | undefined;

  constructor(private readonly connections: TemporalConnections) {}

  async handle(workflowId: string): Promise<WorkflowHandle> {
    return (await this.client()).workflow.getHandle(workflowId);
  }

  /** Runs a call with a deadline, so a question nobody answers (no worker polling) cannot hold a request. */
  async withDeadline<T>(milliseconds: number, call: () => Promise<T>): Promise<T> {
    const connection = await this.connection();
    return connection.withDeadline(Date.now() + milliseconds, call);
  }

  async client(): Promise<Client> {
    const connection = await this.connection();
    if (this.current?.connection !== connection) {
      this.current = {
        connection,
        client: new Client({ connection, namespace: this.connections.namespace }),
      };
    }
    return this.current.client;
  }

  private async connection(): Promise<Connection> {
    try {
      return await this.connections.get();
    } catch (error) {
      // Dialling failed: Temporal is down or unreachable, not the request's fault.
      throw dependencyDown('The workflow service', error);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { Client, type Connection, type WorkflowHandle } from '@temporalio/client';
import { TemporalConnections } from '../clients/temporal-connections';
import { dependencyDown } from '../invoices/dependency-errors';

/** Handles of the workflows tasks belong to (approvals, intakes), over the API's shared Temporal connection. */
@Injectable()
export class TaskWorkflows {
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

  private async connection(): Promise<Connection> {
    try {
      return await this.connections.get();
    } catch (error) {
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

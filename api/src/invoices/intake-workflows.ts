import { Inject, Injectable } from '@nestjs/common';
import { type WorkflowHandle } from '@temporalio/client';
import { InvoiceIntakeStarter } from '@eventvault/activities';
import { ObjectStorage } from '../clients/object-storage';
import { WorkflowClient } from '../clients/workflow-client';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

/**
 * Invoice intake workflows as the API reaches them: the starter (storage + Temporal) and handles of running
 * intakes, over the API's shared, lazily dialled Temporal connection.
 */
@Injectable()
export class IntakeWorkflows {
  constructor(
    private readonly workflows: WorkflowClient,
    private readonly storage: ObjectStorage,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async starter(): Promise<InvoiceIntakeStarter> {
    return new InvoiceIntakeStarter({
      temporal: await this.workflows.client(),
      storage: this.storage.client,
      documentsBucket: this.storage.documentsBucket,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
    });
  }

  handle(workflowId: string): Promise<WorkflowHandle> {
    return this.workflows.handle(workflowId);
  }

  withDeadline<T>(milliseconds: number, call: () => Promise<T>): Promise<T> {
    return this.workflows.withDeadline(milliseconds, call);
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Client,
  type WorkflowExecutionDescription,
  type WorkflowExecutionInfo,
  isGrpcServiceError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { temporal } from '@temporalio/proto';
import { AuditLogRepository, organisationIdSearchAttribute } from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { DatabaseClient } from '../clients/database-client';
import { TemporalConnections } from '../clients/temporal-connections';
import { WorkflowClient } from '../clients/workflow-client';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { CallerDirectory, type ResolvedCaller } from '../directory/caller-directory';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { decodeCursor, encodeCursor, type PageOf } from '../graphql/pagination';
import { rethrowDependencyDown } from '../invoices/dependency-errors';
import { visibilityQuery, type WorkflowListFilter } from './visibility-query';
import { historyView } from './workflow-history';
import { type WorkflowDetailModel, type WorkflowExecutionModel, WorkflowResetPoint } from './workflow.models';

const keywordAttribute = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);
const attributes = {
  invoiceStatus: keywordAttribute('InvoiceStatus'),
  supplierId: keywordAttribute('SupplierId'),
  eventId: keywordAttribute('EventId'),
  invoiceAmount: defineSearchAttributeKey('InvoiceAmount', SearchAttributeType.DOUBLE),
};

const GRPC_NOT_FOUND = 5;
const GRPC_FAILED_PRECONDITION = 9;

type RunInfo = Pick<
  WorkflowExecutionInfo,
  | 'workflowId'
  | 'runId'
  | 'type'
  | 'status'
  | 'taskQueue'
  | 'startTime'
  | 'closeTime'
  | 'typedSearchAttributes'
>;

/**
 * Admins' view of and hand on their organisation's workflow runs. Every listing is filtered by the OrganisationId
 * search attribute, and a run of another organisation is "not found" to every other operation; every action is
 * written to the organisation's audit log.
 */
@Injectable()
export class WorkflowAdmin {
  constructor(
    private readonly connections: TemporalConnections,
    private readonly workflows: WorkflowClient,
    private readonly callers: CallerDirectory,
    private readonly database: DatabaseClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async list(
    principal: Principal,
    filter: WorkflowListFilter | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<PageOf<WorkflowExecutionModel>> {
    const caller = await this.callers.resolve(principal);
    const query = visibilityQuery(caller.organisationId, filter ?? {});
    const nextPageToken = after ? pageToken(after) : undefined;
    const client = await this.client();
    const [response, count] = await this.temporalCall(() =>
      Promise.all([
        client.workflowService.listWorkflowExecutions({
          namespace: this.connections.namespace,
          query,
          pageSize: first,
          ...(nextPageToken === undefined ? {} : { nextPageToken }),
        }),
        client.workflow.count(query),
      ]),
    );
    const items = await Promise.all(
      response.executions.map(async (raw) =>
        this.view(
          await executionInfoFromRaw(
            raw,
            client.options.loadedDataConverter,
            raw,
            this.connections.namespace,
          ),
        ),
      ),
    );
    const token = response.nextPageToken;
    return {
      items,
      totalCount: count.count,
      nextCursor: token && token.length > 0 ? encodeCursor([Buffer.from(token).toString('base64')]) : null,
    };
  }

  async detail(
    principal: Principal,
    workflowId: string,
    runId?: string | null,
  ): Promise<WorkflowDetailModel> {
    const caller = await this.callers.resolve(principal);
    const { description, handle } = await this.ownRun(caller, workflowId, runId);
    const history = await this.temporalCall(() => handle.fetchHistory());
    return {
      execution: this.view(description),
      history: historyView(history).map((event) => ({
        eventId: event.eventId,
        eventType: event.eventType,
        time: event.time,
        details: JSON.stringify(event.details),
      })),
    };
  }

  async cancel(
    principal: Principal,
    workflowId: string,
    runId?: string | null,
  ): Promise<WorkflowExecutionModel> {
    const caller = await this.callers.resolve(principal);
    const { description, handle } = await this.ownRun(caller, workflowId, runId);
    this.mustBeRunning(description);
    await this.temporalCall(() => handle.cancel());
    await this.audit(caller, 'workflow.cancel_requested', description, {});
    return this.view(await this.temporalCall(() => handle.describe()));
  }

  async terminate(
    principal: Principal,
    workflowId: string,
    runId: string | null | undefined,
    reason: string,
  ): Promise<WorkflowExecutionModel> {
    const caller = await this.callers.resolve(principal);
    const { description, handle } = await this.ownRun(caller, workflowId, runId);
    this.mustBeRunning(description);
    await this.temporalCall(() => handle.terminate(`${reason} (by ${principal.username})`));
    await this.audit(caller, 'workflow.terminated', description, { reason });
    return this.view(await this.temporalCall(() => handle.describe()));
  }

  /** Retry: a new run replaying this one's history up to the chosen workflow task, then running today's code. */
  async reset(
    principal: Principal,
    workflowId: string,
    runId: string | null | undefined,
    reason: string,
    to: WorkflowResetPoint,
  ): Promise<WorkflowExecutionModel> {
    const caller = await this.callers.resolve(principal);
    const { description, handle } = await this.ownRun(caller, workflowId, runId);
    const history = await this.temporalCall(() => handle.fetchHistory());
    const completedTasks = (history.events ?? []).filter(
      (event) => event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    );
    const point = to === WorkflowResetPoint.FIRST_WORKFLOW_TASK ? completedTasks[0] : completedTasks.at(-1);
    if (point?.eventId === undefined || point.eventId === null) {
      throw new ApiError(ApiErrorCode.VALIDATION, 'This run has no completed workflow task to reset to', {
        field: 'runId',
      });
    }
    const client = await this.client();
    const response = await this.temporalCall(() =>
      client.workflowService.resetWorkflowExecution({
        namespace: this.connections.namespace,
        workflowExecution: { workflowId, runId: description.runId },
        reason: `${reason} (by ${principal.username})`,
        workflowTaskFinishEventId: point.eventId,
        requestId: randomUUID(),
      }),
    );
    const newRunId = response.runId ?? '';
    await this.audit(caller, 'workflow.reset', description, { reason, to, newRunId });
    return this.view(
      await this.temporalCall(() => client.workflow.getHandle(workflowId, newRunId).describe()),
    );
  }

  /** The run if it belongs to the caller's organisation; a run of another organisation is not found. */
  private async ownRun(
    caller: ResolvedCaller,
    workflowId: string,
    runId: string | null | undefined,
  ): Promise<{
    description: WorkflowExecutionDescription;
    handle: ReturnType<Client['workflow']['getHandle']>;
  }> {
    const client = await this.client();
    const handle = client.workflow.getHandle(workflowId, runId ?? undefined);
    const notFound = new ApiError(ApiErrorCode.NOT_FOUND, `No workflow ${workflowId}`);
    const description = await handle.describe().catch((error: unknown) => {
      if (error instanceof WorkflowNotFoundError) throw notFound;
      return rethrowDependencyDown(error, 'The workflow service');
    });
    if (description.typedSearchAttributes.get(organisationIdSearchAttribute) !== caller.organisationId) {
      throw notFound;
    }
    return { description, handle: client.workflow.getHandle(workflowId, description.runId) };
  }

  private mustBeRunning(description: WorkflowExecutionDescription): void {
    if (description.status.name !== 'RUNNING') {
      throw new ApiError(ApiErrorCode.VALIDATION, `The run is ${description.status.name}, not running`, {
        field: 'workflowId',
        status: description.status.name,
      });
    }
  }

  private async audit(
    caller: ResolvedCaller,
    action: string,
    run: WorkflowExecutionDescription,
    payload: Record<string, string>,
  ): Promise<void> {
    await new AuditLogRepository(this.database.db, caller.organisationId).append({
      ...(caller.userId === null ? {} : { actorId: caller.userId }),
      action,
      subjectType: 'workflow',
      payload: { workflowId: run.workflowId, runId: run.runId, workflowType: run.type, ...payload },
    });
  }

  private view(info: RunInfo): WorkflowExecutionModel {
    const attribute = (key: (typeof attributes)[keyof typeof attributes]): string | null => {
      const value = info.typedSearchAttributes.get(key);
      return value === undefined ? null : String(value);
    };
    const namespace = encodeURIComponent(this.connections.namespace);
    const ui = this.config.TEMPORAL_UI_URL.replace(/\/+$/, '');
    return {
      workflowId: info.workflowId,
      runId: info.runId,
      type: info.type,
      status: info.status.name,
      taskQueue: info.taskQueue,
      startedAt: info.startTime,
      closedAt: info.closeTime ?? null,
      searchAttributes: {
        invoiceStatus: attribute(attributes.invoiceStatus),
        supplierId: attribute(attributes.supplierId),
        eventId: attribute(attributes.eventId),
        invoiceAmount: attribute(attributes.invoiceAmount),
      },
      temporalUiUrl: `${ui}/namespaces/${namespace}/workflows/${encodeURIComponent(info.workflowId)}/${encodeURIComponent(info.runId)}/history`,
    };
  }

  private async temporalCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const grpcStatus: number | undefined = isGrpcServiceError(error) ? error.code : undefined;
      if (error instanceof WorkflowNotFoundError || grpcStatus === GRPC_NOT_FOUND) {
        throw new ApiError(ApiErrorCode.NOT_FOUND, 'No such workflow run');
      }
      if (grpcStatus === GRPC_FAILED_PRECONDITION) {
        throw new ApiError(ApiErrorCode.VALIDATION, 'Temporal refused this for the run in its current state');
      }
      return rethrowDependencyDown(error, 'The workflow service');
    }
  }

  private client(): Promise<Client> {
    return this.workflows.client();
  }
}

function pageToken(cursor: string): Uint8Array {
  const [token] = decodeCursor(cursor);
  if (typeof token !== 'string') {
    throw new ApiError(ApiErrorCode.VALIDATION, 'Invalid cursor', { field: 'after' });
  }
  return Buffer.from(token, 'base64');
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  budgetActualChangedChannel,
  ChangeListener,
  type TaskChangeNotice,
  taskChangedChannel,
} from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { CallerDirectory } from '../directory/caller-directory';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { PushQueue } from './push-queue';
import { requireUuid } from './task-inbox.args';
import { TaskInbox, toTaskModel } from './task-inbox.service';
import { type BudgetActualChangedModel, TaskChange, type TaskChangedModel, TaskStatus } from './task.model';

/** Whether a notice concerns a task the viewer holds, held, or may pick up through a role. */
export function concernsViewer(
  notice: TaskChangeNotice,
  viewer: { organisationId: string; userId: string | null; roles: readonly string[] },
): boolean {
  if (notice.organisationId !== viewer.organisationId) return false;
  if (
    viewer.userId !== null &&
    (notice.assigneeId === viewer.userId || notice.previousAssigneeId === viewer.userId)
  ) {
    return true;
  }
  return notice.assigneeId === null && notice.candidateRoles.some((role) => viewer.roles.includes(role));
}

/**
 * Real-time pushes for subscriptions, fed by PostgreSQL LISTEN/NOTIFY through one ChangeListener per API process
 * (listening from start-up, retrying in the background while the database is down, so the API starts anyway and a
 * first subscriber does not wait for the connection). Every subscriber gets only
 * changes of their own organisation that they are allowed to see.
 */
@Injectable()
export class TaskFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TaskFeed');
  private readonly listener: ChangeListener;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    private readonly callers: CallerDirectory,
    private readonly inbox: TaskInbox,
  ) {
    this.listener = new ChangeListener(config.DATABASE_URL, {
      onProblem: (message, error) =>
        this.logger.warn(`${message}${error instanceof Error ? `: ${error.message}` : ''}`),
    });
  }

  async taskChanges(principal: Principal): Promise<AsyncIterableIterator<TaskChangedModel>> {
    const { caller, viewer, inbox } = await this.inbox.callerOf(principal);
    await this.listener.start();
    const scope = { organisationId: caller.organisationId, userId: viewer.userId, roles: viewer.roles };
    // One notice at a time per subscriber, so pushes arrive in the order the database sent them.
    let chain: Promise<void> = Promise.resolve();
    const queue = new PushQueue<TaskChangedModel>(() => unsubscribe());
    const unsubscribe = this.listener.subscribe((change) => {
      if (change.channel !== taskChangedChannel || !concernsViewer(change.notice, scope)) return;
      const notice = change.notice;
      chain = chain
        .then(async () => {
          const task = await inbox.find(viewer, notice.taskId);
          queue.push({
            change: notice.change as TaskChange,
            taskId: notice.taskId,
            kind: notice.kind,
            status: notice.status as TaskStatus,
            task: task ? toTaskModel(task) : null,
          });
        })
        .catch((error: unknown) => {
          this.logger.warn(`could not read task ${notice.taskId} for a subscriber: ${String(error)}`);
        });
    });
    return queue;
  }

  async budgetActualChanges(
    principal: Principal,
    eventId: string,
  ): Promise<AsyncIterableIterator<BudgetActualChangedModel>> {
    requireUuid(eventId, 'eventId');
    const caller = await this.callers.resolve(principal);
    if (!(await this.callers.directory(caller.organisationId).hasEvent(eventId))) {
      throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no event ${eventId}`, {
        field: 'eventId',
      });
    }
    await this.listener.start();
    const queue = new PushQueue<BudgetActualChangedModel>(() => unsubscribe());
    const unsubscribe = this.listener.subscribe((change) => {
      if (change.channel !== budgetActualChangedChannel) return;
      if (change.notice.organisationId !== caller.organisationId || change.notice.eventId !== eventId) return;
      queue.push({ eventId, budgetLineId: change.notice.budgetLineId });
    });
    return queue;
  }

  onApplicationBootstrap(): void {
    // start() never rejects: a failed connection is retried in the background.
    void this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}

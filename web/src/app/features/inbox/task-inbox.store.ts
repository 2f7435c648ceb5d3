import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Subject, debounceTime } from 'rxjs';

import { type ApiProblem } from '../../core/api/api-problem';
import type {
  InboxTasksQueryVariables,
  TaskInboxStatus,
  TaskSortField,
  TaskSummaryFragment,
} from '../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../core/api/graphql-client';
import { LiveUpdates } from '../../core/api/live-updates';
import { AuthService } from '../../core/auth/auth.service';
import { OfflineInbox } from '../../core/offline/offline-inbox';
import { inboxTasksQuery, taskChangedSubscription } from './inbox.graphql';

export const pageSize = 50;

export interface InboxQuery {
  readonly status: TaskInboxStatus;
  /** null: every kind. */
  readonly kind: string | null;
  readonly search: string;
  readonly sort: TaskSortField;
  readonly descending: boolean;
}

export const defaultInboxQuery: InboxQuery = {
  status: 'OPEN',
  kind: null,
  search: '',
  sort: 'CREATED',
  descending: true,
};

export interface KindCount {
  readonly kind: string;
  readonly count: number;
}

/** A change pushed by the API this long after another is folded into the same reload. */
const liveReloadDebounceMs = 400;

/**
 * The signed-in user's inbox: one query's pages, its counts, and live reloads when the API reports a task of theirs
 * created, reassigned or closed. Provided per inbox page.
 */
@Injectable()
export class TaskInboxStore {
  private readonly api = inject(GraphqlClient);
  private readonly live = inject(LiveUpdates);
  private readonly auth = inject(AuthService);
  private readonly offline = inject(OfflineInbox);

  private readonly queryState = signal<InboxQuery>(defaultInboxQuery);
  private readonly tasksState = signal<readonly TaskSummaryFragment[]>([]);
  private readonly countsState = signal<readonly KindCount[]>([]);
  private readonly totalState = signal(0);
  private readonly cursor = signal<string | null>(null);
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ApiProblem | null>(null);
  private readonly changes = new Subject<void>();
  /** Answers to an older query (or page) are dropped: only the latest request may write. */
  private generation = 0;

  readonly query = this.queryState.asReadonly();
  readonly tasks = this.tasksState.asReadonly();
  readonly counts = this.countsState.asReadonly();
  readonly totalCount = this.totalState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly problem = this.problemState.asReadonly();
  readonly liveStatus = this.live.status;
  readonly hasMore = computed(() => this.cursor() !== null);
  readonly allKindsCount = computed(() => this.countsState().reduce((sum, entry) => sum + entry.count, 0));

  constructor() {
    const destroyRef = inject(DestroyRef);
    const reloads = this.changes.pipe(debounceTime(liveReloadDebounceMs)).subscribe(() => void this.reload());
    destroyRef.onDestroy(() => reloads.unsubscribe());
  }

  /** Reloads whenever the API pushes a change to one of the user's tasks; a lost connection loses no data. */
  connectLive(destroyRef: DestroyRef): void {
    const subscription = this.live.subscribe(taskChangedSubscription, {}).subscribe({
      next: () => this.changes.next(),
      error: () => undefined,
    });
    destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  update(change: Partial<InboxQuery>): void {
    this.queryState.update((query) => ({ ...query, ...change }));
    void this.reload();
  }

  async reload(): Promise<void> {
    await this.fetch(null);
  }

  async loadMore(): Promise<void> {
    const after = this.cursor();
    if (after !== null && !this.loadingState()) await this.fetch(after);
  }

  /** Takes a task out of the list at once (e.g. after deciding it), before the reload confirms it. */
  remove(taskId: string): void {
    this.tasksState.update((tasks) => tasks.filter((task) => task.id !== taskId));
    this.totalState.update((total) => Math.max(0, total - 1));
    this.changes.next();
  }

  /** The default view's first page is what the offline inbox shows when the device has no connection. */
  private keepOfflineCopy(after: string | null): void {
    const query = this.queryState();
    const user = this.auth.user();
    const isDefaultView =
      query.status === 'OPEN' && query.kind === null && query.search.trim() === '' && after === null;
    if (!isDefaultView || user === null) return;
    this.offline.save({ id: user.subject, name: user.displayName }, this.tasksState(), this.totalState());
  }

  private async fetch(after: string | null): Promise<void> {
    const generation = ++this.generation;
    this.loadingState.set(true);
    try {
      const result = await this.api.request(inboxTasksQuery, variablesFor(this.queryState(), after));
      if (generation !== this.generation) return;
      const page = result.myTasks;
      this.tasksState.update((tasks) => (after === null ? page.items : [...tasks, ...page.items]));
      this.cursor.set(page.nextCursor ?? null);
      this.totalState.set(page.totalCount);
      this.countsState.set(result.taskCounts.byKind);
      this.problemState.set(null);
      this.keepOfflineCopy(after);
    } catch (error) {
      if (generation !== this.generation) return;
      this.problemState.set(problemFromHttpError(error));
    } finally {
      if (generation === this.generation) this.loadingState.set(false);
    }
  }
}

export function variablesFor(query: InboxQuery, after: string | null): InboxTasksQueryVariables {
  const search = query.search.trim();
  return {
    first: pageSize,
    after,
    filter: { status: query.status, ...(query.kind === null ? {} : { kinds: [query.kind] }) },
    // Counts ignore the kind chosen, so every kind's chip keeps its number.
    countsFilter: { status: query.status },
    sort: { field: query.sort, direction: query.descending ? 'DESC' : 'ASC' },
    ...(search === '' ? {} : { search }),
  };
}

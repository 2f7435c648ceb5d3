import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  computed,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';

import type { TaskInboxStatus, TaskSortField, TaskSummaryFragment } from '../../core/api/generated/graphql';
import { MoneyPipe } from '../../shared/money';
import { TaskDetail } from './task-detail';
import { TaskInboxStore } from './task-inbox.store';
import { shortDate, taskKindLabel } from './task-labels';

const sortOptions: readonly {
  readonly value: `${TaskSortField}:${'asc' | 'desc'}`;
  readonly label: string;
}[] = [
  { value: 'CREATED:desc', label: 'Newest first' },
  { value: 'CREATED:asc', label: 'Oldest first' },
  { value: 'DUE:asc', label: 'Due soonest' },
  { value: 'AMOUNT:desc', label: 'Largest amount' },
  { value: 'AMOUNT:asc', label: 'Smallest amount' },
];

/** The approver's and finance's inbox: the list of their tasks beside the one they are working on. */
@Component({
  selector: 'ev-inbox-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MoneyPipe,
    TaskDetail,
  ],
  providers: [TaskInboxStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inbox-page.html',
  styleUrl: './inbox-page.scss',
  host: { '(document:keydown)': 'onDocumentKey($event)' },
})
export class InboxPage {
  protected readonly store = inject(TaskInboxStore);
  private readonly router = inject(Router);

  /** The open task, from `?task=` so a task can be linked to and survives a reload. */
  readonly task = input<string | undefined>();

  private readonly searchBox = viewChild<ElementRef<HTMLInputElement>>('searchBox');
  private readonly list = viewChild<ElementRef<HTMLElement>>('taskList');

  protected readonly sortOptions = sortOptions;
  protected readonly kindLabel = taskKindLabel;
  protected readonly shortDate = shortDate;
  protected readonly selectedId = computed(() => this.task() ?? null);
  protected readonly sortValue = computed(() => {
    const query = this.store.query();
    return `${query.sort}:${query.descending ? 'desc' : 'asc'}`;
  });
  protected searchText = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // `?kind=` opens the inbox on one kind of task (Finance review links to the invoice reviews).
    const kind = inject(ActivatedRoute).snapshot.queryParamMap.get('kind');
    if (kind) this.store.update({ kind });
    else void this.store.reload();
    const destroyRef = inject(DestroyRef);
    this.store.connectLive(destroyRef);
    destroyRef.onDestroy(() => clearTimeout(this.searchTimer));
  }

  protected select(task: TaskSummaryFragment | string | null): void {
    const id = typeof task === 'string' || task === null ? task : task.id;
    void this.router.navigate([], {
      queryParams: { task: id },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected setStatus(status: TaskInboxStatus): void {
    this.store.update({ status });
  }

  protected setKind(kind: string | null): void {
    this.store.update({ kind });
    void this.router.navigate([], { queryParams: { kind }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected setSort(value: string): void {
    const [field, direction] = value.split(':');
    this.store.update({ sort: field as TaskSortField, descending: direction === 'desc' });
  }

  protected searchChanged(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.store.update({ search: this.searchText }), 300);
  }

  protected decided(taskId: string): void {
    this.store.remove(taskId);
  }

  /** Arrow keys (or j/k) move through the list, "/" jumps to search, Escape closes the task. */
  protected onListKey(event: KeyboardEvent): void {
    const tasks = this.store.tasks();
    if (tasks.length === 0) return;
    const index = tasks.findIndex((task) => task.id === this.selectedId());
    let next: number | undefined;
    if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(tasks.length - 1, index + 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') next = Math.max(0, index - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tasks.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    const target = tasks[next];
    if (target !== undefined) {
      this.select(target);
      this.list()
        ?.nativeElement.querySelector(`[data-task-id="${target.id}"]`)
        ?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  protected onDocumentKey(event: KeyboardEvent): void {
    const typing =
      event.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === '/' && !typing) {
      event.preventDefault();
      this.searchBox()?.nativeElement.focus();
    } else if (event.key === 'Escape' && !typing && this.selectedId() !== null) {
      this.select(null);
      this.list()?.nativeElement.focus();
    }
  }
}

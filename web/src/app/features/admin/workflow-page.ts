import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';

import { ApiProblem } from '../../core/api/api-problem';
import type { AdminWorkflowQuery } from '../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../core/api/graphql-client';
import { shortDateTime } from '../inbox/task-labels';
import {
  cancelWorkflowMutation,
  resetWorkflowMutation,
  terminateWorkflowMutation,
  workflowQuery,
} from './admin.graphql';
import { isBookkeeping, timelineEntry } from './workflow-timeline';

type AdminAction = 'cancel' | 'terminate' | 'retry';

/** One process's history as a readable timeline, with cancel, terminate and retry (each recorded in the audit log). */
@Component({
  selector: 'ev-workflow-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './workflow-page.html',
  styleUrl: './admin.scss',
})
export class WorkflowPage {
  private readonly api = inject(GraphqlClient);

  readonly workflowId = input.required<string>();
  readonly runId = input<string | undefined>();

  protected readonly data = signal<AdminWorkflowQuery['workflow'] | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly busy = signal<AdminAction | null>(null);
  protected readonly showBookkeeping = signal(false);
  protected readonly shortDateTime = shortDateTime;
  protected reason = '';

  protected readonly timeline = computed(() =>
    (this.data()?.history ?? [])
      .filter((event) => this.showBookkeeping() || !isBookkeeping(event.eventType))
      .map(timelineEntry),
  );
  protected readonly running = computed(() => this.data()?.execution.status === 'RUNNING');

  constructor() {
    effect(() => {
      const workflowId = this.workflowId();
      const runId = this.runId();
      untracked(() => void this.load(workflowId, runId));
    });
  }

  protected async load(workflowId: string, runId: string | undefined): Promise<void> {
    this.loading.set(true);
    try {
      const result = await this.api.request(workflowQuery, { workflowId, runId: runId ?? null });
      this.data.set(result.workflow);
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemFromHttpError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async act(action: AdminAction): Promise<void> {
    const execution = this.data()?.execution;
    if (execution === undefined) return;
    const reason = this.reason.trim();
    if (action !== 'cancel' && reason === '') {
      this.actionProblem.set(
        new ApiProblem('VALIDATION', 'Give a reason: it is kept in the history and the audit log.'),
      );
      return;
    }
    this.busy.set(action);
    this.actionProblem.set(null);
    const target = { workflowId: execution.workflowId, runId: execution.runId };
    try {
      if (action === 'cancel') await this.api.request(cancelWorkflowMutation, target);
      else if (action === 'terminate')
        await this.api.request(terminateWorkflowMutation, { ...target, reason });
      else await this.api.request(resetWorkflowMutation, { ...target, reason });
      this.reason = '';
      await this.load(execution.workflowId, action === 'retry' ? undefined : execution.runId);
    } catch (error) {
      this.actionProblem.set(problemFromHttpError(error));
    } finally {
      this.busy.set(null);
    }
  }
}

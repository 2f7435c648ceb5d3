import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatListModule, type MatSelectionListChange } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { type ApiProblem, StepUpRequired } from '../../../core/api/api-problem';
import type { DelegationCandidatesQuery } from '../../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../../core/api/graphql-client';
import { StepUpPrompt } from '../../../core/api/step-up-prompt';
import { delegateTaskMutation, delegationCandidatesQuery } from './delegation.graphql';

export type DelegationCandidate = DelegationCandidatesQuery['delegationCandidates'][number];

export interface DelegateDialogData {
  readonly taskId: string;
  readonly taskTitle: string;
}

/** What the dialog closes with once the workflow took the delegation; undefined when cancelled. */
export interface Delegated {
  readonly to: DelegationCandidate;
}

const roleLabels: Readonly<Record<string, string>> = {
  admin: 'admin',
  finance: 'finance',
  approver: 'approver',
  event_manager: 'event manager',
};

/** Plain words for the refusals delegation can meet; the API's message follows with the detail. */
const refusalHeadlines: Readonly<Partial<Record<ApiProblem['code'], string>>> = {
  FORBIDDEN: 'You may not delegate this task.',
  CONFLICT: 'This task has moved on: it was decided or handed over already.',
  STEP_UP_REQUIRED: 'Delegating this task needs a fresh sign-in with your one-time code.',
  VALIDATION: 'This colleague cannot take the task.',
  NOT_FOUND: 'This task is no longer in your inbox.',
};

/** Whether a colleague matches every word typed, in their name, username, e-mail or roles. */
export function matchesSearch(candidate: DelegationCandidate, search: string): boolean {
  const haystack = [candidate.displayName, candidate.username, candidate.email, ...candidate.roles]
    .join(' ')
    .toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}

/** Hands an approval task to a colleague the API offers: a searchable list, an optional comment. */
@Component({
  selector: 'ev-delegate-dialog',
  imports: [
    FormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatListModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './delegate-dialog.html',
  styleUrl: './delegate-dialog.scss',
})
export class DelegateDialog {
  private readonly api = inject(GraphqlClient);
  private readonly stepUp = inject(StepUpPrompt);
  private readonly dialogRef = inject<MatDialogRef<DelegateDialog, Delegated>>(MatDialogRef);
  protected readonly data = inject<DelegateDialogData>(MAT_DIALOG_DATA);

  protected readonly candidates = signal<readonly DelegationCandidate[]>([]);
  protected readonly loading = signal(true);
  protected readonly search = signal('');
  protected readonly chosenId = signal<string | null>(null);
  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);

  protected readonly shown = computed(() =>
    this.candidates().filter((candidate) => matchesSearch(candidate, this.search())),
  );
  protected readonly chosen = computed(
    () => this.candidates().find((candidate) => candidate.userId === this.chosenId()) ?? null,
  );
  protected readonly confirmLabel = computed(() => {
    const chosen = this.chosen();
    return chosen === null ? 'Delegate' : `Delegate to ${chosen.displayName}`;
  });

  constructor() {
    void this.load();
  }

  protected rolesOf(candidate: DelegationCandidate): string {
    return candidate.roles.map((role) => roleLabels[role] ?? role).join(', ');
  }

  protected headline(problem: ApiProblem): string {
    return refusalHeadlines[problem.code] ?? 'The task was not delegated.';
  }

  protected choose(change: MatSelectionListChange): void {
    const [option] = change.source.selectedOptions.selected;
    this.chosenId.set(typeof option?.value === 'string' ? option.value : null);
    this.problem.set(null);
  }

  protected async delegate(): Promise<void> {
    const to = this.chosen();
    if (to === null || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const comment = this.comment().trim();
      await this.api.request(delegateTaskMutation, {
        taskId: this.data.taskId,
        to: to.userId,
        comment: comment === '' ? null : comment,
      });
      this.dialogRef.close({ to });
    } catch (error) {
      const problem = problemFromHttpError(error);
      this.problem.set(problem);
      if (problem instanceof StepUpRequired) await this.stepUp.ask(problem);
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      const result = await this.api.request(delegationCandidatesQuery, { taskId: this.data.taskId });
      this.candidates.set(result.delegationCandidates);
    } catch (error) {
      this.problem.set(problemFromHttpError(error));
    } finally {
      this.loading.set(false);
    }
  }
}

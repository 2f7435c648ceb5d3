import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { ApiProblem, StepUpRequired } from '../../core/api/api-problem';
import type { TaskDetailQuery } from '../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../core/api/graphql-client';
import { StepUpPrompt } from '../../core/api/step-up-prompt';
import { MoneyPipe } from '../../shared/money';
import { DocumentViewer } from './document-viewer';
import {
  approveTaskMutation,
  completeInvoiceReviewMutation,
  rejectTaskMutation,
  requestTaskChangesMutation,
  taskDetailQuery,
} from './inbox.graphql';
import { confidenceLabel, decisionLabel, shortDate, shortDateTime, taskKindLabel } from './task-labels';

export type TaskDetailData = TaskDetailQuery['task'];
export type TaskAction = 'approve' | 'reject' | 'request-changes' | 'accept-review' | 'reject-review';

type Extracted = NonNullable<TaskDetailData['extracted']>;
const fieldRows: readonly {
  readonly key: keyof Omit<Extracted, 'method' | 'warnings' | '__typename'>;
  readonly label: string;
}[] = [
  { key: 'supplierName', label: 'Supplier' },
  { key: 'supplierVatNumber', label: 'VAT number' },
  { key: 'invoiceNumber', label: 'Invoice number' },
  { key: 'issueDate', label: 'Issue date' },
  { key: 'dueDate', label: 'Due date' },
  { key: 'currency', label: 'Currency' },
  { key: 'net', label: 'Net' },
  { key: 'vat', label: 'VAT' },
  { key: 'gross', label: 'Gross' },
];

/** Which actions a task offers, by kind: approvals are decided, reviews are accepted (with corrections) or rejected. */
export function actionsFor(kind: string, status: string): readonly TaskAction[] {
  if (status !== 'OPEN') return [];
  if (kind === 'invoice_review') return ['accept-review', 'reject-review'];
  return ['approve', 'reject', 'request-changes'];
}

const commentRequired: ReadonlySet<TaskAction> = new Set(['reject', 'request-changes', 'reject-review']);

/**
 * One task beside its document: extracted fields with confidences, the budget line (budget, actual and what
 * remains after this invoice), the decisions so far, and the actions. Emits `decided` after the workflow answered.
 */
@Component({
  selector: 'ev-task-detail',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MoneyPipe,
    DocumentViewer,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-detail.html',
  styleUrl: './task-detail.scss',
})
export class TaskDetail {
  private readonly api = inject(GraphqlClient);
  private readonly stepUp = inject(StepUpPrompt);

  readonly taskId = input.required<string>();
  readonly decided = output<{ readonly taskId: string; readonly action: TaskAction }>();

  protected readonly detail = signal<TaskDetailData | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<ApiProblem | null>(null);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly busy = signal<TaskAction | null>(null);
  protected readonly outcome = signal<string | null>(null);
  protected comment = '';

  protected readonly fieldRows = fieldRows;
  protected readonly kindLabel = taskKindLabel;
  protected readonly decisionLabel = decisionLabel;
  protected readonly confidenceLabel = confidenceLabel;
  protected readonly shortDate = shortDate;
  protected readonly shortDateTime = shortDateTime;
  protected readonly actions = computed(() => {
    const task = this.detail()?.task;
    return task === undefined ? [] : actionsFor(task.kind, task.status);
  });
  protected readonly overspends = computed(
    () => this.detail()?.budgetLine?.remainingAfterInvoice.amount.startsWith('-') ?? false,
  );

  constructor() {
    effect(() => {
      const id = this.taskId();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    this.actionProblem.set(null);
    this.outcome.set(null);
    this.comment = '';
    try {
      const result = await this.api.request(taskDetailQuery, { id });
      if (this.taskId() === id) this.detail.set(result.task);
    } catch (error) {
      if (this.taskId() !== id) return;
      this.detail.set(null);
      this.loadProblem.set(problemFromHttpError(error));
    } finally {
      if (this.taskId() === id) this.loading.set(false);
    }
  }

  protected async act(action: TaskAction): Promise<void> {
    const taskId = this.taskId();
    const comment = this.comment.trim();
    if (commentRequired.has(action) && comment === '') {
      this.actionProblem.set(
        new ApiProblem('VALIDATION', 'Say why in the comment first.', { field: 'comment' }),
      );
      return;
    }
    this.busy.set(action);
    this.actionProblem.set(null);
    try {
      this.outcome.set(await this.send(action, taskId, comment === '' ? null : comment));
      this.decided.emit({ taskId, action });
    } catch (error) {
      const problem = problemFromHttpError(error);
      if (problem instanceof StepUpRequired) {
        await this.stepUp.ask(problem);
      }
      this.actionProblem.set(problem);
    } finally {
      this.busy.set(null);
    }
  }

  private async send(action: TaskAction, taskId: string, comment: string | null): Promise<string> {
    switch (action) {
      case 'approve':
        await this.api.request(approveTaskMutation, { taskId, comment });
        return 'Approved. The next approver has it now, or it goes on to posting.';
      case 'reject':
        await this.api.request(rejectTaskMutation, { taskId, comment });
        return 'Rejected. The supplier sees your reason.';
      case 'request-changes':
        await this.api.request(requestTaskChangesMutation, { taskId, comment: comment ?? '' });
        return 'Sent back to the submitter with your comment.';
      case 'accept-review': {
        const result = await this.api.request(completeInvoiceReviewMutation, {
          taskId,
          input: { decision: 'ACCEPT', ...(comment === null ? {} : { comment }) },
        });
        return `Review completed: the invoice is now ${result.completeInvoiceReview.intakeStatus.replace(/-/g, ' ')}.`;
      }
      case 'reject-review':
        await this.api.request(completeInvoiceReviewMutation, {
          taskId,
          input: { decision: 'REJECT', comment },
        });
        return 'The document was rejected; the supplier sees your reason.';
    }
  }
}

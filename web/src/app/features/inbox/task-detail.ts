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
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';

import { ApiProblem, StepUpRequired } from '../../core/api/api-problem';
import type { TaskDetailQuery } from '../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../core/api/graphql-client';
import { StepUpPrompt } from '../../core/api/step-up-prompt';
import { MoneyPipe } from '../../shared/money';
import { type DelegateDialogData, DelegateDialog, type Delegated } from './delegation/delegate-dialog';
import { DocumentViewer } from './document-viewer';
import { type ComparableInvoice } from './duplicates/compare-invoices';
import { DuplicateComparison } from './duplicates/duplicate-comparison';
import {
  approveTaskMutation,
  rejectTaskMutation,
  requestTaskChangesMutation,
  taskDetailQuery,
} from './inbox.graphql';
import { InvoiceReviewForm, type ReviewOutcome } from './review/invoice-review-form';
import { confidenceLabel, decisionLabel, shortDate, shortDateTime, taskKindLabel } from './task-labels';

export type TaskDetailData = TaskDetailQuery['task'];
export type DecisionAction = 'approve' | 'reject' | 'request-changes';
export type TaskAction = DecisionAction | 'delegate' | ReviewOutcome;

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

/** The decisions an open approval offers; an open review is worked in its own form (corrections, accept, reject). */
export function actionsFor(kind: string, status: string): readonly DecisionAction[] {
  if (status !== 'OPEN' || kind === 'invoice_review') return [];
  return ['approve', 'reject', 'request-changes'];
}

const commentRequired: ReadonlySet<DecisionAction> = new Set(['reject', 'request-changes']);

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
    DuplicateComparison,
    InvoiceReviewForm,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-detail.html',
  styleUrl: './task-detail.scss',
})
export class TaskDetail {
  private readonly api = inject(GraphqlClient);
  private readonly stepUp = inject(StepUpPrompt);
  private readonly dialog = inject(MatDialog);

  readonly taskId = input.required<string>();
  readonly decided = output<{ readonly taskId: string; readonly action: TaskAction }>();

  protected readonly detail = signal<TaskDetailData | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<ApiProblem | null>(null);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly busy = signal<DecisionAction | null>(null);
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
    return task === undefined || !task.decidable ? [] : actionsFor(task.kind, task.status);
  });
  protected readonly reviewing = computed(() => {
    const task = this.detail()?.task;
    return task?.kind === 'invoice_review' && task.status === 'OPEN' && task.decidable;
  });
  /** An open task with no running workflow behind it (imported or demo data): shown, not decided here. */
  protected readonly recordOnly = computed(() => {
    const task = this.detail()?.task;
    return task !== undefined && task.status === 'OPEN' && !task.decidable;
  });
  /** The invoice as intake reads it now (corrections included), to set beside a likely duplicate. */
  protected readonly comparable = computed<ComparableInvoice | null>(() => {
    const detail = this.detail();
    if (!detail) return null;
    const draft = detail.assessment?.draft;
    const read = detail.extracted;
    const pick = (key: 'invoiceNumber' | 'supplierName' | 'issueDate' | 'dueDate' | 'gross' | 'currency') =>
      draft?.[key] ?? read?.[key].value ?? null;
    const gross = pick('gross');
    const currency = pick('currency');
    return {
      number: pick('invoiceNumber') ?? detail.invoiceNumber ?? null,
      supplierName:
        detail.assessment?.supplierName ?? pick('supplierName') ?? detail.task.supplierName ?? null,
      issueDate: pick('issueDate'),
      dueDate: pick('dueDate'),
      gross: gross !== null && currency !== null ? { amount: gross, currency } : (detail.task.amount ?? null),
    };
  });
  /** A foreign-currency invoice's cost in the line's currency is known once its intake has found the rate. */
  protected readonly foreignCostKnown = computed(
    () => !/^0(\.0+)?$/.test(this.detail()?.budgetLine?.costOnLine.amount ?? '0'),
  );
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

  protected async act(action: DecisionAction): Promise<void> {
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

  /** Opens the delegate dialog; once the workflow took the delegation, the task has left this inbox. */
  protected async delegate(): Promise<void> {
    const detail = this.detail();
    if (!detail) return;
    const taskId = detail.task.id;
    const delegated = await firstValueFrom(
      this.dialog
        .open<DelegateDialog, DelegateDialogData, Delegated>(DelegateDialog, {
          data: { taskId, taskTitle: detail.task.title },
          width: '34rem',
          maxWidth: '95vw',
        })
        .afterClosed(),
    );
    if (delegated === undefined || this.taskId() !== taskId) return;
    this.actionProblem.set(null);
    this.outcome.set(`Delegated to ${delegated.to.displayName}: the task has left your inbox.`);
    this.decided.emit({ taskId, action: 'delegate' });
  }

  protected reviewCompleted(action: ReviewOutcome): void {
    this.decided.emit({ taskId: this.taskId(), action });
  }

  private async send(action: DecisionAction, taskId: string, comment: string | null): Promise<string> {
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
    }
  }
}

import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';

import { type ApiProblem } from '../../core/api/api-problem';
import type {
  WorkflowExecutionFieldsFragment,
  WorkflowFilter,
  WorkflowStatus,
} from '../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../core/api/graphql-client';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { shortDateTime } from '../inbox/task-labels';
import { workflowsQuery } from './admin.graphql';

const statuses: readonly WorkflowStatus[] = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'TimedOut',
  'ContinuedAsNew',
];
const types: readonly { readonly value: string; readonly label: string }[] = [
  { value: 'invoiceIntakeWorkflow', label: 'Invoice intake' },
  { value: 'multiLevelApprovalWorkflow', label: 'Approval' },
];

/** Admins: every process of their organisation, filtered like the Temporal UI but in EventVault's words. */
@Component({
  selector: 'ev-workflows-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './workflows-page.html',
  styleUrl: './admin.scss',
})
export class WorkflowsPage {
  private readonly api = inject(GraphqlClient);
  protected readonly temporalUiUrl = inject(RUNTIME_CONFIG).temporalUiUrl;

  protected readonly runs = signal<readonly WorkflowExecutionFieldsFragment[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly totalCount = signal(0);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly statuses = statuses;
  protected readonly types = types;
  protected readonly shortDateTime = shortDateTime;
  protected filter = { type: '', status: '', invoiceStatus: '', startedAfter: '' };

  constructor() {
    void this.load(null);
  }

  protected async load(after: string | null): Promise<void> {
    this.loading.set(true);
    try {
      const result = await this.api.request(workflowsQuery, { filter: this.filterInput(), first: 50, after });
      this.runs.update((runs) =>
        after === null ? result.workflows.items : [...runs, ...result.workflows.items],
      );
      this.nextCursor.set(result.workflows.nextCursor ?? null);
      this.totalCount.set(result.workflows.totalCount);
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemFromHttpError(error));
    } finally {
      this.loading.set(false);
    }
  }

  private filterInput(): WorkflowFilter {
    const { type, status, invoiceStatus, startedAfter } = this.filter;
    return {
      ...(type === '' ? {} : { type }),
      ...(status === '' ? {} : { status: status as WorkflowStatus }),
      ...(invoiceStatus.trim() === '' ? {} : { invoiceStatus: invoiceStatus.trim() }),
      ...(startedAfter === '' ? {} : { startedAfter: new Date(`${startedAfter}T00:00:00`).toISOString() }),
    };
  }

  protected typeLabel(type: string): string {
    return types.find((known) => known.value === type)?.label ?? type;
  }
}

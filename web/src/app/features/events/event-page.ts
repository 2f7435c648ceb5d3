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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { BarChartModule, type Color, LineChartModule, ScaleType } from '@swimlane/ngx-charts';

import { ApiProblem } from '../../core/api/api-problem';
import type { EventBudgetQuery } from '../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../core/api/graphql-client';
import { AuthService } from '../../core/auth/auth.service';
import { MoneyPipe } from '../../shared/money';
import { shortDate } from '../inbox/task-labels';
import {
  type BudgetReportLine,
  budgetActualGroups,
  budgetReportLines,
  budgetVsActualCsv,
  reportTotals,
} from './budget-report';
import { actualOverTimeSeries, monthLabel } from './budget-over-time';
import { budgetVsActualXlsx } from './budget-report-xlsx';

function fileStem(eventName: string): string {
  return `${eventName.replace(/[^\w.-]+/g, '-')}-budget-vs-actual`;
}
import {
  addBudgetLineMutation,
  eventBudgetQuery,
  reforecastBudgetMutation,
  updateDraftBudgetLineMutation,
} from './events.graphql';

type EventBudget = EventBudgetQuery;
type Version = EventBudget['budget']['versions'][number];

const editorRoles = new Set(['event_manager', 'finance', 'admin']);
/** Budget and actual in the app's two chart colours, readable by colour-blind people (blue and orange). */
const chartScheme: Color = {
  name: 'budget-actual',
  selectable: false,
  group: ScaleType.Ordinal,
  domain: ['#1f5fa8', '#e07b00'],
};

/** One event's money: budget vs actual by category and line, year over year, and the budget's versions. */
@Component({
  selector: 'ev-event-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTabsModule,
    BarChartModule,
    LineChartModule,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './event-page.html',
  styleUrl: './event-page.scss',
})
export class EventPage {
  private readonly api = inject(GraphqlClient);
  private readonly auth = inject(AuthService);

  readonly eventId = input.required<string>();

  protected readonly data = signal<EventBudget | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly editProblem = signal<ApiProblem | null>(null);
  protected readonly saving = signal(false);
  /** Charts draw at once for people who ask their device for less motion. */
  protected readonly chartAnimations = !globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  protected readonly chartScheme = chartScheme;
  protected readonly shortDate = shortDate;
  protected newLine = { code: '', description: '', categoryId: '', amount: '' };

  protected readonly currency = computed(() => this.data()?.budget.currency ?? 'ZAR');
  protected readonly reportLines = computed<BudgetReportLine[]>(() =>
    budgetReportLines(this.data()?.budgetVsActual ?? { lines: [], categories: [] }),
  );
  protected readonly totals = computed(() => reportTotals(this.reportLines(), this.currency()));
  /** Top-level categories only, so the chart does not count a sub-category twice. */
  protected readonly categoryChart = computed(() =>
    budgetActualGroups(
      (this.data()?.budgetVsActual.categories ?? [])
        .filter((category) => category.parentId === null || category.parentId === undefined)
        .map((category) => ({
          name: category.categoryName,
          budget: category.budget,
          actual: category.actual,
        })),
    ),
  );
  protected readonly seriesChart = computed(() =>
    budgetActualGroups(
      (this.data()?.budgetVsActual.yearOverYear?.events ?? []).map((event) => ({
        name: `${event.eventName} (${event.fiscalYear})`,
        budget: event.budget,
        actual: event.actual,
      })),
    ),
  );
  /** The budget's own fiscal year only: other years' postings are never part of actual. */
  protected readonly months = computed(() =>
    (this.data()?.budgetVsActual.actualByMonth ?? []).filter(
      (month) => month.fiscalYear === this.data()?.budget.fiscalYear,
    ),
  );
  protected readonly overTimeChart = computed(() =>
    actualOverTimeSeries(this.months(), this.totals().budget),
  );
  protected readonly monthLabel = monthLabel;
  protected readonly draftVersion = computed<Version | undefined>(() =>
    this.data()?.budget.versions.find((version) => version.status === 'draft'),
  );
  protected readonly canEdit = computed(() =>
    (this.auth.user()?.roles ?? []).some((role) => editorRoles.has(role)),
  );
  protected readonly draftCategories = computed(() => this.draftVersion()?.categories ?? []);

  constructor() {
    effect(() => {
      const id = this.eventId();
      untracked(() => void this.load(id));
    });
  }

  protected async load(eventId: string): Promise<void> {
    this.loading.set(true);
    try {
      const result = await this.api.request(eventBudgetQuery, { eventId });
      if (eventId !== this.eventId()) return;
      this.data.set(result);
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemFromHttpError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected downloadCsv(): void {
    const event = this.data()?.event;
    if (event === undefined) return;
    const csv = budgetVsActualCsv(this.reportLines(), this.currency());
    this.download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${fileStem(event.name)}.csv`);
  }

  protected downloadXlsx(): void {
    const event = this.data()?.event;
    if (event === undefined) return;
    const minorUnits = this.totals().budget.minorUnits;
    const workbook = budgetVsActualXlsx(event.name, this.reportLines(), this.currency(), minorUnits);
    this.download(
      new Blob([workbook as Uint8Array<ArrayBuffer>], {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
      `${fileStem(event.name)}.xlsx`,
    );
  }

  private download(file: Blob, name: string): void {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = name;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  protected async saveLine(lineId: string, description: string, amount: string): Promise<void> {
    await this.edit(() =>
      this.api.request(updateDraftBudgetLineMutation, {
        input: { lineId, description, amount: amount.trim() },
      }),
    );
  }

  protected async addLine(versionId: string): Promise<void> {
    const { code, description, categoryId, amount } = this.newLine;
    if (code.trim() === '' || description.trim() === '' || categoryId === '' || amount.trim() === '') {
      this.editProblem.set(
        new ApiProblem('VALIDATION', 'A new line needs a code, a description, a category and an amount.'),
      );
      return;
    }
    await this.edit(() =>
      this.api.request(addBudgetLineMutation, {
        input: {
          budgetVersionId: versionId,
          code: code.trim(),
          description: description.trim(),
          categoryId,
          amount: amount.trim(),
        },
      }),
    );
    this.newLine = { code: '', description: '', categoryId: '', amount: '' };
  }

  protected async reforecast(budgetId: string): Promise<void> {
    await this.edit(() =>
      this.api.request(reforecastBudgetMutation, { input: { budgetId, note: 'Re-forecast' } }),
    );
  }

  private async edit(change: () => Promise<unknown>): Promise<void> {
    this.saving.set(true);
    this.editProblem.set(null);
    try {
      await change();
      await this.load(this.eventId());
    } catch (error) {
      this.editProblem.set(problemFromHttpError(error));
    } finally {
      this.saving.set(false);
    }
  }
}

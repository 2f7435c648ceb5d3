import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { normaliseInvoiceNumber } from '@eventvault/domain';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { type ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

import { ApiProblem } from '../../../core/api/api-problem';
import type {
  CompleteInvoiceReviewInput,
  ReviewBudgetLinesQuery,
  ReviewEventsQuery,
  ReviewSuppliersQuery,
  TaskDetailQuery,
} from '../../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../../core/api/graphql-client';
import { MoneyPipe } from '../../../shared/money';
import { completeInvoiceReviewMutation } from '../inbox.graphql';
import { confidenceLabel, shortDate } from '../task-labels';
import {
  type ChoiceField,
  type CorrectableField,
  type ExchangeRateValue,
  type FieldValues,
  type IntakeChoices,
  type SupplierChoice,
  acceptInput,
  choiceProblems,
  correctableFields,
  currentValues,
  fieldProblems,
  formFieldOf,
} from './review-form.model';
import { reviewBudgetLinesQuery, reviewEventsQuery, reviewSuppliersQuery } from './review.graphql';

type Detail = TaskDetailQuery['task'];
type RegisterSupplier = ReviewSuppliersQuery['suppliers']['items'][number];
type EventOption = ReviewEventsQuery['events']['items'][number];
type BudgetLineOption = NonNullable<ReviewBudgetLinesQuery['budget']['currentVersion']>['lines'][number];
type FormField = CorrectableField | ChoiceField;

export type ReviewOutcome = 'accept-review' | 'reject-review';

const supplierSearchDelayMs = 250;
const matchedByLabels: Readonly<Record<string, string>> = {
  'vat-number': ', matched by its VAT number',
  name: ', matched by its name',
  chosen: ', as named when the invoice was sent',
};
const noRate: ExchangeRateValue = { rate: '', date: '', source: '' };

/** Headlines for the API's refusals; its own message follows, saying exactly what. */
const refusalHeadlines: Readonly<Partial<Record<ApiProblem['code'], string>>> = {
  VALIDATION: 'Not accepted:',
  FORBIDDEN: 'You may not complete this review:',
  CONFLICT: 'This review has moved on:',
  NOT_FOUND: 'Not found in your organisation:',
};

/**
 * Finance's review of an invoice intake flagged: why it is in review, each extracted field beside what was read and
 * how sure extraction was (low confidence flagged), the supplier from the register (or a new one), event, budget
 * line, purchase order and a missing exchange rate; then accept, or reject with a reason. Amounts stay decimal text
 * from the keyboard to the API.
 */
@Component({
  selector: 'ev-invoice-review-form',
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invoice-review-form.html',
  styleUrl: './invoice-review-form.scss',
})
export class InvoiceReviewForm {
  private readonly api = inject(GraphqlClient);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly detail = input.required<Detail>();
  readonly completed = output<ReviewOutcome>();

  protected readonly fields = correctableFields;
  protected readonly confidenceLabel = confidenceLabel;
  protected readonly shortDate = shortDate;

  protected readonly values = signal<FieldValues>(currentValues(null, null));
  protected readonly supplier = signal<SupplierChoice | null>(null);
  protected readonly supplierText = signal('');
  protected readonly supplierOptions = signal<readonly RegisterSupplier[]>([]);
  protected readonly events = signal<readonly EventOption[]>([]);
  protected readonly eventId = signal<string | null>(null);
  protected readonly budgetLines = signal<readonly BudgetLineOption[]>([]);
  protected readonly budgetLinesNote = signal<string | null>(null);
  protected readonly budgetLineId = signal<string | null>(null);
  protected readonly purchaseOrderNumber = signal('');
  protected readonly fxRate = signal<ExchangeRateValue>(noRate);
  protected readonly comment = signal('');

  protected readonly attempted = signal(false);
  private readonly touched = signal<ReadonlySet<FormField>>(new Set());
  protected readonly refusal = signal<ApiProblem | null>(null);
  protected readonly busy = signal<ReviewOutcome | null>(null);
  protected readonly outcome = signal<string | null>(null);

  /** What intake holds now, and what it had chosen: the form sends only what differs. */
  private readonly current = computed(() =>
    currentValues(this.detail().assessment?.draft, this.detail().extracted),
  );
  private readonly intake = computed<IntakeChoices>(() => {
    const { assessment, task } = this.detail();
    return {
      supplierId: assessment?.supplierId ?? null,
      eventId: assessment?.eventId ?? task.eventId ?? null,
      budgetLineId: assessment?.budgetLineId ?? null,
    };
  });

  protected readonly reasons = computed(() => {
    const detail = this.detail();
    return detail.reviewReasons.length > 0 ? detail.reviewReasons : (detail.assessment?.issues ?? []);
  });
  /**
   * Duplicates block the invoice whatever the reviewer accepts: said before they try. The number counts as the
   * duplicate check counts it (normalised), against the earlier invoices matched by number.
   */
  protected readonly duplicateNotes = computed(() => {
    const codes = new Set(this.reasons().map((reason) => reason.code));
    const notes: string[] = [];
    if (codes.has('duplicate-content')) {
      notes.push(
        'The very same file was sent before: accepting cannot clear that; reject it as a duplicate.',
      );
    }
    const number = this.values().invoiceNumber.trim();
    const sameNumber = this.detail().likelyDuplicates.some(
      (duplicate) =>
        duplicate.matchedBy.includes('SAME_NUMBER') &&
        number !== '' &&
        normaliseInvoiceNumber(duplicate.number) === normaliseInvoiceNumber(number),
    );
    if (codes.has('duplicate-number') && sameNumber) {
      notes.push(
        `${number} is still the number of an earlier invoice of this supplier: correct it if it was misread, ` +
          'or reject the document as a duplicate.',
      );
    }
    return notes;
  });
  protected readonly baseCurrency = computed(() => this.detail().assessment?.baseCurrency ?? null);
  private readonly fxRateRequired = computed(() =>
    this.reasons().some((reason) => reason.code === 'fx-rate-missing'),
  );
  protected readonly fxRateShown = computed(() => {
    const currency = this.values().currency.trim().toUpperCase();
    const base = this.baseCurrency();
    return this.fxRateRequired() || (base !== null && /^[A-Z]{3}$/.test(currency) && currency !== base);
  });
  protected readonly registerChoices = computed(() =>
    this.supplierOptions().map((option) => ({
      option,
      choice: { kind: 'register', id: option.id, name: option.name } satisfies SupplierChoice,
    })),
  );
  protected readonly newSupplierChoice = computed<SupplierChoice>(() => ({
    kind: 'new',
    name: this.supplierText().trim(),
  }));
  /** How intake found the supplier shown, while it is still the one intake found. */
  protected readonly matchedNote = computed(() => {
    const assessment = this.detail().assessment;
    const chosen = this.supplier();
    if (!assessment?.supplierId || chosen?.kind !== 'register' || chosen.id !== assessment.supplierId)
      return '';
    return matchedByLabels[assessment.supplierMatchedBy ?? ''] ?? '';
  });
  protected readonly canCreateSupplier = computed(() => {
    const name = this.supplierText().trim().toLowerCase();
    return name !== '' && !this.supplierOptions().some((option) => option.name.toLowerCase() === name);
  });

  private readonly problems = computed<Readonly<Partial<Record<FormField, string>>>>(() => ({
    ...fieldProblems(this.values()),
    ...choiceProblems(
      {
        supplier: this.supplier(),
        eventId: this.eventId(),
        budgetLineId: this.budgetLineId(),
        purchaseOrderNumber: this.purchaseOrderNumber(),
        fxRate: this.fxRateShown() ? this.fxRate() : noRate,
        comment: this.comment(),
      },
      this.fxRateRequired(),
    ),
  }));
  protected readonly problemCount = computed(() => Object.keys(this.problems()).length);
  private readonly refusedField = computed(() => formFieldOf(this.refusal()?.field));

  /** One matcher per field: Material shows a field's error once it was left, or after an attempt to accept. */
  protected readonly errorState = this.matchers();

  private supplierTimer: ReturnType<typeof setTimeout> | undefined;
  private supplierSearch = 0;
  private linesRequest = 0;

  constructor() {
    effect(() => {
      const detail = this.detail();
      untracked(() => this.reset(detail));
    });
    effect(() => {
      const eventId = this.eventId();
      untracked(() => void this.loadBudgetLines(eventId));
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.supplierTimer));
    void this.loadEvents();
  }

  private matchers(): Readonly<Record<FormField, ErrorStateMatcher>> {
    const matcher = (key: FormField): ErrorStateMatcher => ({
      isErrorState: () => this.problemOf(key) !== null,
    });
    const choices: readonly ChoiceField[] = [
      'supplier',
      'eventId',
      'budgetLineId',
      'fxRate.rate',
      'fxRate.date',
      'fxRate.source',
    ];
    const matchers: Partial<Record<FormField, ErrorStateMatcher>> = {};
    for (const key of [...correctableFields.map((field) => field.key), ...choices])
      matchers[key] = matcher(key);
    return matchers as Record<FormField, ErrorStateMatcher>;
  }

  /** The message to show beside a field, or null while it is fine or untouched. */
  protected problemOf(key: FormField): string | null {
    if (this.refusedField() === key) return this.refusal()?.message ?? null;
    const problem = this.problems()[key];
    if (problem === undefined) return null;
    return this.attempted() || this.touched().has(key) ? problem : null;
  }

  protected touch(key: FormField): void {
    if (!this.touched().has(key)) this.touched.update((set) => new Set([...set, key]));
  }

  protected setField(key: CorrectableField, value: string): void {
    this.values.update((values) => ({ ...values, [key]: value }));
    this.clearRefusalOf(key);
  }

  protected extractedOf(key: CorrectableField): { value?: string | null; confidence: number } | null {
    return this.detail().extracted?.[key] ?? null;
  }

  protected corrected(key: CorrectableField): boolean {
    const read = this.extractedOf(key)?.value ?? '';
    return this.values()[key].trim() !== '' && this.values()[key].trim() !== read;
  }

  protected supplierDisplay = (value: SupplierChoice | string | null): string =>
    typeof value === 'string' ? value : (value?.name ?? '');

  /** Typing searches the register; picking an option (a supplier, or "create") chooses it. */
  protected supplierChanged(value: SupplierChoice | string | null): void {
    this.clearRefusalOf('supplier');
    if (value !== null && typeof value === 'object') {
      this.supplier.set(value);
      this.supplierText.set(value.name);
      return;
    }
    const text = value ?? '';
    this.supplierText.set(text);
    if (this.supplier()?.name !== text) this.supplier.set(null);
    clearTimeout(this.supplierTimer);
    this.supplierTimer = setTimeout(() => void this.searchSuppliers(text), supplierSearchDelayMs);
  }

  protected chooseEvent(eventId: string | null): void {
    this.eventId.set(eventId);
    this.budgetLineId.set(null);
    this.clearRefusalOf('eventId');
  }

  protected chooseBudgetLine(budgetLineId: string | null): void {
    this.budgetLineId.set(budgetLineId);
    this.clearRefusalOf('budgetLineId');
  }

  protected setRate(part: keyof ExchangeRateValue, value: string): void {
    this.fxRate.update((rate) => ({ ...rate, [part]: value }));
    this.clearRefusalOf(`fxRate.${part}`);
  }

  protected async accept(): Promise<void> {
    this.attempted.set(true);
    this.refusal.set(null);
    if (this.problemCount() > 0) {
      this.focusFirstProblem();
      return;
    }
    const input = acceptInput(this.intake(), this.current(), this.values(), {
      supplier: this.supplier(),
      eventId: this.eventId(),
      budgetLineId: this.budgetLineId(),
      purchaseOrderNumber: this.purchaseOrderNumber(),
      fxRate: this.fxRateShown() ? this.fxRate() : noRate,
      comment: this.comment(),
    });
    await this.send('accept-review', input);
  }

  protected async reject(): Promise<void> {
    this.refusal.set(null);
    const comment = this.comment().trim();
    if (comment === '') {
      this.refusal.set(
        new ApiProblem(
          'VALIDATION',
          'Say in the comment why the document is rejected: the supplier sees it.',
          {
            field: 'comment',
          },
        ),
      );
      return;
    }
    await this.send('reject-review', { decision: 'REJECT', comment });
  }

  private async send(action: ReviewOutcome, input: CompleteInvoiceReviewInput): Promise<void> {
    this.busy.set(action);
    try {
      const result = await this.api.request(completeInvoiceReviewMutation, {
        taskId: this.detail().task.id,
        input,
      });
      this.outcome.set(
        action === 'accept-review'
          ? `Review completed: the invoice is now ${result.completeInvoiceReview.intakeStatus.replace(/-/g, ' ')}. ` +
              'It goes to approval once its checks pass.'
          : 'The document was rejected; the supplier sees your reason.',
      );
      this.completed.emit(action);
    } catch (error) {
      this.refusal.set(problemFromHttpError(error));
    } finally {
      this.busy.set(null);
    }
  }

  protected refusalHeadline(problem: ApiProblem): string {
    return refusalHeadlines[problem.code] ?? 'The review was not completed:';
  }

  private clearRefusalOf(key: FormField): void {
    if (this.refusedField() === key) this.refusal.set(null);
  }

  private focusFirstProblem(): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  private reset(detail: Detail): void {
    const draft = detail.assessment?.draft;
    const values = currentValues(draft, detail.extracted);
    this.values.set(values);
    const intake = this.intake();
    const supplierName = detail.assessment?.supplierName ?? null;
    this.supplier.set(
      intake.supplierId !== null && supplierName !== null
        ? { kind: 'register', id: intake.supplierId, name: supplierName }
        : null,
    );
    this.supplierText.set(supplierName ?? values.supplierName);
    this.supplierOptions.set([]);
    this.eventId.set(intake.eventId);
    this.budgetLineId.set(intake.budgetLineId);
    this.purchaseOrderNumber.set('');
    this.fxRate.set({ ...noRate, date: values.issueDate });
    this.comment.set('');
    this.attempted.set(false);
    this.touched.set(new Set());
    this.refusal.set(null);
    this.outcome.set(null);
    if (this.supplier() === null && this.supplierText().trim() !== '') {
      void this.searchSuppliers(this.supplierText());
    }
  }

  private async searchSuppliers(text: string): Promise<void> {
    const search = ++this.supplierSearch;
    try {
      const result = await this.api.request(reviewSuppliersQuery, { search: text.trim() || null });
      if (search === this.supplierSearch) this.supplierOptions.set(result.suppliers.items);
    } catch {
      // The picker still offers to create the supplier; the register answers the next keystroke.
      if (search === this.supplierSearch) this.supplierOptions.set([]);
    }
  }

  private async loadEvents(): Promise<void> {
    try {
      this.events.set((await this.api.request(reviewEventsQuery)).events.items);
    } catch (error) {
      this.budgetLinesNote.set(`The events could not be loaded: ${problemFromHttpError(error).message}`);
    }
  }

  private async loadBudgetLines(eventId: string | null): Promise<void> {
    const request = ++this.linesRequest;
    this.budgetLines.set([]);
    this.budgetLinesNote.set(null);
    if (eventId === null) return;
    try {
      const result = await this.api.request(reviewBudgetLinesQuery, { eventId });
      if (request !== this.linesRequest) return;
      const lines = result.budget.currentVersion?.lines ?? [];
      this.budgetLines.set(lines);
      if (lines.length === 0) this.budgetLinesNote.set('This event’s budget has no lines yet.');
    } catch (error) {
      if (request !== this.linesRequest) return;
      const problem = problemFromHttpError(error);
      this.budgetLinesNote.set(
        problem.code === 'NOT_FOUND' ? 'This event has no budget yet.' : problem.message,
      );
    }
  }
}

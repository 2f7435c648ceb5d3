import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';

import { FakeKeycloak, provideTestAuth } from '../../../../testing/fake-keycloak';
import { nextGraphqlRequest, settle } from '../../../../testing/http-testing';
import { reviewBudgetLines, reviewEvents, reviewTaskDetail } from '../../../../testing/task-fixtures';
import type { TaskDetailQuery } from '../../../core/api/generated/graphql';
import { InvoiceReviewForm, type ReviewOutcome } from './invoice-review-form';

describe('InvoiceReviewForm', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<InvoiceReviewForm>;
  let outcomes: ReviewOutcome[];

  async function render(detail: TaskDetailQuery['task'] = reviewTaskDetail()): Promise<void> {
    fixture = TestBed.createComponent(InvoiceReviewForm);
    fixture.componentRef.setInput('detail', detail);
    outcomes = [];
    fixture.componentInstance.completed.subscribe((outcome) => outcomes.push(outcome));
    await settle(fixture);
    (await nextGraphqlRequest(backend, 'query ReviewEvents')).flush({ data: reviewEvents });
    if (detail.assessment?.eventId ?? detail.task.eventId) {
      (await nextGraphqlRequest(backend, 'query ReviewBudgetLines')).flush({ data: reviewBudgetLines });
    }
    await settle(fixture);
  }

  function root(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }

  function fieldInput(key: string): HTMLInputElement {
    const input = root().querySelector<HTMLInputElement>(`[data-testid="review-field-${key}"]`);
    if (!input) throw new Error(`no input for ${key}`);
    return input;
  }

  async function type(input: HTMLInputElement, value: string): Promise<void> {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await settle(fixture);
  }

  async function chooseOption(testId: string, text: string): Promise<void> {
    root().querySelector<HTMLElement>(`[data-testid="${testId}"] .mat-mdc-select-trigger`)?.click();
    await settle(fixture);
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find((candidate) =>
      candidate.textContent?.includes(text),
    );
    if (!option) throw new Error(`no option ${text}`);
    option.click();
    await settle(fixture);
  }

  async function accept(): Promise<void> {
    root().querySelector<HTMLButtonElement>('[data-testid="accept-review"]')?.click();
    await settle(fixture);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        ...provideTestAuth(new FakeKeycloak({ username: 'finance@kalahari.demo', roles: ['finance'] })),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideNoopAnimations(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('says why the invoice is in review and shows each field with what was read, flagging low confidence', async () => {
    await render();
    const reasons = Array.from(root().querySelectorAll('[data-testid="review-reason"]'), (li) => ({
      text: li.textContent?.replace(/\s+/g, ' ').trim(),
      blocking: li.classList.contains('blocking'),
    }));
    expect(reasons).toEqual([
      {
        text: expect.stringContaining('already has invoice KSR-0042') as string,
        blocking: true,
      },
      { text: expect.stringContaining('low-confidence') as string, blocking: false },
    ]);
    expect(reasons[0]?.text).toContain('blocks the invoice until put right');
    expect(fieldInput('invoiceNumber').value).toBe('KSR-0042');
    expect(fieldInput('net').value).toBe('2000.00');
    expect(root().querySelector('#read-vat')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Read: 300.00 · 41 %',
    );
    expect(root().querySelector('[data-testid="low-confidence-vat"]')).not.toBeNull();
    expect(root().querySelectorAll('[data-testid^="low-confidence-"]')).toHaveLength(1);
    expect(root().querySelector('[data-testid="review-supplier-hint"]')?.textContent).toContain(
      'From the register, matched by its VAT number.',
    );
    // No exchange rate is asked for a rand invoice of a rand organisation.
    expect(root().querySelector('[data-testid="review-fx-rate"]')).toBeNull();
    expect(fieldInput('vat').getAttribute('aria-describedby')).toContain('read-vat');
  });

  it('says that an unchanged duplicate number cannot be accepted away, until the number is corrected', async () => {
    await render();
    const note = () => root().querySelector('[data-testid="review-duplicate-note"]')?.textContent ?? null;
    expect(note()).toContain('KSR-0042 is still the number of an earlier invoice');
    await type(fieldInput('invoiceNumber'), 'ksr 0042');
    expect(note()).toContain('is still the number of an earlier invoice');
    await type(fieldInput('invoiceNumber'), 'KSR-0042-B');
    expect(note()).toBeNull();
  });

  it('refuses amounts that are not exact decimals and totals that do not add up, without calling the API', async () => {
    await render();
    await type(fieldInput('net'), '2 000,00');
    expect(root().querySelector('[data-testid="review-error-net"]')?.textContent).toContain('exact amount');
    await type(fieldInput('net'), '2000.01');
    await type(fieldInput('issueDate'), '28/11/2026');
    await accept();
    expect(root().querySelector('[data-testid="review-error-gross"]')?.textContent).toContain(
      'Net + VAT is 2300.01, not 2300.00',
    );
    expect(root().querySelector('[data-testid="review-error-issueDate"]')?.textContent).toContain(
      'YYYY-MM-DD',
    );
    // And the budget line intake could not find is still to be chosen.
    expect(root().querySelector('[data-testid="review-problems"]')?.textContent).toContain('3 fields');
    expect(backend.match(() => true)).toEqual([]);
    expect(outcomes).toEqual([]);
  });

  it('sends the corrections and choices, only what changed, and reports the intake status', async () => {
    await render();
    await type(fieldInput('invoiceNumber'), ' KSR-0042-B ');
    await type(fieldInput('dueDate'), '2027-01-15');
    await chooseOption('review-budget-line', 'PRD-020');
    const comment = root().querySelector<HTMLTextAreaElement>('[data-testid="review-comment"]')!;
    comment.value = 'Second invoice of the month; the supplier confirmed the -B';
    comment.dispatchEvent(new Event('input'));
    await accept();
    const request = await nextGraphqlRequest(backend, 'mutation CompleteInvoiceReview');
    expect(request.request.body).toMatchObject({
      variables: {
        taskId: 'r1',
        input: {
          decision: 'ACCEPT',
          comment: 'Second invoice of the month; the supplier confirmed the -B',
          corrections: { invoiceNumber: 'KSR-0042-B', dueDate: '2027-01-15' },
          budgetLineId: 'l2',
        },
      },
    });
    const sent = (request.request.body as { variables: { input: Record<string, unknown> } }).variables.input;
    expect(Object.keys(sent).sort()).toEqual(['budgetLineId', 'comment', 'corrections', 'decision']);
    request.flush({ data: { completeInvoiceReview: { intakeStatus: 'checking', workflowId: 'wf' } } });
    await settle(fixture);
    expect(root().querySelector('[data-testid="decision-outcome"]')?.textContent).toContain(
      'the invoice is now checking',
    );
    expect(outcomes).toEqual(['accept-review']);
  });

  it("shows the workflow's refusal plainly, beside the field it names", async () => {
    await render();
    await chooseOption('review-budget-line', 'PRD-010');
    await accept();
    (await nextGraphqlRequest(backend, 'mutation CompleteInvoiceReview')).flush({
      data: null,
      errors: [
        {
          message: 'net must be a plain decimal, not "-2000.00".',
          extensions: { code: 'VALIDATION', details: { field: 'corrections.net' } },
        },
      ],
    });
    await settle(fixture);
    expect(
      root().querySelector('[data-testid="review-refusal"]')?.textContent?.replace(/\s+/g, ' '),
    ).toContain('Not accepted: net must be a plain decimal');
    expect(root().querySelector('[data-testid="review-error-net"]')?.textContent).toContain(
      'net must be a plain decimal',
    );
    expect(outcomes).toEqual([]);
    expect(root().querySelector<HTMLButtonElement>('[data-testid="accept-review"]')?.disabled).toBe(false);
  });

  it('asks for an exchange rate when one is missing, and a new supplier when the register has none', async () => {
    const detail = reviewTaskDetail();
    await render({
      ...detail,
      reviewReasons: [
        {
          code: 'unknown-supplier',
          message: 'No supplier in the register matches Kaapse Klank.',
          blocking: true,
        },
        {
          code: 'fx-rate-missing',
          message: 'No EUR/ZAR exchange rate for 2026-11-28: enter one.',
          blocking: true,
        },
      ],
      assessment: {
        ...detail.assessment!,
        draft: { ...detail.assessment!.draft, supplierName: 'Kaapse Klank', currency: 'EUR' },
        supplierId: null,
        supplierName: null,
        supplierMatchedBy: null,
      },
    });
    // The register is searched for the name read from the document.
    (await nextGraphqlRequest(backend, 'query ReviewSuppliers')).flush({
      data: { suppliers: { items: [] } },
    });
    await settle(fixture);
    expect(root().querySelector('[data-testid="review-fx-rate"]')?.textContent).toContain('one EUR in ZAR');
    await accept();
    expect(root().textContent).toContain('Choose the supplier from the register, or create it.');
    expect(root().textContent).toContain('A positive exact decimal');
    expect(backend.match(() => true)).toEqual([]);

    const supplier = root().querySelector<HTMLInputElement>('[data-testid="review-supplier"]')!;
    supplier.dispatchEvent(new Event('focusin'));
    supplier.value = 'Kaapse Klank (Pty) Ltd';
    supplier.dispatchEvent(new Event('input'));
    await settle(fixture);
    (await nextGraphqlRequest(backend, 'query ReviewSuppliers')).flush({
      data: { suppliers: { items: [] } },
    });
    await settle(fixture);
    document.querySelector<HTMLElement>('[data-testid="review-create-supplier"]')?.click();
    await settle(fixture);
    expect(root().querySelector('[data-testid="review-supplier-hint"]')?.textContent).toContain(
      'New supplier',
    );
    await chooseOption('review-budget-line', 'PRD-010');
    await type(root().querySelector<HTMLInputElement>('[data-testid="review-fx-rate-rate"]')!, '20.1234');
    await type(root().querySelector<HTMLInputElement>('[data-testid="review-fx-rate-source"]')!, 'SARB');
    await accept();
    const request = await nextGraphqlRequest(backend, 'mutation CompleteInvoiceReview');
    expect(request.request.body).toMatchObject({
      variables: {
        input: {
          decision: 'ACCEPT',
          newSupplier: { name: 'Kaapse Klank (Pty) Ltd', vatNumber: '4230245781' },
          budgetLineId: 'l1',
          fxRate: { rate: '20.1234', date: '2026-11-28', source: 'SARB' },
        },
      },
    });
    request.flush({ data: { completeInvoiceReview: { intakeStatus: 'checking', workflowId: 'wf' } } });
    await settle(fixture);
    expect(outcomes).toEqual(['accept-review']);
  });

  it('rejects only with a reason', async () => {
    await render();
    root().querySelector<HTMLButtonElement>('[data-testid="reject-review"]')?.click();
    await settle(fixture);
    expect(root().querySelector('[data-testid="review-refusal"]')?.textContent).toContain(
      'Say in the comment why',
    );
    expect(backend.match(() => true)).toEqual([]);
    const comment = root().querySelector<HTMLTextAreaElement>('[data-testid="review-comment"]')!;
    comment.value = 'Already paid as KSR-0042 on 1 November';
    comment.dispatchEvent(new Event('input'));
    root().querySelector<HTMLButtonElement>('[data-testid="reject-review"]')?.click();
    const request = await nextGraphqlRequest(backend, 'mutation CompleteInvoiceReview');
    expect(request.request.body).toMatchObject({
      variables: { input: { decision: 'REJECT', comment: 'Already paid as KSR-0042 on 1 November' } },
    });
    request.flush({ data: { completeInvoiceReview: { intakeStatus: 'rejected', workflowId: 'wf' } } });
    await settle(fixture);
    expect(outcomes).toEqual(['reject-review']);
  });
});

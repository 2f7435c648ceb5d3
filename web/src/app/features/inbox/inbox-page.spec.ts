import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { nextGraphqlRequest, settle } from '../../../testing/http-testing';
import { reviewBudgetLines, reviewEvents, reviewTaskDetail } from '../../../testing/task-fixtures';
import { FakeKeycloak, provideTestAuth } from '../../../testing/fake-keycloak';
import { FakeLiveUpdates, provideFakeLiveUpdates } from '../../../testing/fake-live-updates';
import { AuthService } from '../../core/auth/auth.service';
import { bearerTokenInterceptor } from '../../core/auth/bearer-token.interceptor';
import { InboxPage } from './inbox-page';

const zar = (amount: string) => ({ amount, currency: 'ZAR', minorUnits: 2 });

function task(id: string, title: string, kind = 'invoice_approval', amount = '1150.00') {
  return {
    id,
    kind,
    title,
    status: 'OPEN',
    createdAt: '2026-12-01T08:00:00.000Z',
    dueAt: null,
    completedAt: null,
    supplierName: 'Karoo Sound & Light',
    eventId: 'event-1',
    approvalLevel: 1,
    assigneeId: 'user-1',
    assignmentReason: 'assigned',
    candidateRoles: [],
    decidable: true,
    amount: zar(amount),
  };
}

function detail(id: string, kind = 'invoice_approval') {
  const field = (value: string | null, confidence = 0.98) => ({ value, confidence });
  return {
    task: {
      task: task(id, `Invoice ${id}`, kind),
      invoiceId: 'invoice-1',
      invoiceNumber: 'INV-001',
      documentPreview: {
        url: 'http://127.0.0.1:27070/eventvault-documents/doc.png?X-Amz-Signature=x',
        expiresAt: '2026-12-01T09:00:00.000Z',
      },
      thumbnail: null,
      extracted: {
        method: 'text-layer',
        warnings: ['The VAT was read with low confidence.'],
        supplierName: field('Karoo Sound & Light'),
        supplierVatNumber: field('4123456789'),
        invoiceNumber: field('INV-001'),
        issueDate: field('2026-11-28'),
        dueDate: field(null, 0),
        currency: field('ZAR'),
        net: field('1000.00'),
        vat: field('150.00', 0.4),
        gross: field('1150.00'),
      },
      budgetLine: {
        budgetLineId: 'line-1',
        code: 'PRD-010',
        description: 'Stage and sound',
        budget: zar('10000.00'),
        actual: zar('9500.00'),
        costOnLine: zar('1000.00'),
        remainingAfterInvoice: zar('-500.00'),
      },
      decisions: [],
      reviewReasons: [],
      assessment: null,
      likelyDuplicates: [],
    },
  };
}

describe('InboxPage', () => {
  let backend: HttpTestingController;
  let live: FakeLiveUpdates;
  let harness: RouterTestingHarness;
  let keycloak: FakeKeycloak;

  beforeEach(async () => {
    live = new FakeLiveUpdates();
    keycloak = new FakeKeycloak({ username: 'approver@kalahari.demo', roles: ['approver'] });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'inbox', component: InboxPage }], withComponentInputBinding()),
        ...provideTestAuth(keycloak),
        provideHttpClient(withInterceptors([bearerTokenInterceptor])),
        provideHttpClientTesting(),
        provideFakeLiveUpdates(live),
        provideNoopAnimations(),
      ],
    });
    await TestBed.inject(AuthService).init();
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  function fixture(): ComponentFixture<unknown> {
    return harness.fixture;
  }

  function root(): HTMLElement {
    return harness.routeNativeElement as HTMLElement;
  }

  async function answerInbox(
    items: ReturnType<typeof task>[],
    counts = [{ kind: 'invoice_approval', count: items.length }],
  ) {
    const request = await nextGraphqlRequest(backend, 'query InboxTasks');
    request.flush({
      data: {
        myTasks: { items, nextCursor: null, totalCount: items.length },
        taskCounts: { total: items.length, byKind: counts },
      },
    });
    await settle(fixture());
    return request;
  }

  function rowTitles(): string[] {
    return Array.from(
      root().querySelectorAll('[data-testid="task-row"] .row-title'),
      (row) => row.textContent?.trim() ?? '',
    );
  }

  it('lists open tasks, newest first, with counts per kind and exact amounts', async () => {
    await harness.navigateByUrl('/inbox');
    const request = await answerInbox(
      [
        task('t1', 'Stage hire', 'invoice_approval', '1150.00'),
        task('t2', 'Unreadable scan', 'invoice_review', '90071992547409931.07'),
      ],
      [
        { kind: 'invoice_approval', count: 1 },
        { kind: 'invoice_review', count: 1 },
      ],
    );
    expect(request.request.body).toMatchObject({
      variables: { first: 50, filter: { status: 'OPEN' }, sort: { field: 'CREATED', direction: 'DESC' } },
    });
    expect(rowTitles()).toEqual(['Stage hire', 'Unreadable scan']);
    const amounts = Array.from(root().querySelectorAll('.row-amount'), (cell) =>
      cell.textContent?.replace(/\s/g, ' ').trim(),
    );
    expect(amounts[1]).toContain('90 071 992 547 409 931,07');
    expect(root().querySelector('[data-testid="kind-all"]')?.textContent).toContain('2');
    expect(root().querySelector('[data-testid="kind-invoice_review"]')?.textContent).toContain(
      'Invoice review',
    );
  });

  it('moves through the list with the arrow keys and opens the task beside it', async () => {
    await harness.navigateByUrl('/inbox');
    await answerInbox([task('t1', 'Stage hire'), task('t2', 'Catering')]);
    const list = root().querySelector<HTMLElement>('[data-testid="task-list"]');
    list?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await settle(fixture());
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: detail('t1') });
    await settle(fixture());
    list?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await settle(fixture());
    const second = await nextGraphqlRequest(backend, 'query TaskDetail');
    expect(second.request.body).toMatchObject({ variables: { id: 't2' } });
    second.flush({ data: detail('t2') });
    await settle(fixture());
    expect(root().querySelector('[aria-selected="true"]')?.textContent).toContain('Catering');
    expect(root().querySelector('[data-testid="task-title"]')?.textContent).toContain('Invoice t2');
  });

  it("shows a foreign invoice's cost in the line's currency once its rate is known, and says when it is not yet", async () => {
    const eur = { amount: '717.97', currency: 'EUR', minorUnits: 2 };
    const foreign = (costOnLine: string) => {
      const answer = detail('t1');
      answer.task.task.amount = eur;
      answer.task.budgetLine.costOnLine = zar(costOnLine);
      return answer;
    };
    const costShown = () =>
      root().querySelector('[data-testid="cost-on-line"]')?.textContent?.replace(/\s/g, ' ');
    await harness.navigateByUrl('/inbox?task=t1');
    await answerInbox([task('t1', 'Stage hire')]);
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: foreign('13102.95') });
    await settle(fixture());
    expect(costShown()).toMatch(/R 13 102,95 ?€717,97 at its exchange rate/);

    await harness.navigateByUrl('/inbox?task=t2');
    await settle(fixture());
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: foreign('0.00') });
    await settle(fixture());
    expect(costShown()).toMatch(/€717,97 counted in ZAR at its rate when posted/);
  });

  it('names who decided, and for whom, in the decision history', async () => {
    await harness.navigateByUrl('/inbox?task=t1');
    await answerInbox([task('t1', 'Stage hire')]);
    const decided = { ...detail('t1').task, decisions: [] as unknown[] };
    decided.decisions = [
      {
        level: 1,
        decision: 'approve',
        decidedBy: 'user-9',
        decidedByName: 'Thabo Nkosi',
        onBehalfOf: 'user-1',
        onBehalfOfName: 'Lerato Mokoena',
        comment: null,
        decidedAt: '2026-12-01T09:30:00.000Z',
      },
    ];
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: { task: decided } });
    await settle(fixture());
    const history = root().querySelector('[data-testid="decision-history"]')?.textContent ?? '';
    expect(history).toMatch(/by\s+Thabo Nkosi\s+for\s+Lerato Mokoena/);
    expect(history).not.toContain('user-9');
  });

  it('shows a task recorded without a running approval as read-only: a note, no decision buttons', async () => {
    await harness.navigateByUrl('/inbox?task=t1');
    await answerInbox([task('t1', 'Stage hire')]);
    const imported = detail('t1');
    imported.task.task.decidable = false;
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: imported });
    await settle(fixture());
    expect(root().querySelector('[data-testid="task-record-only"]')?.textContent).toContain('not decided');
    expect(root().querySelector('[data-testid="approve"]')).toBeNull();
    expect(root().querySelector('[data-testid="delegate"]')).toBeNull();
  });

  it('shows the budget line with what remains after the invoice, and flags low confidence fields', async () => {
    await harness.navigateByUrl('/inbox?task=t1');
    await answerInbox([task('t1', 'Stage hire')]);
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: detail('t1') });
    await settle(fixture());
    const remaining = root()
      .querySelector('[data-testid="remaining-after-invoice"]')
      ?.textContent?.replace(/\s/g, ' ');
    expect(remaining).toContain('500,00');
    expect(root().querySelector('[data-testid="cost-on-line"]')?.textContent).toMatch(/1\s000,00/);
    expect(root().textContent).toContain('This invoice takes the line over budget.');
    const lowRows = Array.from(root().querySelectorAll('[data-testid="extracted-fields"] tr.low th'), (th) =>
      th.textContent?.trim(),
    );
    expect(lowRows).toEqual(['Due date', 'VAT']);
    expect(root().querySelector('[data-testid="document-image"]')).not.toBeNull();
  });

  it('approves through the API, takes the task off the list and reloads it', async () => {
    await harness.navigateByUrl('/inbox?task=t1');
    await answerInbox([task('t1', 'Stage hire'), task('t2', 'Catering')]);
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: detail('t1') });
    await settle(fixture());
    root().querySelector<HTMLButtonElement>('[data-testid="approve"]')?.click();
    const approval = await nextGraphqlRequest(backend, 'mutation ApproveTask');
    expect(approval.request.body).toMatchObject({ variables: { taskId: 't1', comment: null } });
    approval.flush({
      data: {
        approveTask: { decision: { decision: 'approve', level: 1 }, task: { id: 't1', status: 'DONE' } },
      },
    });
    await settle(fixture());
    expect(root().querySelector('[data-testid="decision-outcome"]')?.textContent).toContain('Approved');
    expect(rowTitles()).toEqual(['Catering']);
    await answerInbox([task('t2', 'Catering')]);
  });

  it('asks for a comment before rejecting, without calling the API', async () => {
    await harness.navigateByUrl('/inbox?task=t1');
    await answerInbox([task('t1', 'Stage hire')]);
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: detail('t1') });
    await settle(fixture());
    root().querySelector<HTMLButtonElement>('[data-testid="reject"]')?.click();
    await settle(fixture());
    expect(root().querySelector('[data-testid="action-problem"]')?.textContent).toContain('Say why');
    expect(backend.match(() => true)).toEqual([]);
  });

  it('offers the step-up sign-in when the API wants a fresh one-time code', async () => {
    await harness.navigateByUrl('/inbox?task=t1');
    await answerInbox([task('t1', 'Stage hire')]);
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: detail('t1') });
    await settle(fixture());
    root().querySelector<HTMLButtonElement>('[data-testid="approve"]')?.click();
    (await nextGraphqlRequest(backend, 'mutation ApproveTask')).flush(
      {
        data: null,
        errors: [
          {
            message: 'Approving R 250 000,00 needs a one-time code',
            extensions: { code: 'STEP_UP_REQUIRED', details: { acrValues: '2', maxAgeSeconds: 600 } },
          },
        ],
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await vi.waitFor(
      () =>
        expect(document.querySelector('ev-step-up-dialog')?.textContent).toContain('needs a one-time code'),
      { timeout: 5000 },
    );
    const verify = Array.from(document.querySelectorAll<HTMLButtonElement>('ev-step-up-dialog button')).find(
      (b) => b.textContent?.includes('Verify'),
    );
    verify?.click();
    await vi.waitFor(() => expect(keycloak.logins).toHaveLength(1), { timeout: 5000 });
    expect(keycloak.logins[0]).toMatchObject({ acrValues: '2', maxAge: 600 });
    expect(keycloak.logins[0]?.redirectUri).toContain('/inbox?task=t1');
  });

  it('reloads when the API pushes a change to one of my tasks', async () => {
    await harness.navigateByUrl('/inbox');
    await answerInbox([task('t1', 'Stage hire')]);
    live.pushes.next({
      taskChanged: { change: 'CREATED', taskId: 't9', kind: 'invoice_approval', status: 'OPEN' },
    });
    await answerInbox([task('t9', 'New invoice'), task('t1', 'Stage hire')]);
    expect(rowTitles()).toEqual(['New invoice', 'Stage hire']);
    expect(root().querySelector('[data-testid="live-status"]')?.textContent).toContain('Live');
  });

  it('works a review beside the earlier invoice it likely duplicates, and drops it from the list once accepted', async () => {
    await harness.navigateByUrl('/inbox?task=r1');
    await answerInbox(
      [task('r1', 'Review invoice KSR-0042', 'invoice_review'), task('t2', 'Catering')],
      [
        { kind: 'invoice_review', count: 1 },
        { kind: 'invoice_approval', count: 1 },
      ],
    );
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: { task: reviewTaskDetail('r1') } });
    await settle(fixture());
    (await nextGraphqlRequest(backend, 'query ReviewEvents')).flush({ data: reviewEvents });
    (await nextGraphqlRequest(backend, 'query ReviewBudgetLines')).flush({ data: reviewBudgetLines });
    await settle(fixture());
    expect(root().querySelector('[data-testid="likely-duplicates"]')?.textContent).toContain(
      'Likely duplicate of an earlier invoice',
    );
    expect(root().querySelectorAll('[data-testid="review-reason"]')).toHaveLength(2);
    // The fields are worked in the review form, not shown twice.
    expect(root().querySelector('[data-testid="extracted-fields"]')).toBeNull();

    root().querySelector<HTMLElement>('[data-testid="review-budget-line"] .mat-mdc-select-trigger')?.click();
    await settle(fixture());
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((option) => option.textContent?.includes('PRD-010'))
      ?.click();
    await settle(fixture());
    root().querySelector<HTMLButtonElement>('[data-testid="accept-review"]')?.click();
    const review = await nextGraphqlRequest(backend, 'mutation CompleteInvoiceReview');
    expect(review.request.body).toMatchObject({
      variables: { taskId: 'r1', input: { decision: 'ACCEPT', budgetLineId: 'l1' } },
    });
    review.flush({ data: { completeInvoiceReview: { intakeStatus: 'checking', workflowId: 'wf' } } });
    await settle(fixture());
    expect(root().querySelector('[data-testid="decision-outcome"]')?.textContent).toContain('now checking');
    expect(rowTitles()).toEqual(['Catering']);
    await answerInbox([task('t2', 'Catering')]);
  });

  it('delegates an approval to a colleague from the dialog, and the task leaves the list', async () => {
    await harness.navigateByUrl('/inbox?task=t1');
    await answerInbox([task('t1', 'Stage hire'), task('t2', 'Catering')]);
    (await nextGraphqlRequest(backend, 'query TaskDetail')).flush({ data: detail('t1') });
    await settle(fixture());
    root().querySelector<HTMLButtonElement>('[data-testid="delegate"]')?.click();
    (await nextGraphqlRequest(backend, 'query DelegationCandidates')).flush({
      data: {
        delegationCandidates: [
          {
            userId: 'u-director',
            displayName: 'Dineo Director',
            username: 'director@kalahari.demo',
            email: 'director@kalahari.demo',
            roles: ['approver'],
          },
        ],
      },
    });
    await vi.waitFor(() =>
      expect(document.querySelector('ev-delegate-dialog mat-list-option')).not.toBeNull(),
    );
    document.querySelector<HTMLElement>('ev-delegate-dialog mat-list-option')?.click();
    await settle(fixture());
    document.querySelector<HTMLButtonElement>('[data-testid="delegate-confirm"]')?.click();
    const delegation = await nextGraphqlRequest(backend, 'mutation DelegateTask');
    expect(delegation.request.body).toMatchObject({
      variables: { taskId: 't1', to: 'u-director', comment: null },
    });
    delegation.flush({
      data: { delegateTask: { level: 1, approverId: 'user-1', assigneeId: 'u-director' } },
    });
    await vi.waitFor(() =>
      expect(root().querySelector('[data-testid="decision-outcome"]')?.textContent).toContain(
        'Delegated to Dineo Director',
      ),
    );
    await settle(fixture());
    expect(root().querySelector('[data-testid="approve"]')).toBeNull();
    expect(rowTitles()).toEqual(['Catering']);
    await answerInbox([task('t2', 'Catering')]);
  });
});

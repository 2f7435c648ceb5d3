import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';

import { nextGraphqlRequest, settle } from '../../../testing/http-testing';
import { FakeKeycloak, provideTestAuth } from '../../../testing/fake-keycloak';
import { AuthService } from '../../core/auth/auth.service';
import { bearerTokenInterceptor } from '../../core/auth/bearer-token.interceptor';
import { EventPage } from './event-page';

const zar = (amount: string) => ({ amount, currency: 'ZAR', minorUnits: 2 });

function bvaLine(id: string, code: string, budget: string, actual: string, remaining: string) {
  return {
    budgetLineId: id,
    code,
    description: `Line ${code}`,
    categoryId: 'cat-prod',
    budget: zar(budget),
    actual: zar(actual),
    remaining: zar(remaining),
    actualOtherYears: zar('0.00'),
  };
}

const eventBudget = {
  event: {
    id: 'event-1',
    name: 'Kalahari Sun Festival 2026',
    startsOn: '2026-03-06',
    endsOn: '2026-03-08',
    venue: 'Upington',
    status: 'planning',
    seriesKey: 'kalahari-sun',
  },
  budget: {
    id: 'budget-1',
    name: 'Kalahari Sun Festival 2026',
    currency: 'ZAR',
    fiscalYear: 2026,
    currentVersion: { id: 'v1' },
    versions: [
      {
        id: 'v2',
        versionNo: 2,
        status: 'draft',
        note: 'Re-forecast',
        createdAt: '2026-11-01T08:00:00.000Z',
        approvedAt: null,
        total: zar('0.30'),
        categories: [
          {
            categoryId: 'cat-prod',
            code: 'PRD',
            name: 'Production',
            parentId: null,
            lineCount: 2,
            total: zar('0.30'),
          },
        ],
        lines: [
          { id: 'l1', code: 'PRD-010', description: 'Stage', categoryId: 'cat-prod', amount: zar('0.10') },
          { id: 'l2', code: 'PRD-020', description: 'Sound', categoryId: 'cat-prod', amount: zar('0.20') },
        ],
      },
    ],
  },
  budgetVsActual: {
    lines: [
      bvaLine('l1', 'PRD-010', '0.10', '0.20', '-0.10'),
      bvaLine('l2', 'PRD-020', '0.20', '0.10', '0.10'),
    ],
    categories: [
      {
        categoryId: 'cat-prod',
        categoryCode: 'PRD',
        categoryName: 'Production',
        parentId: null,
        budget: zar('0.30'),
        actual: zar('0.30'),
        remaining: zar('0.00'),
      },
    ],
    yearOverYear: null,
  },
};

describe('EventPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'events/:eventId', component: EventPage }], withComponentInputBinding()),
        ...provideTestAuth(new FakeKeycloak({ username: 'events@kalahari.demo', roles: ['event_manager'] })),
        provideHttpClient(withInterceptors([bearerTokenInterceptor])),
        provideHttpClientTesting(),
        provideNoopAnimations(),
      ],
    });
    await TestBed.inject(AuthService).init();
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  const root = () => harness.routeNativeElement as HTMLElement;
  const text = (selector: string) => root().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  it('shows budget vs actual per line with totals equal to the sum of the lines shown', async () => {
    await harness.navigateByUrl('/events/event-1');
    const request = await nextGraphqlRequest(backend, 'query EventBudget');
    expect(request.request.body).toMatchObject({ variables: { eventId: 'event-1' } });
    request.flush({ data: eventBudget });
    await settle(harness.fixture);
    expect(text('[data-testid="event-name"]')).toBe('Kalahari Sun Festival 2026');
    expect(text('[data-testid="total-budget"]')).toBe('R 0,30');
    expect(text('[data-testid="total-actual"]')).toBe('R 0,30');
    expect(text('[data-testid="total-remaining"]')).toBe('R 0,00');
    const rows = Array.from(root().querySelectorAll('[data-testid="budget-lines"] tbody tr'), (row) =>
      Array.from(row.querySelectorAll('td'), (cell) => cell.textContent?.replace(/\s+/g, ' ').trim()).join(
        ' | ',
      ),
    );
    expect(rows).toEqual([
      'PRD-010 | Line PRD-010 | Production | R 0,10 | R 0,20 | -R 0,10',
      'PRD-020 | Line PRD-020 | Production | R 0,20 | R 0,10 | R 0,10',
    ]);
  });

  it('saves a draft line with its exact amount and reloads the budget', async () => {
    await harness.navigateByUrl('/events/event-1');
    (await nextGraphqlRequest(backend, 'query EventBudget')).flush({ data: eventBudget });
    await settle(harness.fixture);
    const versionsTab = Array.from(root().querySelectorAll<HTMLElement>('[role="tab"]')).find((tab) =>
      tab.textContent?.includes('Budget versions'),
    );
    versionsTab?.click();
    await settle(harness.fixture);
    const amount = root().querySelector<HTMLInputElement>('input[aria-label="Amount of PRD-010"]');
    expect(amount?.value).toBe('0.10');
    if (amount) amount.value = '125000.10';
    const save = root().querySelector<HTMLButtonElement>('[data-testid="draft-lines"] tbody tr button');
    save?.click();
    const update = await nextGraphqlRequest(backend, 'mutation UpdateDraftBudgetLine');
    expect(update.request.body).toMatchObject({
      variables: { input: { lineId: 'l1', description: 'Stage', amount: '125000.10' } },
    });
    update.flush({
      data: { updateDraftBudgetLine: { id: 'l1', description: 'Stage', amount: zar('125000.10') } },
    });
    (await nextGraphqlRequest(backend, 'query EventBudget')).flush({ data: eventBudget });
    await settle(harness.fixture);
  });
});

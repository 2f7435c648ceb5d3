import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { nextGraphqlRequest, settle } from '../../../testing/http-testing';
import { FakeKeycloak, provideTestAuth } from '../../../testing/fake-keycloak';
import { AuthService } from '../../core/auth/auth.service';
import { bearerTokenInterceptor } from '../../core/auth/bearer-token.interceptor';
import { WorkflowPage } from './workflow-page';

const execution = {
  workflowId: 'invoice-intake-doc-1',
  runId: 'run-1',
  type: 'invoiceIntakeWorkflow',
  status: 'RUNNING',
  taskQueue: 'eventvault',
  startedAt: '2026-12-04T08:00:00.000Z',
  closedAt: null,
  temporalUiUrl: 'http://127.0.0.1:28233/namespaces/default/workflows/invoice-intake-doc-1/run-1/history',
  searchAttributes: {
    invoiceStatus: 'pending_approval',
    supplierId: null,
    eventId: null,
    invoiceAmount: null,
  },
};

const history = [
  { eventId: '1', eventType: 'WorkflowExecutionStarted', time: '2026-12-04T08:00:00.000Z', details: '{}' },
  { eventId: '2', eventType: 'WorkflowTaskScheduled', time: '2026-12-04T08:00:00.010Z', details: '{}' },
  {
    eventId: '5',
    eventType: 'ActivityTaskScheduled',
    time: '2026-12-04T08:00:01.000Z',
    details: JSON.stringify({ activityType: { name: 'extractInvoiceFields' }, input: '[redacted]' }),
  },
];

describe('WorkflowPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [{ path: 'admin/workflows/:workflowId', component: WorkflowPage }],
          withComponentInputBinding(),
        ),
        ...provideTestAuth(new FakeKeycloak({ username: 'admin@kalahari.demo', roles: ['admin'] })),
        provideHttpClient(withInterceptors([bearerTokenInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    await TestBed.inject(AuthService).init();
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  const root = () => harness.routeNativeElement as HTMLElement;
  const button = (label: string) =>
    Array.from(root().querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes(label),
    );

  it('reads the run as a timeline without workflow-task bookkeeping, with its Temporal UI link', async () => {
    await harness.navigateByUrl('/admin/workflows/invoice-intake-doc-1?runId=run-1');
    const request = await nextGraphqlRequest(backend, 'query AdminWorkflow');
    expect(request.request.body).toMatchObject({
      variables: { workflowId: 'invoice-intake-doc-1', runId: 'run-1' },
    });
    request.flush({ data: { workflow: { execution, history } } });
    await settle(harness.fixture);
    const entries = Array.from(
      root().querySelectorAll('[data-testid="workflow-timeline"] li strong'),
      (s) => s.textContent,
    );
    expect(entries).toEqual(['Started', 'Step scheduled']);
    expect(root().textContent).toContain('extractInvoiceFields');
    expect(root().querySelector<HTMLAnchorElement>('[data-testid="temporal-ui-link"]')?.href).toBe(
      execution.temporalUiUrl,
    );
  });

  it('terminates only with a reason, then shows the run again', async () => {
    await harness.navigateByUrl('/admin/workflows/invoice-intake-doc-1?runId=run-1');
    (await nextGraphqlRequest(backend, 'query AdminWorkflow')).flush({
      data: { workflow: { execution, history } },
    });
    await settle(harness.fixture);
    button('Terminate')?.click();
    await settle(harness.fixture);
    expect(root().textContent).toContain('Give a reason');
    expect(backend.match(() => true)).toEqual([]);

    const reason = root().querySelector<HTMLInputElement>('input[name="reason"]');
    if (reason) {
      reason.value = 'Supplier sent this twice by e-mail';
      reason.dispatchEvent(new Event('input'));
    }
    await settle(harness.fixture);
    button('Terminate')?.click();
    const terminate = await nextGraphqlRequest(backend, 'mutation TerminateWorkflow');
    expect(terminate.request.body).toMatchObject({
      variables: {
        workflowId: 'invoice-intake-doc-1',
        runId: 'run-1',
        reason: 'Supplier sent this twice by e-mail',
      },
    });
    terminate.flush({ data: { terminateWorkflow: { ...execution, status: 'TERMINATED' } } });
    (await nextGraphqlRequest(backend, 'query AdminWorkflow')).flush({
      data: { workflow: { execution: { ...execution, status: 'TERMINATED' }, history } },
    });
    await settle(harness.fixture);
    expect(button('Terminate')?.disabled).toBe(true);
  });
});

import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { nextGraphqlRequest, nextRequest, settle } from '../../../testing/http-testing';
import { FakeKeycloak, provideTestAuth } from '../../../testing/fake-keycloak';
import { AuthService } from '../../core/auth/auth.service';
import { bearerTokenInterceptor } from '../../core/auth/bearer-token.interceptor';
import { SupplierPortalPage } from './supplier-portal-page';

const api = 'http://127.0.0.1:23000';
const zar = (amount: string) => ({ amount, currency: 'ZAR', minorUnits: 2 });

const overview = {
  mySupplierProfile: {
    id: 's1',
    name: 'Karoo Sound & Light',
    vatNumber: '4123456789',
    registrationNumber: null,
    email: 'accounts@karoosound.example',
    bankDetails: { bankName: 'FNB', accountEnding: '4321', changedAt: null },
  },
  portalEvents: [
    { id: 'e1', name: 'Kalahari Sun Festival 2026', startsOn: '2026-03-06', endsOn: '2026-03-08' },
  ],
  mySubmissions: {
    totalCount: 1,
    items: [
      {
        id: 'i1',
        number: 'KSL-0042',
        invoiceDate: '2026-11-28',
        dueDate: null,
        status: 'rejected',
        receivedAt: '2026-11-28T10:00:00.000Z',
        eventId: 'e1',
        gross: zar('11500.00'),
        statusHistory: [
          { status: 'received', at: '2026-11-28T10:00:00.000Z', reason: null },
          {
            status: 'rejected',
            at: '2026-11-29T10:00:00.000Z',
            reason: 'The PO number does not match our order.',
          },
        ],
      },
    ],
  },
  myQuotes: { items: [] },
  myPayments: { items: [] },
  myBankDetailsChanges: { items: [] },
};

describe('SupplierPortalPage', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'portal', component: SupplierPortalPage }]),
        ...provideTestAuth(new FakeKeycloak({ username: 'supplier@kalahari.demo', roles: ['supplier'] })),
        provideHttpClient(withInterceptors([bearerTokenInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    await TestBed.inject(AuthService).init();
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => backend.verify());

  const overviewRequest = () => nextGraphqlRequest(backend, 'query PortalOverview');
  const root = () => harness.routeNativeElement as HTMLElement;

  it('shows each invoice on its way to payment, with the reason it was stopped', async () => {
    await harness.navigateByUrl('/portal');
    (await overviewRequest()).flush({ data: overview });
    await settle(harness.fixture);
    expect(root().querySelector('[data-testid="supplier-name"]')?.textContent).toContain(
      'Karoo Sound & Light',
    );
    const steps = Array.from(root().querySelectorAll('.steps li'), (li) => li.textContent?.trim());
    expect(steps).toEqual(['Received', 'Reading', 'Rejected', 'Approved', 'Paid']);
    expect(root().querySelector('.reason')?.textContent).toContain('The PO number does not match our order.');
  });

  it('sends a dropped invoice for the chosen event and follows it until it is read', async () => {
    await harness.navigateByUrl('/portal');
    (await overviewRequest()).flush({ data: overview });
    await settle(harness.fixture);
    const file = new File(['%PDF-1.7 test'], 'KSL-0043.pdf', { type: 'application/pdf' });
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    root().querySelector('[data-testid="drop-zone"]')?.dispatchEvent(drop);
    const upload = await nextRequest(
      backend,
      (r) => r.url === `${api}/invoices/uploads` && r.method === 'POST',
    );
    const body = upload.request.body as FormData;
    expect(body.get('eventId')).toBe('e1');
    expect((body.get('file') as File).name).toBe('KSL-0043.pdf');
    upload.flush({ workflowId: 'invoice-intake-abc', duplicate: false });
    await settle(harness.fixture);
    const status = await nextRequest(backend, (r) => r.url === `${api}/invoices/uploads/invoice-intake-abc`);
    status.flush({
      workflowId: 'invoice-intake-abc',
      execution: { status: 'RUNNING' },
      state: { status: 'pending-approval' },
    });
    await settle(harness.fixture);
    expect(root().querySelector('[data-testid="uploads"]')?.textContent).toContain('In approval');
    (await overviewRequest()).flush({ data: overview });
    await settle(harness.fixture);
  });
});

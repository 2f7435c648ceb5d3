import { HttpEventType, provideHttpClient, withInterceptors } from '@angular/common/http';
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
        intakeWorkflowId: null,
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

  function dropOn(selector: string, file: File): void {
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    root().querySelector(selector)?.dispatchEvent(drop);
  }

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
    dropOn('[data-testid="drop-zone"]', file);
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

  describe('a submission sent back for changes', () => {
    const workflowId = 'invoice-intake-org-abc';
    const comment = 'The Dune tent PA was booked for 2 days, as quoted: please correct line 1.';
    const sentBack = {
      ...overview,
      mySubmissions: {
        totalCount: 1,
        items: [
          {
            ...overview.mySubmissions.items[0],
            id: 'i2',
            number: 'SW-2026-102',
            status: 'received',
            intakeWorkflowId: workflowId,
            statusHistory: [
              { status: 'pending_approval', at: '2026-11-28T10:00:00.000Z', reason: null },
              { status: 'received', at: '2026-11-29T10:00:00.000Z', reason: comment },
            ],
          },
        ],
      },
    };
    const statusRequest = () =>
      nextRequest(backend, (r) => r.method === 'GET' && r.url === `${api}/invoices/uploads/${workflowId}`);
    const versionsRequest = () =>
      nextRequest(
        backend,
        (r) => r.method === 'POST' && r.url === `${api}/invoices/uploads/${workflowId}/versions`,
      );
    const intake = (status: string, extra: Record<string, unknown> = {}) => ({
      workflowId,
      execution: { status: 'RUNNING' },
      state: { status, ...extra },
    });

    async function showSentBack(): Promise<void> {
      await harness.navigateByUrl('/portal');
      (await overviewRequest()).flush({ data: sentBack });
      // The invoice is "received" again: the portal asks its intake whether it waits for a corrected version.
      (await statusRequest()).flush(
        intake('changes-requested', { approvalOutcome: { result: 'changes-requested', comment } }),
      );
      await settle(harness.fixture);
    }

    function choose(file: File): void {
      const input = root().querySelector<HTMLInputElement>('[data-testid="corrected-file-input"]');
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input?.dispatchEvent(new Event('change'));
    }

    const progressText = () =>
      root().querySelector('[data-testid="corrected-progress"]')?.textContent?.replace(/\s+/g, ' ').trim();

    it("shows the approver's comment and sends the corrected version with progress, then follows it until it is routed", async () => {
      await showSentBack();
      const steps = Array.from(root().querySelectorAll('.steps li'), (li) => li.textContent?.trim());
      expect(steps).toEqual(['Received', 'Reading', 'Changes requested', 'Approved', 'Paid']);
      expect(root().querySelector('[data-testid="changes-requested"]')?.textContent).toContain(comment);
      const action = root().querySelector('[data-testid="corrected-version"] button');
      expect(action?.textContent).toContain('Send corrected version');

      choose(new File(['%PDF-1.7 corrected'], 'SW-2026-102-v2.pdf', { type: 'application/pdf' }));
      const upload = await versionsRequest();
      const body = upload.request.body as FormData;
      expect([...body.keys()]).toEqual(['file']);
      expect((body.get('file') as File).name).toBe('SW-2026-102-v2.pdf');
      upload.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 100 });
      await settle(harness.fixture);
      expect(progressText()).toContain('Sending… 40 %');
      expect(
        root()
          .querySelector('[data-testid="corrected-progress"] mat-progress-bar')
          ?.getAttribute('aria-valuenow'),
      ).toBe('40');

      upload.flush(
        {
          workflowId,
          document: { sha256: 'b'.repeat(64), sizeBytes: 18, contentType: 'application/pdf' },
          status: 'received',
        },
        { status: 202, statusText: 'Accepted' },
      );
      await settle(harness.fixture);
      (await statusRequest()).flush(intake('extracting'));
      await settle(harness.fixture);
      expect(progressText()).toContain('Corrected version received · Reading');

      // Asked again a few seconds later: read, checked and in approval, so the submissions are reloaded.
      (await statusRequest()).flush(intake('pending-approval'));
      await settle(harness.fixture);
      const reloaded = {
        ...sentBack,
        mySubmissions: {
          totalCount: 1,
          items: [{ ...sentBack.mySubmissions.items[0], status: 'pending_approval' }],
        },
      };
      (await overviewRequest()).flush({ data: reloaded });
      await settle(harness.fixture);
      expect(root().querySelector('[data-testid="changes-requested"]')).toBeNull();
      const after = Array.from(root().querySelectorAll('.steps li'), (li) => li.textContent?.trim());
      expect(after).toEqual(['Received', 'Reading', 'In approval', 'Approved', 'Paid']);
    }, 15_000);

    it('says why a corrected version was refused (the same file as before)', async () => {
      await showSentBack();
      dropOn(
        '[data-testid="corrected-version"]',
        new File(['%PDF-1.7 same'], 'SW-2026-102.pdf', { type: 'application/pdf' }),
      );
      (await versionsRequest()).flush(
        {
          error: {
            code: 'VALIDATION',
            message: 'This is the same file as before: send the corrected document.',
          },
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
      await settle(harness.fixture);
      expect(progressText()).toContain('Not sent');
      expect(
        root().querySelector('[data-testid="corrected-progress"] [role="alert"]')?.textContent,
      ).toContain('This is the same file as before: send the corrected document.');
      // Still waiting: the action stays for the right file.
      expect(root().querySelector('[data-testid="corrected-version"] button')?.hasAttribute('disabled')).toBe(
        false,
      );
    });

    it('treats a received invoice whose intake no longer waits as received, with no action', async () => {
      await harness.navigateByUrl('/portal');
      (await overviewRequest()).flush({ data: sentBack });
      (await statusRequest()).flush(intake('extracting'));
      await settle(harness.fixture);
      expect(root().querySelector('[data-testid="corrected-version"]')).toBeNull();
      const steps = Array.from(root().querySelectorAll('.steps li'), (li) => li.textContent?.trim());
      expect(steps[0]).toBe('Received');
    });
  });
});

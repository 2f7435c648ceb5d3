import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  type TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { FakeKeycloak, provideTestAuth } from '../../../testing/fake-keycloak';
import { AuthService } from '../../core/auth/auth.service';
import { bearerTokenInterceptor } from '../../core/auth/bearer-token.interceptor';
import { SystemHealthPage } from './system-health-page';

const healthUrl = 'http://127.0.0.1:23000/health';

const allUp = {
  status: 'ok',
  checks: [
    { name: 'database', status: 'up', latencyMs: 3 },
    { name: 'temporal', status: 'up', latencyMs: 12 },
    { name: 's3', status: 'up', latencyMs: 5 },
    { name: 'keycloak', status: 'up', latencyMs: 21 },
  ],
};

describe('SystemHealthPage', () => {
  let fixture: ComponentFixture<SystemHealthPage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SystemHealthPage],
      providers: [
        provideRouter([]),
        ...provideTestAuth(new FakeKeycloak()),
        provideHttpClient(withInterceptors([bearerTokenInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    await TestBed.inject(AuthService).init();
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SystemHealthPage);
  });

  afterEach(() => backend.verify());

  async function healthRequest(): Promise<TestRequest> {
    let request: TestRequest | undefined;
    await vi.waitFor(() => {
      // match() takes the request off the queue, so keep the first one found.
      request ??= backend.match(healthUrl)[0];
      expect(request).toBeDefined();
    });
    if (request === undefined) throw new Error('no health request');
    return request;
  }

  function root(): HTMLElement {
    return fixture.nativeElement as HTMLElement;
  }

  function rows(): { name: string; status: string; latency: string }[] {
    return Array.from(root().querySelectorAll('[data-testid="health-checks"] tbody tr'), (row) => ({
      name: row.querySelector('.check-name')?.textContent?.trim() ?? '',
      status: row.querySelector('.status')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      latency: row.querySelector('td.numeric')?.textContent?.trim() ?? '',
    }));
  }

  async function answer(body: object, status = 200, statusText = 'OK'): Promise<void> {
    (await healthRequest()).flush(body, { status, statusText });
    await fixture.whenStable();
  }

  it('asks the API with the bearer token and lists every dependency', async () => {
    await fixture.whenStable();
    const request = await healthRequest();
    expect(request.request.headers.get('Authorization')).toBe('Bearer access-token-1');
    request.flush(allUp);
    await fixture.whenStable();

    expect(root().querySelector('[data-testid="health-summary"]')?.textContent).toContain(
      'All services are up',
    );
    expect(rows()).toEqual([
      { name: 'database', status: 'check_circle Up', latency: '3 ms' },
      { name: 'temporal', status: 'check_circle Up', latency: '12 ms' },
      { name: 's3', status: 'check_circle Up', latency: '5 ms' },
      { name: 'keycloak', status: 'check_circle Up', latency: '21 ms' },
    ]);
  });

  it('shows which dependency is down when the API answers 503', async () => {
    await answer(
      {
        status: 'error',
        checks: [
          { name: 'database', status: 'up', latencyMs: 4 },
          { name: 's3', status: 'down', latencyMs: 2001, error: 'connect ECONNREFUSED 127.0.0.1:7070' },
        ],
      },
      503,
      'Service Unavailable',
    );

    expect(root().querySelector('[data-testid="health-summary"]')?.textContent).toContain(
      'Some services are down',
    );
    expect(rows()[1]).toEqual({ name: 's3', status: 'cancel Down', latency: '2001 ms' });
    expect(root().textContent).toContain('ECONNREFUSED');
    expect(root().textContent).toContain('HTTP 503');
  });

  it('says so when the API cannot be reached', async () => {
    (await healthRequest()).error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();

    expect(root().querySelector('[data-testid="health-error"]')?.textContent).toContain(
      'The API at http://127.0.0.1:23000 could not be reached.',
    );
    expect(root().querySelector('[role="alert"]')).not.toBeNull();
  });

  it('checks again on request', async () => {
    await answer(allUp);
    const button = root().querySelector<HTMLButtonElement>('.page-header button');
    expect(button?.textContent).toContain('Check again');
    button?.click();
    await answer({ status: 'error', checks: [{ name: 'database', status: 'down', latencyMs: null }] }, 503);

    expect(rows()).toEqual([{ name: 'database', status: 'cancel Down', latency: '—' }]);
  });
});

import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { FakeKeycloak, provideTestAuth } from '../../../testing/fake-keycloak';
import { AuthService } from './auth.service';
import { bearerTokenInterceptor, isApiUrl } from './bearer-token.interceptor';

describe('isApiUrl', () => {
  const base = 'http://127.0.0.1:4200/';

  it.each([
    ['http://127.0.0.1:3000/health', 'http://127.0.0.1:3000', true],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000', true],
    ['https://app.example.test/api/graphql', 'https://app.example.test/api', true],
    ['/api/graphql', 'http://127.0.0.1:4200/api', true],
    ['https://app.example.test/apix/graphql', 'https://app.example.test/api', false],
    ['http://127.0.0.1:30001/health', 'http://127.0.0.1:3000', false],
    ['http://127.0.0.1:3000.evil.test/health', 'http://127.0.0.1:3000', false],
    ['http://127.0.0.1:8080/realms/eventvault', 'http://127.0.0.1:3000', false],
    ['/config.json', 'http://127.0.0.1:3000', false],
  ])('%s against %s: %s', (url, apiUrl, expected) => {
    expect(isApiUrl(url, apiUrl, base)).toBe(expected);
  });
});

describe('bearerTokenInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(async () => {
    const keycloak = new FakeKeycloak();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        ...provideTestAuth(keycloak),
        provideHttpClient(withInterceptors([bearerTokenInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    await TestBed.inject(AuthService).init();
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('attaches the access token to API requests', async () => {
    const response = firstValueFrom(http.get('http://127.0.0.1:23000/health'));
    // The token is awaited first, so the request reaches the backend a tick later.
    const request = await vi.waitFor(() => backend.expectOne('http://127.0.0.1:23000/health'));
    expect(request.request.headers.get('Authorization')).toBe('Bearer access-token-1');
    request.flush({ status: 'ok', checks: [] });
    await response;
  });

  it('sends nothing to other hosts', async () => {
    const response = firstValueFrom(http.get('http://127.0.0.1:28080/realms/eventvault/account'));
    const request = backend.expectOne('http://127.0.0.1:28080/realms/eventvault/account');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
    await response;
  });
});

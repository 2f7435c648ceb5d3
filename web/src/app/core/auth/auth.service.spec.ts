import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { FakeKeycloak, MemoryStorage, provideTestAuth } from '../../../testing/fake-keycloak';
import { OfflineInbox } from '../offline/offline-inbox';
import { AuthService, KEYCLOAK_INIT_TIMEOUT_MS, NotSignedInError } from './auth.service';
import { SignInRedirects } from './sign-in-redirects';

@Component({ template: '' })
class Blank {}

function setUp(keycloak: FakeKeycloak, storage = new MemoryStorage()): AuthService {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([
        { path: 'sign-in', component: Blank },
        { path: 'home', component: Blank },
      ]),
      ...provideTestAuth(keycloak, storage),
    ],
  });
  return TestBed.inject(AuthService);
}

describe('AuthService', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts with check-sso and PKCE S256, and exposes the signed-in user', async () => {
    const keycloak = new FakeKeycloak({ name: 'Fiona Finance', org: 'kalahari-live', roles: ['finance'] });
    const auth = setUp(keycloak);
    await auth.init();

    expect(keycloak.initOptions).toMatchObject({
      onLoad: 'check-sso',
      pkceMethod: 'S256',
      checkLoginIframe: false,
      silentCheckSsoFallback: false,
    });
    expect(keycloak.initOptions?.messageReceiveTimeout).toBeLessThan(KEYCLOAK_INIT_TIMEOUT_MS);
    expect(keycloak.initOptions?.silentCheckSsoRedirectUri).toBe(`${location.origin}/silent-check-sso.html`);
    expect(auth.status()).toBe('authenticated');
    expect(auth.user()).toMatchObject({
      displayName: 'Fiona Finance',
      organisation: 'kalahari-live',
      roles: ['finance'],
    });
  });

  it('keeps the offline inbox only for its owner, and forgets it on sign-out', async () => {
    const keycloak = new FakeKeycloak({ username: 'anna.approver' });
    const auth = setUp(keycloak);
    const offline = TestBed.inject(OfflineInbox);
    offline.save({ id: 'subject-someone-else', name: 'Someone Else' }, [], 0);
    await auth.init();
    expect(offline.load()).toBeNull();

    offline.save({ id: 'subject-anna.approver', name: 'Anna' }, [], 0);
    await auth.signOut();
    expect(keycloak.logouts).toHaveLength(1);
    expect(offline.load()).toBeNull();
  });

  it('does not wait for Keycloak when the device is offline', async () => {
    const keycloak = new FakeKeycloak();
    keycloak.initResult = 'never';
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      const auth = setUp(keycloak);
      await auth.init();
      expect(auth.status()).toBe('unavailable');
      expect(auth.problem()).toBe('This device is offline.');
    } finally {
      onLine.mockRestore();
    }
  });

  it('reports an unreachable Keycloak instead of redirecting', async () => {
    const keycloak = new FakeKeycloak();
    keycloak.initResult = new Error('Timeout when waiting for 3rd party check iframe message.');
    const auth = setUp(keycloak);
    await auth.init();

    expect(auth.status()).toBe('unavailable');
    expect(auth.problem()).toContain('Timeout');
    expect(keycloak.logins).toHaveLength(0);
  });

  it('gives up on a Keycloak that never answers after the time box, without redirecting', async () => {
    const keycloak = new FakeKeycloak();
    keycloak.initResult = 'never';
    const auth = setUp(keycloak);
    let settled = false;
    const started = auth.init().then(() => (settled = true));

    await vi.advanceTimersByTimeAsync(KEYCLOAK_INIT_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    expect(auth.status()).toBe('starting');

    await vi.advanceTimersByTimeAsync(1);
    await started;
    expect(auth.status()).toBe('unavailable');
    expect(auth.problem()).toBe(
      `Keycloak (http://127.0.0.1:28080) did not answer within ${KEYCLOAK_INIT_TIMEOUT_MS / 1000} seconds. ` +
        `Either it cannot be reached, or it does not accept ${location.origin} as a redirect URI ` +
        'of the client "eventvault-web".',
    );
    expect(keycloak.logins).toHaveLength(0);
  });

  it('ignores an answer that comes after the time box', async () => {
    const keycloak = new FakeKeycloak();
    keycloak.initDelayMs = KEYCLOAK_INIT_TIMEOUT_MS + 4_000;
    const auth = setUp(keycloak);
    const started = auth.init();
    await vi.advanceTimersByTimeAsync(KEYCLOAK_INIT_TIMEOUT_MS);
    await started;
    expect(auth.status()).toBe('unavailable');

    await vi.advanceTimersByTimeAsync(600_000);
    expect(keycloak.token).toBe('access-token-1');
    expect(auth.status()).toBe('unavailable');
    expect(auth.user()).toBeNull();
    expect(keycloak.refreshRequests).toBe(0);
    expect(keycloak.logins).toHaveLength(0);
  });

  it('refreshes the token silently 30 s before it expires', async () => {
    const keycloak = new FakeKeycloak({ lifetime: 300 });
    const auth = setUp(keycloak);
    await auth.init();

    await vi.advanceTimersByTimeAsync(269_000);
    expect(keycloak.refreshRequests).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(keycloak.refreshRequests).toBe(1);
    expect(keycloak.token).toBe('access-token-2');
    expect(auth.status()).toBe('authenticated');

    // The new token gets its own timer.
    await vi.advanceTimersByTimeAsync(270_000);
    expect(keycloak.refreshRequests).toBe(2);
  });

  it('retries a failed refresh while the token is still valid, without signing the user out', async () => {
    const keycloak = new FakeKeycloak({ lifetime: 300 });
    const auth = setUp(keycloak);
    await auth.init();

    keycloak.refreshOutcome = 'network-error';
    await vi.advanceTimersByTimeAsync(271_000);
    expect(keycloak.refreshRequests).toBe(1);
    expect(auth.status()).toBe('authenticated');

    keycloak.refreshOutcome = 'succeed';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(keycloak.refreshRequests).toBe(2);
    expect(keycloak.logins).toHaveLength(0);
    expect(auth.status()).toBe('authenticated');
  });

  it('sends the user to Keycloak exactly once when the session cannot be renewed', async () => {
    const keycloak = new FakeKeycloak({ lifetime: 300 });
    const auth = setUp(keycloak);
    await auth.init();
    await TestBed.inject(Router).navigateByUrl('/home');

    keycloak.refreshOutcome = 'rejected-refresh-token';
    await vi.advanceTimersByTimeAsync(271_000);

    expect(auth.status()).toBe('expired');
    expect(auth.user()).toBeNull();
    expect(keycloak.logins).toEqual([{ redirectUri: `${location.origin}/home` }]);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(keycloak.logins).toHaveLength(1);
  });

  it('shows the sign-in page instead of a second automatic redirect within a minute (no loop)', async () => {
    const storage = new MemoryStorage();
    // The automatic redirect that brought the user back from Keycloak a moment ago.
    expect(new SignInRedirects(storage).tryAutomaticRedirect()).toBe(true);
    // A 30 s token is refreshed after 20 s: still inside that minute.
    const keycloak = new FakeKeycloak({ lifetime: 30 });
    keycloak.refreshOutcome = 'rejected-refresh-token';
    const auth = setUp(keycloak, storage);
    await auth.init();
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/home');

    await vi.advanceTimersByTimeAsync(21_000);

    expect(keycloak.refreshRequests).toBe(1);
    expect(auth.status()).toBe('expired');
    expect(keycloak.logins).toHaveLength(0);
    expect(router.url).toBe('/sign-in?returnUrl=%2Fhome');
  });

  it('hands out the current access token, and refuses when nobody is signed in', async () => {
    const keycloak = new FakeKeycloak();
    const auth = setUp(keycloak);
    await expect(auth.accessToken()).rejects.toBeInstanceOf(NotSignedInError);
    await auth.init();
    await expect(auth.accessToken()).resolves.toBe('access-token-1');
  });
});

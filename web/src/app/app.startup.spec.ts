import { ApplicationInitStatus } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { FakeKeycloak, MemoryStorage, provideTestAuth, testRuntimeConfig } from '../testing/fake-keycloak';
import { createAppConfig } from './app.config';
import { KEYCLOAK_INIT_TIMEOUT_MS } from './core/auth/auth.service';

/**
 * Starts the app with its real providers (app initializer included) and a fake Keycloak, on a fake clock.
 * Resolves with the fake-clock time, in ms, at which the app initializer let Angular go on.
 */
async function startUntilReady(keycloak: FakeKeycloak): Promise<number> {
  TestBed.configureTestingModule({
    providers: [
      ...createAppConfig(testRuntimeConfig).providers,
      ...provideTestAuth(keycloak, new MemoryStorage()),
    ],
  });
  const start = Date.now();
  let readyAt: number | undefined;
  void TestBed.inject(ApplicationInitStatus).donePromise.then(() => (readyAt = Date.now()));
  // Step through the time box; a hang shows as `readyAt` still undefined after it.
  for (let elapsed = 0; elapsed <= KEYCLOAK_INIT_TIMEOUT_MS && readyAt === undefined; elapsed += 250) {
    await vi.advanceTimersByTimeAsync(250);
  }
  expect(readyAt, 'the app was still starting after the time box').toBeDefined();
  return (readyAt ?? Number.NaN) - start;
}

/** The first navigation, as the browser's address bar would start it, once startup is done. */
async function firstPage(url: string): Promise<{ page: HTMLElement; router: Router }> {
  vi.useRealTimers();
  const harness = await RouterTestingHarness.create(url);
  return {
    page: harness.routeNativeElement ?? document.createElement('div'),
    router: TestBed.inject(Router),
  };
}

describe('starting the app when Keycloak does not cooperate', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-01T09:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends on the sign-in problem page when Keycloak never answers (time box), without redirecting', async () => {
    const keycloak = new FakeKeycloak();
    keycloak.initResult = 'never';

    const readyAfterMs = await startUntilReady(keycloak);
    expect(readyAfterMs).toBeGreaterThanOrEqual(KEYCLOAK_INIT_TIMEOUT_MS);
    expect(readyAfterMs).toBeLessThanOrEqual(KEYCLOAK_INIT_TIMEOUT_MS + 250);

    const { page, router } = await firstPage('/home');
    expect(router.url).toBe('/sign-in?returnUrl=%2Fhome');
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Sign-in is not available right now');
    expect(page.textContent).toContain('Signing in could not start.');
    expect(page.textContent).toContain(`did not answer within ${KEYCLOAK_INIT_TIMEOUT_MS / 1000} seconds`);
    expect(page.textContent).toContain(`does not accept ${location.origin} as a redirect URI`);
    expect(page.querySelector('button')?.textContent).toContain('Try again');
    expect(keycloak.logins).toHaveLength(0);
  });

  it('ends on the sign-in problem page, with Keycloak’s reason, when its start fails', async () => {
    const keycloak = new FakeKeycloak();
    // As keycloak-js does when its own 3rd-party cookie check gives up (messageReceiveTimeout).
    keycloak.initResult = new Error('Timeout when waiting for 3rd party check iframe message.');
    keycloak.initDelayMs = 5_000;

    const readyAfterMs = await startUntilReady(keycloak);
    expect(readyAfterMs).toBeLessThan(KEYCLOAK_INIT_TIMEOUT_MS);

    const { page, router } = await firstPage('/inbox');
    expect(router.url).toBe('/sign-in?returnUrl=%2Finbox');
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Sign-in is not available right now');
    expect(page.textContent).toContain('Timeout when waiting for 3rd party check iframe message.');
    expect(page.querySelector('button')?.textContent).toContain('Try again');
    expect(keycloak.logins).toHaveLength(0);
  });
});

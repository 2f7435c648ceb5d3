import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { FakeKeycloak, MemoryStorage, type TestUser, provideTestAuth } from '../testing/fake-keycloak';
import { provideFakeLiveUpdates } from '../testing/fake-live-updates';
import { provideAppRouter } from './app.config';
import { AuthService } from './core/auth/auth.service';

async function startApp(
  keycloak: FakeKeycloak,
  storage = new MemoryStorage(),
  offlineStorage = new MemoryStorage(),
): Promise<{ harness: RouterTestingHarness; router: Router }> {
  TestBed.configureTestingModule({
    providers: [
      provideAppRouter(),
      ...provideTestAuth(keycloak, storage, offlineStorage),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideFakeLiveUpdates(),
    ],
  });
  await TestBed.inject(AuthService).init();
  const harness = await RouterTestingHarness.create();
  return { harness, router: TestBed.inject(Router) };
}

function signedOut(): FakeKeycloak {
  const keycloak = new FakeKeycloak();
  keycloak.initResult = 'unauthenticated';
  return keycloak;
}

describe('routes', () => {
  it('sends a visitor who is not signed in to Keycloak, once', async () => {
    const keycloak = signedOut();
    const storage = new MemoryStorage();
    const { harness, router } = await startApp(keycloak, storage);

    await harness.navigateByUrl('/inbox');
    expect(keycloak.logins).toEqual([{ redirectUri: `${location.origin}/inbox` }]);

    // Back from Keycloak still without a session (e.g. a broken callback): no second redirect.
    await harness.navigateByUrl('/home');
    expect(keycloak.logins).toHaveLength(1);
    expect(router.url).toBe('/sign-in?returnUrl=%2Fhome');
  });

  it('opens the offline inbox when signing in cannot start and this device saved one', async () => {
    const unreachable = (): FakeKeycloak => {
      const keycloak = new FakeKeycloak();
      keycloak.initResult = new Error('Timeout when waiting for 3rd party check iframe message.');
      return keycloak;
    };
    const withoutCopy = await startApp(unreachable());
    await withoutCopy.harness.navigateByUrl('/inbox');
    expect(withoutCopy.router.url).toBe('/sign-in?returnUrl=%2Finbox');

    TestBed.resetTestingModule();
    const offlineStorage = new MemoryStorage();
    offlineStorage.setItem(
      'eventvault.offline-inbox',
      JSON.stringify({
        version: 1,
        ownerId: 'subject-anna',
        ownerName: 'Anna Approver',
        savedAt: '2026-12-01T08:00:00Z',
        totalCount: 0,
        tasks: [],
      }),
    );
    const withCopy = await startApp(unreachable(), new MemoryStorage(), offlineStorage);
    await withCopy.harness.navigateByUrl('/inbox');
    expect(withCopy.router.url).toBe('/offline');
    expect(withCopy.harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe(
      'Offline inbox',
    );
  });

  it('lands a signed-in user on Home', async () => {
    const { harness, router } = await startApp(new FakeKeycloak({ roles: ['finance'] }));
    await harness.navigateByUrl('/');
    expect(router.url).toBe('/home');
    expect(harness.routeNativeElement?.textContent).toContain('System status');
  });

  it.each<[TestUser['roles'], string, string, string]>([
    [['supplier'], '/finance-review', '/forbidden', 'This area is not part of your roles'],
    [['finance'], '/finance-review', '/inbox?kind=invoice_review', 'Inbox'],
    [['auditor'], '/finance-review', '/forbidden', 'This area is not part of your roles'],
    [['finance'], '/admin', '/forbidden', 'This area is not part of your roles'],
    [['admin'], '/admin', '/admin', 'Processes'],
  ])('guards each area by role: %j visiting %s ends on %s', async (roles, url, expectedUrl, heading) => {
    const { harness, router } = await startApp(new FakeKeycloak({ roles }));
    await harness.navigateByUrl(url);
    expect(router.url).toBe(expectedUrl);
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe(heading);
  });
});

/**
 * The installable app in a real Chromium against the whole test stack: the approver opens the inbox once online,
 * the device loses its connection, and the app still starts (from its service worker) and shows the inbox read-only.
 */
import { type CDPSession } from 'playwright-core';

import { demoLogin } from '../../scripts/stack/realm';
import { type Browser, launchBrowser, requiredEnv, screenshot, signInOnKeycloak } from './keycloak-browser';

const webUrl = requiredEnv('WEB_URL');
const webOrigin = new URL(webUrl).origin;

interface InstallabilityErrors {
  readonly installabilityErrors: readonly { readonly errorId: string }[];
}

describe('the installable app offline (Chromium, service worker, Keycloak)', () => {
  let browser: Browser;

  beforeEach(async () => {
    browser = await launchBrowser({ width: 1024, height: 768 });
  });

  afterEach(async () => {
    await browser?.close();
  });

  it('is installable, and shows the last inbox read-only when the device is offline', async () => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${webUrl}/inbox`);
    await signInOnKeycloak(
      page,
      demoLogin('approver@kalahari.demo'),
      webOrigin,
      (url) => url.pathname === '/inbox',
    );
    await page.getByTestId('task-row').first().waitFor({ timeout: 60_000 });
    const onlineTitles = (await page.locator('[data-testid="task-row"] .row-title').allTextContents()).map(
      (t) => t.trim(),
    );
    expect(onlineTitles.length).toBeGreaterThan(0);

    // The service worker registers once the app is stable, then takes control of the page.
    await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, {
      timeout: 60_000,
      polling: 500,
    });
    // Then it fetches and caches this version of the app (its debug page says when it has one).
    await page.waitForFunction(
      `fetch('/ngsw/state').then((r) => r.text()).then((state) =>
        state.includes('Driver state: NORMAL') && !/Latest manifest hash: none/.test(state))`,
      undefined,
      { timeout: 60_000, polling: 1_000 },
    );
    const cdp: CDPSession = await browser.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send(
      'Page.getInstallabilityErrors',
    )) as unknown as InstallabilityErrors;
    expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);

    await browser.context.setOffline(true);
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/offline', { timeout: 30_000 });
    await page.getByTestId('offline-task').first().waitFor({ timeout: 10_000 });
    const offlineTitles = (await page.getByTestId('offline-task-title').allTextContents()).map((t) =>
      t.trim(),
    );
    expect(offlineTitles).toEqual(onlineTitles.slice(0, offlineTitles.length));
    expect(offlineTitles.length).toBe(Math.min(onlineTitles.length, 100));
    expect(await page.locator('h1').first().textContent()).toContain('Offline inbox');
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await screenshot(page, 'offline-inbox.png');
  });
});

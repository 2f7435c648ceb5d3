/**
 * The installable app in a real Chromium against the whole test stack: the approver opens the inbox once online,
 * the device loses its connection, and the app still starts (from its service worker) and shows the inbox read-only.
 */
import { type CDPSession } from 'playwright-core';

import { waitUntil } from '../../scripts/stack/processes';
import { demoLogin } from '../../scripts/stack/realm';
import { expectNoAccessibilityViolations } from './accessibility';
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
    // Then it fetches this version of the app into its cache, one file after another; its state page says NORMAL
    // before that is done, so ask the service worker itself whether every file of the app is cached.
    const [serviceWorker] = browser.context.serviceWorkers();
    if (serviceWorker === undefined) throw new Error('The app registered no service worker');
    await waitUntil(
      'the service worker caching every file of the app',
      async () =>
        (await serviceWorker.evaluate(`(async () => {
            const manifest = await (await fetch('/ngsw.json', { cache: 'no-store' })).json();
            const urls = manifest.assetGroups.find((group) => group.name === 'app').urls;
            const name = (await caches.keys()).find((key) => key.endsWith(':assets:app:cache'));
            if (name === undefined) return urls.length;
            const cache = await caches.open(name);
            let missing = 0;
            for (const url of urls) if ((await cache.match(url)) === undefined) missing += 1;
            return missing;
          })()`)) === 0,
      { timeoutMs: 60_000 },
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
    await expectNoAccessibilityViolations(page, 'The offline inbox');
  });
});

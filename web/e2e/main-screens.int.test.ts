/**
 * The main screens in a real Chromium against the whole test stack (demo seed, API, worker, Keycloak's real login
 * page): each person signs in with their own demo login and sees real data. Screenshots of every screen land in
 * web/e2e/artifacts/ (gitignored), for reviewing what users see.
 */
import { type Page } from 'playwright-core';

import { randomUUID } from 'node:crypto';

import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';
import { demoLogin } from '../../scripts/stack/realm';
import { expectNoAccessibilityViolations } from './accessibility';
import { type Browser, launchBrowser, requiredEnv, screenshot, signInOnKeycloak } from './keycloak-browser';

const webUrl = requiredEnv('WEB_URL');
const webOrigin = new URL(webUrl).origin;

/** Opens `path` as `username`, through Keycloak's login page, and waits for the app to show it. */
async function openAs(browser: Browser, username: string, path: string): Promise<Page> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${webUrl}${path}`);
  const login = demoLogin(username);
  await signInOnKeycloak(page, login, webOrigin, (url) => url.pathname === path.split('?')[0]);
  return page;
}

const text = async (page: Page, testId: string): Promise<string> =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** R 1 234,50 → 1234.50: the exact figure the screen shows, for summing without binary floats. */
function cents(shown: string): bigint {
  const negative = shown.includes('-');
  const digits = shown.replace(/[^\d,]/g, '').replace(',', '.');
  const [whole = '0', fraction = '00'] = digits.split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}

describe('the main screens with the demo data (Chromium, Keycloak, API, worker)', () => {
  let browser: Browser;

  beforeEach(async () => {
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await browser?.close();
  });

  it('an approver works the inbox: tasks beside their document, fields and budget line', async () => {
    const page = await openAs(browser, 'approver@kalahari.demo', '/inbox');
    try {
      await page.getByTestId('task-row').first().waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('task-row').count()).toBeGreaterThan(0);
      // A task of the demo seed (its titles start "Approve …"; tasks of running approvals are titled by supplier).
      await page
        .getByTestId('task-row')
        .filter({ hasText: /^\s*Approve / })
        .first()
        .click();
      await page.getByTestId('task-detail').waitFor({ timeout: 60_000 });
      expect(await text(page, 'task-title')).not.toBe('');
      expect(await text(page, 'task-amount')).toMatch(/^R\s?[\d\s]+,\d{2}$/);
      await page.getByTestId('approve').waitFor({ timeout: 10_000 });
      await screenshot(page, 'inbox-approver.png');
      await expectNoAccessibilityViolations(page, "The approver's inbox");
      // The seed's tasks have no approval run behind them: deciding one says so instead of pretending it is gone.
      await page.getByTestId('approve').click();
      await page
        .getByTestId('action-problem')
        .filter({ hasText: 'cannot be decided here' })
        .waitFor({ timeout: 30_000 });
    } catch (error) {
      await screenshot(page, 'inbox-approver-failure.png').catch(() => undefined);
      throw error;
    }
  });

  it('finance sees events and an event’s budget vs actual, whose totals equal the sum of its lines', async () => {
    const page = await openAs(browser, 'finance@kalahari.demo', '/events');
    try {
      await page.getByTestId('event-link').first().waitFor({ timeout: 60_000 });
      await screenshot(page, 'events.png');
      await expectNoAccessibilityViolations(page, 'Events');
      await page.getByTestId('event-link').first().click();
      await page.getByTestId('budget-lines').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      const rows = await page.getByTestId('budget-lines').locator('tbody tr').all();
      expect(rows.length).toBeGreaterThan(0);
      let budget = 0n;
      let actual = 0n;
      for (const row of rows) {
        const cells = await row.locator('td.numeric').allTextContents();
        budget += cents(cells[0] ?? '');
        actual += cents(cells[1] ?? '');
      }
      expect(cents(await text(page, 'total-budget'))).toBe(budget);
      expect(cents(await text(page, 'total-actual'))).toBe(actual);
      expect(budget).toBeGreaterThan(0n);
      await page.locator('ngx-charts-bar-vertical-2d').first().waitFor({ timeout: 30_000 });
      await screenshot(page, 'event-budget-vs-actual.png');
      await expectNoAccessibilityViolations(page, "An event's budget vs actual");
    } catch (error) {
      await screenshot(page, 'events-failure.png').catch(() => undefined);
      throw error;
    }
  });

  it('a supplier sends an invoice through the portal and follows it, beside its earlier submissions', async () => {
    const page = await openAs(browser, 'supplier@kalahari.demo', '/supplier-portal');
    try {
      await page.getByTestId('supplier-name').waitFor({ timeout: 60_000 });
      expect(await text(page, 'supplier-name')).not.toBe('');
      await page.getByTestId('submissions').waitFor({ timeout: 30_000 });
      await screenshot(page, 'supplier-portal.png');
      await expectNoAccessibilityViolations(page, 'The supplier portal');

      await page.getByTestId('upload-event').click();
      await page.getByRole('option').first().click();
      const number = `SW-E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
      const pdf = await generateInvoicePdf(sampleInvoiceSpec({ number }));
      await page.getByTestId('file-input').setInputFiles({
        name: `${number}.pdf`,
        mimeType: 'application/pdf',
        buffer: Buffer.from(pdf),
      });
      const upload = page.getByTestId('uploads').locator('li').first();
      await upload.waitFor({ timeout: 30_000 });
      // Sent, then followed through the intake workflow: "Received" first, "Reading" and on as it is read.
      await upload.filter({ hasText: /Received|Reading|In approval/ }).waitFor({ timeout: 60_000 });
      expect(await upload.textContent()).toContain(`${number}.pdf`);
      await screenshot(page, 'supplier-portal-upload.png');
    } catch (error) {
      await screenshot(page, 'supplier-portal-failure.png').catch(() => undefined);
      throw error;
    }
  });

  // After the supplier's upload above, the organisation has at least that invoice's intake run.
  it('an admin lists the organisation’s processes and reads one as a timeline', async () => {
    const page = await openAs(browser, 'admin@kalahari.demo', '/admin');
    try {
      await page.getByTestId('workflow-runs').waitFor({ timeout: 60_000 });
      const firstRun = page.getByTestId('workflow-runs').locator('tbody a').first();
      await firstRun.waitFor({ timeout: 60_000 });
      await screenshot(page, 'admin-processes.png');
      await expectNoAccessibilityViolations(page, "The organisation's processes");
      await firstRun.click();
      await page.getByTestId('workflow-timeline').locator('li').first().waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('temporal-ui-link').getAttribute('href')).toContain('/workflows/');
      await screenshot(page, 'admin-process-history.png');
      await expectNoAccessibilityViolations(page, "A process's history");
    } catch (error) {
      await screenshot(page, 'admin-failure.png').catch(() => undefined);
      throw error;
    }
  });
});

/**
 * The main screens in a real Chromium against the whole test stack (demo seed, API, worker, Keycloak's real login
 * page): each person signs in with their own demo login and sees real data. Screenshots of every screen land in
 * web/e2e/artifacts/ (gitignored), for reviewing what users see.
 */
import { type Page } from 'playwright-core';

import { randomUUID } from 'node:crypto';
import path from 'node:path';

import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';
import { createDatabase } from '../../activities/src/database/client';
import {
  data,
  myTasks,
  soundwaveInvoiceNumber,
  until,
  uploadSoundwaveInvoice,
} from '../../api/test/inbox-testing';
import { demoLogin } from '../../scripts/stack/realm';
import { expectNoAccessibilityViolations } from './accessibility';
import { demoPasswordGrant } from '../../scripts/testing/keycloak-tokens';
import {
  type Browser,
  artifactsDir,
  launchBrowser,
  requiredEnv,
  screenshot,
  signInOnKeycloak,
  pdfPagesDrawn,
} from './keycloak-browser';

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

const reviewMutation = `mutation($taskId: ID!, $input: CompleteInvoiceReviewInput!) {
  completeInvoiceReview(taskId: $taskId, input: $input) { intakeStatus } }`;

/** The seed's Soundwave Audio Hire and a budget line of Kalahari's open year, with real tokens of its people. */
async function kalahariScene() {
  const apiUrl = requiredEnv('API_URL');
  const realm = {
    keycloakUrl: requiredEnv('KEYCLOAK_URL'),
    realm: process.env['KEYCLOAK_REALM'] ?? 'eventvault',
  };
  const db = createDatabase(requiredEnv('DATABASE_URL'), { maxConnections: 1 });
  const [line] = await db.$queryRaw<{ event_id: string; budget_line_id: string; supplier_id: string }[]>`
    SELECT b.event_id, l.id AS budget_line_id, s.id AS supplier_id FROM budget_line l
    JOIN budget_version v ON v.id = l.budget_version_id JOIN budget b ON b.id = v.budget_id
    JOIN organisation o ON o.id = l.organisation_id
    JOIN supplier s ON s.organisation_id = o.id AND s.name = 'Soundwave Audio Hire (Pty) Ltd'
    JOIN accounting_period p ON p.organisation_id = o.id AND p.fiscal_year = b.fiscal_year
      AND p.starts_on <= current_date AND p.ends_on >= current_date AND p.locked_at IS NULL
    WHERE o.slug = 'kalahari-live' AND l.currency = 'ZAR'
    ORDER BY v.status = 'approved' DESC, l.code LIMIT 1`;
  await db.$disconnect();
  if (!line) throw new Error('The demo seed has no Kalahari budget line in an open period');
  return {
    apiUrl,
    line,
    supplier: (await demoPasswordGrant(realm, 'supplier@kalahari.demo')).accessToken,
    finance: (await demoPasswordGrant(realm, 'finance@kalahari.demo')).accessToken,
    approver: (await demoPasswordGrant(realm, 'approver@kalahari.demo')).accessToken,
  };
}

/** A Soundwave invoice sent through the portal's API and reviewed by finance: a real approval, with its document. */
async function invoiceAwaitingApproval(
  scene: Awaited<ReturnType<typeof kalahariScene>>,
  number: string,
  net: string,
): Promise<{ id: string }> {
  const { apiUrl, line, supplier, finance, approver } = scene;
  await uploadSoundwaveInvoice(apiUrl, supplier, {
    number,
    net,
    eventId: line.event_id,
    supplierId: line.supplier_id,
  });
  const review = await until(
    `the review of ${number}`,
    async () => (await myTasks(apiUrl, finance, number, ['invoice_review']))[0],
  );
  await data(apiUrl, finance, reviewMutation, {
    taskId: review.id,
    input: { decision: 'ACCEPT', budgetLineId: line.budget_line_id },
  });
  return until(
    `the approval of ${number}`,
    async () => (await myTasks(apiUrl, approver, number, ['invoice_approval']))[0],
  );
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
    // A real invoice of a seeded supplier, sent and reviewed, so the approver's newest task has its running approval.
    const number = soundwaveInvoiceNumber();
    const approval = await invoiceAwaitingApproval(await kalahariScene(), number, '18400.00');
    const page = await openAs(browser, 'approver@kalahari.demo', '/inbox');
    try {
      const row = page.getByTestId('task-row').filter({ hasText: number });
      await row.first().waitFor({ timeout: 60_000 });
      await row.first().click();
      await page.getByTestId('task-detail').waitFor({ timeout: 60_000 });
      expect(page.url()).toContain(`task=${approval.id}`);
      expect(await text(page, 'task-title')).toContain(number);
      expect(await text(page, 'task-amount')).toMatch(/^R\s?21\s?160,00$/);
      await page.getByTestId('document-page').first().waitFor({ timeout: 60_000 });
      await pdfPagesDrawn(page);
      expect(await text(page, 'extracted-fields')).toContain(number);
      expect(await text(page, 'cost-on-line')).toMatch(/R\s?18\s?400,00/);
      await page.getByTestId('approve').waitFor({ timeout: 10_000 });
      await screenshot(page, 'inbox-approver.png');
      await expectNoAccessibilityViolations(page, "The approver's inbox");

      // A task of the demo seed (titled "Approve …") has no approval run behind it: it is shown read-only.
      await page
        .getByTestId('task-row')
        .filter({ hasText: /^\s*Approve / })
        .first()
        .click();
      await page.getByTestId('task-record-only').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('approve').count()).toBe(0);
    } catch (error) {
      await screenshot(page, 'inbox-approver-failure.png').catch(() => undefined);
      throw error;
    }
  });

  it('on a tablet held upright, the inbox shows the list, then one task with a way back', async () => {
    await browser.close();
    browser = await launchBrowser({ width: 768, height: 1024 });
    const page = await openAs(browser, 'approver@kalahari.demo', '/inbox');
    try {
      await page.getByTestId('task-row').first().waitFor({ timeout: 60_000 });
      await screenshot(page, 'tablet-inbox.png');
      await expectNoAccessibilityViolations(page, 'The inbox on a tablet');
      // A task of a running approval when there is one (the seed's own "Approve …" tasks have no document).
      const running = page.getByTestId('task-row').filter({ hasNotText: /^\s*Approve / });
      await ((await running.count()) > 0 ? running : page.getByTestId('task-row')).first().click();
      await page.getByTestId('task-detail').waitFor({ timeout: 60_000 });
      // One pane at a time: the list gives way to the task, and "All tasks" brings it back.
      expect(await page.getByTestId('task-list').isVisible()).toBe(false);
      await page
        .getByTestId('document-page')
        .or(page.getByTestId('document-image'))
        .or(page.getByText('No document to show.'))
        .first()
        .waitFor({ timeout: 60_000 });
      await pdfPagesDrawn(page);
      await screenshot(page, 'tablet-task.png');
      await expectNoAccessibilityViolations(page, 'A task on a tablet');
      await page.getByRole('button', { name: 'All tasks' }).click();
      await page.getByTestId('task-list').waitFor({ state: 'visible', timeout: 10_000 });
    } catch (error) {
      await screenshot(page, 'tablet-failure.png').catch(() => undefined);
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

  it('finance reviews an invoice beside the earlier one it likely duplicates; the approver delegates it on', async () => {
    const scene = await kalahariScene();
    const { apiUrl, line, supplier, finance, approver } = scene;
    const number = soundwaveInvoiceNumber();
    const invoice = { number, eventId: line.event_id, supplierId: line.supplier_id };

    // An earlier invoice with this number, reviewed through the API and waiting for approval; then the same number.
    await invoiceAwaitingApproval(scene, number, '1000.00');
    await uploadSoundwaveInvoice(apiUrl, supplier, { ...invoice, net: '2000.00' });
    const second = await until('the second review', async () =>
      (await myTasks(apiUrl, finance, number, ['invoice_review'])).find((task) => task.status === 'OPEN'),
    );

    const page = await openAs(browser, 'finance@kalahari.demo', `/inbox?task=${second.id}`);
    try {
      await page.getByTestId('likely-duplicates').waitFor({ timeout: 60_000 });
      expect(await text(page, 'duplicate-summary')).toContain(`Invoice ${number}`);
      expect(await page.locator('ev-document-viewer').count()).toBe(3);
      expect(await page.getByTestId('duplicate-fields').locator('tr.differs').count()).toBeGreaterThan(0);
      expect(await text(page, 'review-reasons')).toContain(`already has invoice ${number}`);
      await pdfPagesDrawn(page);
      await screenshot(page, 'inbox-review-duplicate.png');

      await page.getByTestId('review-field-invoiceNumber').fill(`${number}-B`);
      await page.getByTestId('review-budget-line').click();
      await page.locator('.cdk-overlay-pane mat-option').first().click();
      await page
        .locator('ev-task-detail')
        .screenshot({ path: path.join(artifactsDir, 'inbox-review-form.png') });
      await page.getByTestId('accept-review').click();
      await page
        .getByTestId('decision-outcome')
        .filter({ hasText: 'now checking' })
        .waitFor({ timeout: 30_000 });
      await screenshot(page, 'inbox-review-accepted.png');
    } catch (error) {
      await screenshot(page, 'inbox-review-failure.png').catch(() => undefined);
      throw error;
    }

    const approval = await until(
      'the corrected invoice’s approval',
      async () => (await myTasks(apiUrl, approver, `${number}-B`, ['invoice_approval']))[0],
    );
    await browser.close();
    browser = await launchBrowser();
    const approverPage = await openAs(browser, 'approver@kalahari.demo', `/inbox?task=${approval.id}`);
    try {
      await approverPage.getByTestId('delegate').click();
      await approverPage.getByTestId('delegate-search').fill('director');
      await approverPage.getByTestId('delegate-candidates').getByRole('option').first().click();
      await screenshot(approverPage, 'inbox-delegate-dialog.png');
      await approverPage.getByTestId('delegate-confirm').click();
      await approverPage
        .getByTestId('decision-outcome')
        .filter({ hasText: 'Delegated to' })
        .waitFor({ timeout: 30_000 });
    } catch (error) {
      await screenshot(approverPage, 'inbox-delegate-failure.png').catch(() => undefined);
      throw error;
    }
  });
});

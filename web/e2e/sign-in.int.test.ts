/**
 * End to end in a real Chromium: the web app sends a visitor to Keycloak's real login page, a demo finance user
 * signs in, and the shell shows the user's organisation and the API's health. Runs in the jest "integration"
 * project, whose global setup starts the test stack and exports WEB_URL, KEYCLOAK_URL, API_URL… into process.env.
 * A screenshot lands in web/e2e/artifacts/ (gitignored).
 */
import { type BrowserContext } from 'playwright-core';

import { type DemoLogin, demoLogins } from '../../scripts/stack/realm';
import { type Browser, launchBrowser, requiredEnv, screenshot, signInOnKeycloak } from './keycloak-browser';

const dependencies = ['database', 'temporal', 's3', 'keycloak'];

interface FinanceLogin {
  readonly username: string;
  readonly password: string;
  readonly organisation: string;
  readonly totpSecret: string | undefined;
}

/** DEMO_FINANCE_USERNAME/PASSWORD win; otherwise the realm's demo finance user. */
function financeLogin(): FinanceLogin {
  const username = process.env['DEMO_FINANCE_USERNAME'];
  const demo: DemoLogin | undefined =
    username === undefined
      ? demoLogins.find((login) => login.roles.includes('finance'))
      : demoLogins.find((login) => login.username === username);
  const password = process.env['DEMO_FINANCE_PASSWORD'] ?? demo?.password;
  if (demo === undefined || password === undefined) {
    throw new Error('No demo finance login: set DEMO_FINANCE_USERNAME and DEMO_FINANCE_PASSWORD');
  }
  return { username: demo.username, password, organisation: demo.organisation, totpSecret: demo.totpSecret };
}

describe('signing in to the web app (Chromium, Keycloak, API)', () => {
  const webUrl = requiredEnv('WEB_URL');
  const keycloakUrl = requiredEnv('KEYCLOAK_URL');
  const apiUrl = requiredEnv('API_URL');
  const realm = process.env['KEYCLOAK_REALM'] ?? 'eventvault';
  const login = financeLogin();

  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser({ width: 1280, height: 800 });
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sends a finance user through Keycloak to the shell, which shows the organisation and the API health', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const keycloakOrigin = new URL(keycloakUrl).origin;
    const webOrigin = new URL(webUrl).origin;
    const healthAuthorizations: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && request.url() === `${apiUrl}/health`) {
        void request.allHeaders().then((headers) => healthAuthorizations.push(headers['authorization']));
      }
    });

    try {
      await page.goto(webUrl);

      // Keycloak's real login page, asked for by the public client with PKCE S256.
      await page.waitForURL(
        (url) =>
          url.origin === keycloakOrigin && url.pathname === `/realms/${realm}/protocol/openid-connect/auth`,
        { timeout: 60_000 },
      );
      const authorize = new URL(page.url());
      expect(authorize.searchParams.get('client_id')).toBe('eventvault-web');
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('response_type')).toBe('code');

      await signInOnKeycloak(page, login, webOrigin, (url) => url.pathname === '/home');

      // The shell: brand, the user's organisation from the `org` claim, and the finance role.
      await page.getByTestId('user-organisation').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('user-organisation').textContent()).toContain(login.organisation);
      expect(await page.getByRole('banner').textContent()).toContain('EventVault');
      expect(await page.getByTestId('user-roles').textContent()).toContain('Finance');
      const navigation = await page.getByRole('navigation', { name: 'Main' }).textContent();
      expect(navigation).toContain('Finance review');
      expect(navigation).not.toContain('Supplier portal');

      // The Home/System page lists every dependency the API checks.
      const checks = page.getByTestId('health-checks');
      await checks.waitFor({ timeout: 30_000 });
      const rows: { name: string; status: string; latency: string }[] = [];
      for (const row of await checks.locator('tbody tr').all()) {
        const cell = async (selector: string): Promise<string> =>
          ((await row.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();
        rows.push({
          name: await cell('.check-name'),
          status: await cell('.status'),
          latency: await cell('td.numeric'),
        });
      }
      expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(dependencies));
      for (const row of rows.filter((candidate) => dependencies.includes(candidate.name))) {
        expect(`${row.name}: ${row.status}`).toMatch(new RegExp(`^${row.name}: .*Up$`));
        expect(row.latency).toMatch(/^\d+ ms$/);
      }
      expect(healthAuthorizations.length).toBeGreaterThan(0);
      expect(healthAuthorizations.every((value) => value?.startsWith('Bearer ') === true)).toBe(true);

      // Signed in for good: no further navigation, so no reload loop.
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });
      await page.waitForTimeout(3_000);
      expect(navigations).toBe(0);
      expect(new URL(page.url()).pathname).toBe('/home');

      await screenshot(page, 'sign-in-home.png');

      // Finance review opens the inbox on the invoices to review.
      await page.getByRole('navigation', { name: 'Main' }).getByText('Finance review').click();
      await page.waitForURL((url) => url.pathname === '/inbox', { timeout: 30_000 });
      expect(new URL(page.url()).searchParams.get('kind')).toBe('invoice_review');
      await page.getByRole('heading', { name: 'Inbox' }).waitFor({ timeout: 30_000 });
    } catch (error) {
      await screenshot(page, 'sign-in-failure.png').catch(() => undefined);
      throw error;
    }
  });
});

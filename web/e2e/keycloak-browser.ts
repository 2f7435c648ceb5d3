import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type BrowserContext, type Page, chromium } from 'playwright-core';

export const artifactsDir = path.join(__dirname, 'artifacts');

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new Error(`${name} is not set: run this through the integration project`);
  return value.replace(/\/+$/, '');
}

/** Debian's Chromium: Playwright's own browser download is not available here. */
function chromiumExecutable(): string {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), keyed with the secret's UTF-8 bytes as Keycloak stores it. */
export function totp(secret: string, now = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const digest = createHmac('sha1', Buffer.from(secret, 'utf8')).update(counter).digest();
  const offset = digest.readUInt8(digest.length - 1) & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A fresh headless Chromium profile (no cookies, no Keycloak session). */
export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1366, height: 900 }): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'eventvault-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutable(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
    // Charts then draw at once: the accessibility checks see what stays on screen, not a fade-in.
    reducedMotion: 'reduce',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Every PDF page on screen drawn: pdf.js draws after layout, and the viewer marks each page once its pixels are in. */
export async function pdfPagesDrawn(page: Page): Promise<void> {
  // A locator, not waitForFunction: polling a predicate evaluates it as a string, which the app's CSP refuses.
  await page
    .locator('[data-testid="document-page"]:not([data-drawn="true"])')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });
}

export interface LoginCredentials {
  readonly username: string;
  readonly password: string;
  readonly totpSecret?: string | undefined;
}

/**
 * On Keycloak's real login page (the app sent the browser there): username and password, then the one-time code
 * if Keycloak asks for one. Resolves once the browser is back on the web app at `landing`.
 */
export async function signInOnKeycloak(
  page: Page,
  login: LoginCredentials,
  webOrigin: string,
  landing: (url: URL) => boolean,
): Promise<void> {
  await page.locator('#username').waitFor({ timeout: 60_000 });
  await page.locator('#username').fill(login.username);
  await page.locator('#password').fill(login.password);
  await page.locator('#kc-login').click();
  const back = (url: URL): boolean => url.origin === webOrigin && landing(url);
  const keycloakError = page.locator('#input-error, .kc-feedback-text, .alert-error');
  const outcome = await Promise.race([
    page.waitForURL(back, { timeout: 60_000 }).then(
      () => 'back' as const,
      () => 'timeout' as const,
    ),
    page
      .locator('#otp')
      .waitFor({ state: 'visible', timeout: 60_000 })
      .then(
        () => 'otp' as const,
        () => 'timeout' as const,
      ),
    keycloakError
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 })
      .then(
        () => 'refused' as const,
        () => 'timeout' as const,
      ),
  ]);
  if (outcome === 'otp') {
    if (login.totpSecret === undefined)
      throw new Error(`${login.username} was asked for an OTP but has none`);
    await page.locator('#otp').fill(totp(login.totpSecret));
    await page.locator('#kc-login').click();
    await page.waitForURL(back, { timeout: 60_000 });
  } else if (outcome !== 'back') {
    const feedback = (await keycloakError.allTextContents()).map((text) => text.trim()).join(' ');
    throw new Error(`Sign-in as ${login.username} did not come back to the app (${outcome}): ${feedback}`);
  }
}

/**
 * Keycloak's step-up page (the app sent the browser there with acr 2): the session is known, so Keycloak asks only
 * for the one-time code. Resolves once the browser is back on the web app at `landing`.
 */
export async function stepUpOnKeycloak(
  page: Page,
  login: LoginCredentials,
  webOrigin: string,
  landing: (url: URL) => boolean,
): Promise<void> {
  if (login.totpSecret === undefined)
    throw new Error(`${login.username} has no one-time code to step up with`);
  await page.locator('#otp').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('#otp').fill(totp(login.totpSecret));
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.origin === webOrigin && landing(url), { timeout: 60_000 });
}

import { createHash, createHmac, randomBytes } from 'node:crypto';

import { demoLogin, testClient } from '../stack/realm';

/**
 * Real Keycloak tokens for integration tests.
 *
 * - `passwordGrant`: resource-owner password grant through the test-only client `eventvault-test` (acr "1").
 * - `stepUpLogin` / `KeycloakBrowserSession`: the browser's authorization-code + PKCE flow driven over HTTP, with
 *   `acr_values=2`, answering the password and one-time-code forms; this is the only way to get an `acr` "2" token
 *   (the direct grant never reports more than "1", even with a valid OTP).
 * - `totp`/`keycloakTotp`: RFC 6238 codes, so tests can answer the OTP form with the demo users' known secrets.
 * - `demoPasswordGrant` / `demoStepUpLogin`: the same for a demo user named by username.
 *
 * Typical use: `await demoStepUpLogin({ keycloakUrl: process.env.KEYCLOAK_URL!, realm: 'eventvault' }, 'finance@kalahari.demo')`.
 */

export interface RealmLocation {
  /** Keycloak's base URL, e.g. process.env.KEYCLOAK_URL. */
  keycloakUrl: string;
  /** Usually process.env.KEYCLOAK_REALM ('eventvault'). */
  realm: string;
}

/** The claims EventVault relies on (see keycloak/README.md). */
export interface EventVaultClaims {
  iss: string;
  sub: string;
  aud?: string | string[];
  azp?: string;
  exp: number;
  iat: number;
  auth_time?: number;
  acr?: string;
  org?: string;
  realm_access?: { roles: string[] };
  preferred_username?: string;
  email?: string;
  sid?: string;
  [claim: string]: unknown;
}

export interface TokenSet {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn: number;
  scope: string;
  /** The access token's claims (decoded, not verified). */
  claims: EventVaultClaims;
}

const REQUEST_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------------------------
// TOTP (RFC 4226 / RFC 6238)

export type OtpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  /** Unix time in milliseconds; defaults to now. */
  timeMs?: number;
  periodSeconds?: number;
  digits?: number;
  algorithm?: OtpAlgorithm;
}

/** RFC 4226 HOTP: dynamic truncation of HMAC(key, 8-byte big-endian counter). */
export function hotp(key: Uint8Array, counter: bigint, digits = 6, algorithm: OtpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 TOTP with T0 = 0. */
export function totp(key: Uint8Array, options: TotpOptions = {}): string {
  const { timeMs = Date.now(), periodSeconds = 30, digits = 6, algorithm = 'sha1' } = options;
  const counter = BigInt(Math.floor(timeMs / 1000 / periodSeconds));
  return hotp(key, counter, digits, algorithm);
}

/**
 * The code Keycloak expects for an OTP credential under the realm's policy (TOTP, HmacSHA1, 6 digits, 30 s).
 * Keycloak keys the HMAC with the UTF-8 bytes of the stored secret (secretData.value), not its base32 decoding.
 */
export function keycloakTotp(storedSecret: string, timeMs = Date.now()): string {
  return totp(Buffer.from(storedSecret, 'utf8'), { timeMs });
}

// ---------------------------------------------------------------------------------------------------------------
// JWT helpers (decode only: the API verifies signatures against Keycloak's JWKS)

export function decodeJwtClaims<T = EventVaultClaims>(jwt: string): T {
  const payload = jwt.split('.')[1];
  if (payload === undefined) {
    throw new Error('not a JWT');
  }
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
}

export function audiencesOf(claims: Pick<EventVaultClaims, 'aud'>): string[] {
  if (claims.aud === undefined) {
    return [];
  }
  return Array.isArray(claims.aud) ? claims.aud : [claims.aud];
}

// ---------------------------------------------------------------------------------------------------------------
// Token endpoint

function realmUrl({ keycloakUrl, realm }: RealmLocation): string {
  return `${keycloakUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(realm)}`;
}

async function tokenRequest(location: RealmLocation, form: Record<string, string>): Promise<TokenSet> {
  const response = await fetch(`${realmUrl(location)}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok || typeof body['access_token'] !== 'string') {
    throw new Error(
      `Keycloak token request (${form['grant_type']}) failed: HTTP ${response.status} ${JSON.stringify(body)}`,
    );
  }
  const accessToken = body['access_token'];
  const tokens: TokenSet = {
    accessToken,
    expiresIn: Number(body['expires_in']),
    scope: typeof body['scope'] === 'string' ? body['scope'] : '',
    claims: decodeJwtClaims(accessToken),
  };
  if (typeof body['id_token'] === 'string') {
    tokens.idToken = body['id_token'];
  }
  if (typeof body['refresh_token'] === 'string') {
    tokens.refreshToken = body['refresh_token'];
  }
  return tokens;
}

export interface PasswordGrantOptions extends RealmLocation {
  username: string;
  password: string;
  /**
   * Keycloak's direct grant flow demands a one-time code from users with an OTP credential: pass the code, or the
   * stored secret to compute it. The token is acr "1" either way.
   */
  totp?: string;
  totpSecret?: string;
  /** Defaults to the test-only confidential client eventvault-test. */
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

/**
 * Resource-owner password grant through eventvault-test: acr "1" tokens carrying aud eventvault-api, org and
 * realm roles. For users with an OTP credential (admin, finance, approver...) Keycloak demands `totp` too, and
 * still issues acr "1": use `stepUpLogin` for acr "2".
 */
export async function passwordGrant(options: PasswordGrantOptions): Promise<TokenSet> {
  const form: Record<string, string> = {
    grant_type: 'password',
    client_id: options.clientId ?? testClient.clientId,
    client_secret: options.clientSecret ?? testClient.clientSecret,
    username: options.username,
    password: options.password,
    scope: options.scope ?? 'openid',
  };
  const totpCode =
    options.totp ?? (options.totpSecret === undefined ? undefined : keycloakTotp(options.totpSecret));
  if (totpCode !== undefined) {
    form['totp'] = totpCode;
  }
  return tokenRequest(options, form);
}

export interface RefreshGrantOptions extends RealmLocation {
  refreshToken: string;
  clientId?: string;
  /** Omit for public clients (eventvault-web). */
  clientSecret?: string;
}

/** Refresh-token grant; the realm rotates refresh tokens, so use the returned one next time. */
export async function refreshGrant(options: RefreshGrantOptions): Promise<TokenSet> {
  const form: Record<string, string> = {
    grant_type: 'refresh_token',
    client_id: options.clientId ?? testClient.clientId,
    refresh_token: options.refreshToken,
  };
  if (options.clientSecret !== undefined) {
    form['client_secret'] = options.clientSecret;
  } else if (options.clientId === undefined) {
    form['client_secret'] = testClient.clientSecret;
  }
  return tokenRequest(options, form);
}

// ---------------------------------------------------------------------------------------------------------------
// Browser flow over HTTP (authorization code + PKCE), for acr "2" step-up tokens

/** Just enough of a cookie jar for one Keycloak host: name -> value, honouring deletions. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) {
        continue;
      }
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', attributeValue = ''] = attribute.trim().split('=');
        if (key.toLowerCase() === 'max-age') {
          return Number(attributeValue) <= 0;
        }
        if (key.toLowerCase() === 'expires') {
          return Date.parse(attributeValue) <= Date.now();
        }
        return false;
      });
      if (expired || value === '') {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

interface HtmlForm {
  action: string;
  fields: Map<string, string>;
}

function decodeHtml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributeOf(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  const value = match?.[2] ?? match?.[3];
  return value === undefined ? undefined : decodeHtml(value);
}

/** The page's first POST form that goes back to Keycloak's login-actions, with its inputs' names and values. */
function loginFormOf(html: string): HtmlForm | undefined {
  for (const match of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
    const openingTag = /<form\b[^>]*>/i.exec(match[0])?.[0] ?? '';
    const action = attributeOf(openingTag, 'action');
    if (action === undefined || !action.includes('/login-actions/')) {
      continue;
    }
    const fields = new Map<string, string>();
    for (const input of match[0].matchAll(/<input\b[^>]*>/gi)) {
      const name = attributeOf(input[0], 'name');
      const type = (attributeOf(input[0], 'type') ?? 'text').toLowerCase();
      if (
        name === undefined ||
        ((type === 'radio' || type === 'checkbox') && !/\schecked\b/i.test(input[0]))
      ) {
        continue;
      }
      fields.set(name, attributeOf(input[0], 'value') ?? '');
    }
    return { action, fields };
  }
  return undefined;
}

/** Keycloak's error text on a re-shown form (wrong password, wrong code, locked account...). */
function pageMessage(html: string): string {
  const texts = [
    ...html.matchAll(/id="input-error[^"]*"[^>]*>([\s\S]*?)<\//gi),
    ...html.matchAll(/class="[^"]*kc-feedback-text[^"]*"[^>]*>([\s\S]*?)<\//gi),
    ...html.matchAll(/id="kc-error-message"[^>]*>\s*<p[^>]*>([\s\S]*?)<\/p>/gi),
  ].map((match) => decodeHtml((match[1] ?? '').replace(/<[^>]*>/g, '').trim()));
  const title = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim() ?? 'untitled page';
  const messages = [...new Set(texts.filter((text) => text !== ''))];
  return messages.length > 0 ? `${title}: ${messages.join(' / ')}` : title;
}

export interface BrowserClient extends RealmLocation {
  /** Defaults to the SPA client eventvault-web (public, PKCE S256). */
  clientId?: string;
  /** Only for confidential clients. */
  clientSecret?: string;
  /** Must be registered on the client; nothing needs to listen there. Defaults to the test web app. */
  redirectUri?: string;
}

export interface BrowserSignIn {
  username: string;
  password: string;
  /** The user's stored OTP secret (demoLogin(...).totpSecret); needed whenever Keycloak shows the OTP form. */
  totpSecret?: string;
  /** e.g. '2' for step-up; sent as acr_values (a voluntary request). */
  acrValues?: string;
  /** Request acr as an essential id_token claim instead: Keycloak then fails rather than return a lower level. */
  essentialAcr?: string;
  /** Extra authorization request parameters (prompt, max_age, login_hint...). */
  extraParams?: Record<string, string>;
}

export const DEFAULT_TEST_REDIRECT_URI = 'http://127.0.0.1:14200/';

/**
 * A browser-like Keycloak session: cookies persist across `signIn` calls, so a second call with acrValues '2'
 * after a password-only sign-in is a genuine step-up (Keycloak asks only for the one-time code).
 */
export class KeycloakBrowserSession {
  private readonly jar = new CookieJar();
  private readonly clientId: string;
  private readonly redirectUri: string;

  constructor(private readonly client: BrowserClient) {
    this.clientId = client.clientId ?? 'eventvault-web';
    this.redirectUri = client.redirectUri ?? DEFAULT_TEST_REDIRECT_URI;
  }

  private async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header();
    if (cookie !== '') {
      headers.set('Cookie', cookie);
    }
    const response = await fetch(url, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    this.jar.store(response);
    return response;
  }

  /** Runs the authorization-code + PKCE flow to the end and exchanges the code. */
  async signIn(signIn: BrowserSignIn): Promise<TokenSet> {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const authorize = new URL(`${realmUrl(this.client)}/protocol/openid-connect/auth`);
    const params: Record<string, string> = {
      client_id: this.clientId,
      redirect_uri: this.redirectUri,
      response_type: 'code',
      response_mode: 'query',
      scope: 'openid',
      state,
      nonce: randomBytes(16).toString('base64url'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...signIn.extraParams,
    };
    if (signIn.acrValues !== undefined) {
      params['acr_values'] = signIn.acrValues;
    }
    if (signIn.essentialAcr !== undefined) {
      params['claims'] = JSON.stringify({
        id_token: { acr: { essential: true, values: [signIn.essentialAcr] } },
      });
    }
    for (const [key, value] of Object.entries(params)) {
      authorize.searchParams.set(key, value);
    }

    let url = authorize.toString();
    let response = await this.request(url);
    const answered = new Set<string>();
    for (let step = 0; step < 10; step += 1) {
      if (response.status >= 300 && response.status < 400) {
        const location = new URL(response.headers.get('location') ?? '', url);
        await response.body?.cancel();
        if (location.toString().startsWith(this.redirectUri)) {
          return this.finish(location, state, verifier);
        }
        url = location.toString();
        response = await this.request(url);
        continue;
      }
      const html = await response.text();
      const form = response.status === 200 ? loginFormOf(html) : undefined;
      if (form === undefined) {
        throw new Error(
          `Keycloak sign-in of ${signIn.username} stopped: HTTP ${response.status} ${pageMessage(html)}`,
        );
      }
      const kind = form.fields.has('otp') ? 'otp' : form.fields.has('password') ? 'password' : undefined;
      if (kind === undefined || answered.has(kind)) {
        throw new Error(`Keycloak sign-in of ${signIn.username} stopped at: ${pageMessage(html)}`);
      }
      answered.add(kind);
      if (kind === 'otp') {
        if (signIn.totpSecret === undefined) {
          throw new Error(`Keycloak asks ${signIn.username} for a one-time code but no totpSecret was given`);
        }
        form.fields.set('otp', keycloakTotp(signIn.totpSecret));
      } else {
        if (form.fields.has('username')) {
          form.fields.set('username', signIn.username);
        }
        form.fields.set('password', signIn.password);
      }
      url = new URL(form.action, url).toString();
      response = await this.request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([...form.fields]),
      });
    }
    throw new Error(`Keycloak sign-in of ${signIn.username} did not finish within 10 steps`);
  }

  private async finish(location: URL, state: string, verifier: string): Promise<TokenSet> {
    const error = location.searchParams.get('error');
    if (error !== null) {
      throw new Error(`Keycloak returned ${error}: ${location.searchParams.get('error_description') ?? ''}`);
    }
    const code = location.searchParams.get('code');
    if (code === null || location.searchParams.get('state') !== state) {
      throw new Error(`Keycloak redirected without a code for this request: ${location.toString()}`);
    }
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      client_id: this.clientId,
      code,
      redirect_uri: this.redirectUri,
      code_verifier: verifier,
    };
    if (this.client.clientSecret !== undefined) {
      form['client_secret'] = this.client.clientSecret;
    }
    return tokenRequest(this.client, form);
  }
}

export interface StepUpOptions extends BrowserClient {
  username: string;
  password: string;
  totpSecret: string;
}

/**
 * A fresh browser sign-in with acr_values=2 (password, then one-time code) through eventvault-web: tokens whose
 * `acr` is "2", exactly what the web app holds after a step-up.
 */
export async function stepUpLogin(options: StepUpOptions): Promise<TokenSet> {
  const { username, password, totpSecret, ...client } = options;
  return new KeycloakBrowserSession(client).signIn({ username, password, totpSecret, acrValues: '2' });
}

// ---------------------------------------------------------------------------------------------------------------
// Demo users (keycloak/dev-overlay.json) by username

/** passwordGrant for a demo user of keycloak/dev-overlay.json, by username (password and OTP filled in). */
export async function demoPasswordGrant(location: RealmLocation, username: string): Promise<TokenSet> {
  const login = demoLogin(username);
  const options: PasswordGrantOptions = { ...location, username, password: login.password };
  if (login.totpSecret !== undefined) {
    options.totpSecret = login.totpSecret;
  }
  return passwordGrant(options);
}

/** stepUpLogin for a demo user with an OTP credential (admin, finance, approver, director, events, Karoo finance). */
export async function demoStepUpLogin(location: RealmLocation, username: string): Promise<TokenSet> {
  const login = demoLogin(username);
  if (login.totpSecret === undefined) {
    throw new Error(`demo user ${username} has no OTP credential, so cannot step up`);
  }
  return stepUpLogin({ ...location, username, password: login.password, totpSecret: login.totpSecret });
}

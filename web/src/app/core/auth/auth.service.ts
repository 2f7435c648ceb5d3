import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';

import { RUNTIME_CONFIG } from '../config/runtime-config';
import { OfflineInbox } from '../offline/offline-inbox';
import { KEYCLOAK } from './keycloak';
import { safeReturnPath } from './return-path';
import { SIGN_IN_REDIRECTS } from './sign-in-redirects';
import { type TokenClaims, userProfileFromClaims } from './user-profile';

/**
 * - `starting`: Keycloak has not answered yet (only during bootstrap);
 * - `unauthenticated`: no session; guarded routes send the user to Keycloak;
 * - `expired`: the session ended while the app was open and could not be renewed;
 * - `unavailable`: signing in could not start: Keycloak could not be reached, refused the sign-in callback or did
 *   not answer within {@link KEYCLOAK_INIT_TIMEOUT_MS}.
 */
export type AuthStatus = 'starting' | 'authenticated' | 'unauthenticated' | 'expired' | 'unavailable';

export type SignInTrigger = 'automatic' | 'user';

/** Refresh this many seconds before the access token expires (less for very short-lived tokens). */
const refreshMarginSeconds = 30;
/** After a failed refresh while the token is still valid (e.g. Keycloak restarting), try again this soon. */
const refreshRetryMs = 10_000;
const minimumTimerMs = 1_000;
const maximumTimerMs = 2_147_483_647;

/**
 * The time box for starting keycloak-js (3rd-party cookie check, silent check-sso, code exchange). keycloak-js has
 * no limit for the silent check-sso iframe: when Keycloak answers it with an error page (e.g. "Invalid parameter:
 * redirect_uri", which `frame-ancestors 'self'` then keeps out of the iframe) its `init()` never settles, and the
 * app would stay on its loading screen. After this long the app shows the sign-in problem page instead.
 */
export const KEYCLOAK_INIT_TIMEOUT_MS = 8_000;
/** keycloak-js's own limit for its 3rd-party cookie iframe; inside the time box, so its own error message wins. */
const MESSAGE_RECEIVE_TIMEOUT_MS = 5_000;

export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
}

export class SignInTimeoutError extends Error {
  override readonly name = 'SignInTimeoutError';
}

function describeKeycloakError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const record = error as Readonly<Record<string, unknown>>;
    const description = record['error_description'] ?? record['error'];
    if (typeof description === 'string') return description;
  }
  return 'Keycloak did not answer.';
}

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly keycloak = inject(KEYCLOAK);
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly redirects = inject(SIGN_IN_REDIRECTS);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly offlineInbox = inject(OfflineInbox);

  private readonly statusState = signal<AuthStatus>('starting');
  private readonly problemState = signal<string | null>(null);
  private readonly claims = signal<TokenClaims | null>(null);
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  readonly status = this.statusState.asReadonly();
  /** Why sign-in is unavailable, in words for the user. */
  readonly problem = this.problemState.asReadonly();
  readonly isAuthenticated = computed(() => this.statusState() === 'authenticated');
  readonly user = computed(() => {
    const claims = this.claims();
    return claims === null ? null : userProfileFromClaims(claims);
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancelRefresh());
  }

  /**
   * Runs once before the first navigation and settles within {@link KEYCLOAK_INIT_TIMEOUT_MS}, so the app never
   * hangs on its loading screen. `check-sso` (not `login-required`) and no silent check-sso fallback keep every
   * redirect to Keycloak in this service's hands: keycloak-js itself redirects on a rejected refresh token when
   * `login-required` is set, and with `silentCheckSsoFallback` it redirects (`prompt=none`) whenever the browser
   * blocks 3rd-party cookies. An answer that comes after the time box is ignored: the problem page stays, and
   * "Try again" starts afresh.
   */
  async init(): Promise<void> {
    const origin = this.document.location.origin;
    if (this.document.defaultView?.navigator.onLine === false) {
      // No point waiting for Keycloak's time box: the offline inbox can open at once.
      this.problemState.set('This device is offline.');
      this.statusState.set('unavailable');
      return;
    }
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      deadline = setTimeout(() => {
        reject(
          new SignInTimeoutError(
            `Keycloak (${this.config.keycloakUrl}) did not answer within ${KEYCLOAK_INIT_TIMEOUT_MS / 1000} seconds. ` +
              `Either it cannot be reached, or it does not accept ${origin} as a redirect URI ` +
              `of the client "${this.config.clientId}".`,
          ),
        );
      }, KEYCLOAK_INIT_TIMEOUT_MS);
    });
    try {
      const authenticated = await Promise.race([
        this.keycloak.init({
          onLoad: 'check-sso',
          pkceMethod: 'S256',
          flow: 'standard',
          responseMode: 'fragment',
          checkLoginIframe: false,
          silentCheckSsoRedirectUri: `${origin}/silent-check-sso.html`,
          silentCheckSsoFallback: false,
          messageReceiveTimeout: MESSAGE_RECEIVE_TIMEOUT_MS,
        }),
        timedOut,
      ]);
      if (authenticated) {
        this.adoptToken();
      } else {
        this.statusState.set('unauthenticated');
      }
    } catch (error: unknown) {
      this.problemState.set(describeKeycloakError(error));
      this.statusState.set('unavailable');
    } finally {
      clearTimeout(deadline);
    }
  }

  /**
   * Sends the browser to Keycloak's login page and resolves `false` only if it did not go. Redirects the app
   * starts on its own are rate-limited (see SignInRedirects); a click always goes.
   */
  async signIn(returnUrl: string, trigger: SignInTrigger): Promise<boolean> {
    if (trigger === 'automatic' && !this.redirects.tryAutomaticRedirect()) return false;
    await this.keycloak.login({ redirectUri: this.absoluteUrl(returnUrl) });
    return true;
  }

  /**
   * Step-up: back to Keycloak for a fresh sign-in with the second factor (acr `acrValues`), returning to
   * `returnUrl`. `maxAgeSeconds` makes Keycloak ask again when the last sign-in is older than the API accepts.
   */
  async stepUp(returnUrl: string, acrValues: string, maxAgeSeconds?: number): Promise<void> {
    this.cancelRefresh();
    await this.keycloak.login({
      redirectUri: this.absoluteUrl(returnUrl),
      acrValues,
      ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
    });
  }

  async signOut(): Promise<void> {
    this.cancelRefresh();
    this.offlineInbox.clear();
    await this.keycloak.logout({ redirectUri: this.absoluteUrl('/signed-out') });
  }

  /** A valid access token for an API call, refreshed first if it is about to expire. */
  async accessToken(): Promise<string> {
    if (this.statusState() !== 'authenticated') throw new NotSignedInError('Not signed in');
    try {
      const refreshed = await this.keycloak.updateToken(this.refreshMargin());
      if (refreshed) this.adoptToken();
    } catch {
      this.refreshFailed();
    }
    const token = this.keycloak.token;
    if (this.statusState() !== 'authenticated' || token === undefined || !this.hasUsableToken(0)) {
      throw new NotSignedInError('The session has ended');
    }
    return token;
  }

  private adoptToken(): void {
    const parsed = this.keycloak.tokenParsed;
    // Another user on this device must not read the previous user's offline inbox.
    const savedFor = this.offlineInbox.load()?.ownerId;
    if (savedFor !== undefined && savedFor !== parsed?.sub) this.offlineInbox.clear();
    this.claims.set(parsed === undefined ? null : { ...parsed });
    this.problemState.set(null);
    this.statusState.set('authenticated');
    this.scheduleRefresh();
  }

  private refreshMargin(): number {
    const parsed = this.keycloak.tokenParsed;
    const lifetime =
      parsed?.exp !== undefined && parsed.iat !== undefined ? parsed.exp - parsed.iat : undefined;
    return lifetime !== undefined && lifetime > 0
      ? Math.max(1, Math.min(refreshMarginSeconds, Math.floor(lifetime / 3)))
      : refreshMarginSeconds;
  }

  private scheduleRefresh(): void {
    this.cancelRefresh();
    const expiresAt = this.keycloak.tokenParsed?.exp;
    if (expiresAt === undefined) return;
    // Same arithmetic as keycloak-js isTokenExpired(): server time = local time - timeSkew.
    const expiresInMs = (expiresAt - Date.now() / 1000 + (this.keycloak.timeSkew ?? 0)) * 1000;
    this.startTimer(expiresInMs - this.refreshMargin() * 1000);
  }

  private startTimer(delayMs: number): void {
    this.cancelRefresh();
    const delay = Math.min(Math.max(delayMs, minimumTimerMs), maximumTimerMs);
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  private cancelRefresh(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private async refresh(): Promise<void> {
    this.refreshTimer = undefined;
    if (this.statusState() !== 'authenticated') return;
    try {
      // -1 forces the refresh: the timer was set for exactly this moment.
      await this.keycloak.updateToken(-1);
      this.adoptToken();
    } catch {
      this.refreshFailed();
    }
  }

  private hasUsableToken(minValiditySeconds: number): boolean {
    if (this.keycloak.token === undefined) return false;
    try {
      return !this.keycloak.isTokenExpired(minValiditySeconds);
    } catch {
      // keycloak-js throws when it holds no token at all (it clears them after a rejected refresh token).
      return false;
    }
  }

  private refreshFailed(): void {
    if (this.statusState() !== 'authenticated') return;
    if (this.hasUsableToken(5)) {
      this.startTimer(refreshRetryMs);
      return;
    }
    this.sessionEnded();
  }

  /** One clean re-login: at most one automatic redirect, otherwise the sign-in page with a button. */
  private sessionEnded(): void {
    this.cancelRefresh();
    this.claims.set(null);
    this.statusState.set('expired');
    const returnUrl = this.router.url;
    void this.signIn(returnUrl, 'automatic').then((redirected) => {
      if (!redirected) void this.router.navigate(['/sign-in'], { queryParams: { returnUrl } });
    });
  }

  private absoluteUrl(path: string): string {
    return new URL(safeReturnPath(path, '/'), this.document.location.origin).href;
  }
}

import { InjectionToken } from '@angular/core';

/** The minimum time between two redirects to Keycloak that the app starts on its own (not on a click). */
export const AUTOMATIC_REDIRECT_INTERVAL_MS = 60_000;

const storageKey = 'eventvault.lastAutomaticSignInRedirect';

/**
 * Remembers, per browser tab, when the app last sent the user to Keycloak by itself. A second automatic redirect
 * within {@link AUTOMATIC_REDIRECT_INTERVAL_MS} is refused, so a broken realm, a clock far off or a refresh that
 * keeps failing shows a "sign in again" page instead of bouncing between the app and Keycloak forever.
 */
export class SignInRedirects {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an automatic redirect and answers whether it may happen now. */
  tryAutomaticRedirect(): boolean {
    // Without storage nothing survives the redirect, so only a click may send the user to Keycloak.
    if (this.storage === null) return false;
    const current = this.now();
    const last = Number(this.storage.getItem(storageKey) ?? Number.NaN);
    if (Number.isFinite(last) && current - last >= 0 && current - last < AUTOMATIC_REDIRECT_INTERVAL_MS) {
      return false;
    }
    this.storage.setItem(storageKey, String(current));
    return true;
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return globalThis.sessionStorage;
  } catch {
    return null;
  }
}

export const SIGN_IN_REDIRECTS = new InjectionToken<SignInRedirects>('SIGN_IN_REDIRECTS', {
  providedIn: 'root',
  factory: () => new SignInRedirects(sessionStorageOrNull()),
});

import type { Provider } from '@angular/core';
import type {
  KeycloakInitOptions,
  KeycloakLoginOptions,
  KeycloakLogoutOptions,
  KeycloakTokenParsed,
} from 'keycloak-js';

import { type KeycloakClient, KEYCLOAK } from '../app/core/auth/keycloak';
import { SIGN_IN_REDIRECTS, SignInRedirects } from '../app/core/auth/sign-in-redirects';
import type { EventVaultRole } from '../app/core/auth/user-profile';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../app/core/config/runtime-config';
import { OFFLINE_STORAGE } from '../app/core/offline/offline-inbox';

export const testRuntimeConfig: RuntimeConfig = {
  keycloakUrl: 'http://127.0.0.1:28080',
  realm: 'eventvault',
  clientId: 'eventvault-web',
  apiUrl: 'http://127.0.0.1:23000',
  temporalUiUrl: 'http://127.0.0.1:28233',
};

export interface TestUser {
  readonly username?: string;
  readonly name?: string;
  readonly org?: string;
  readonly roles?: readonly EventVaultRole[];
  /** Access token lifetime in seconds. */
  readonly lifetime?: number;
}

/** What the next `updateToken` does when a refresh is due. */
export type RefreshOutcome = 'succeed' | 'network-error' | 'rejected-refresh-token';

/** Behaves like keycloak-js for the calls the app makes, with no network and a clock from `Date.now()`. */
export class FakeKeycloak implements KeycloakClient {
  token: string | undefined;
  tokenParsed: KeycloakTokenParsed | undefined;
  timeSkew: number | null = 0;

  /**
   * How `init` settles. `never`: it stays pending, like keycloak-js when Keycloak answers the silent check-sso
   * iframe with an error page that may not be framed (e.g. an unregistered redirect URI).
   */
  initResult: 'authenticated' | 'unauthenticated' | 'never' | Error = 'authenticated';
  /** How long `init` takes to settle, on the (possibly fake) `setTimeout` clock. */
  initDelayMs = 0;
  refreshOutcome: RefreshOutcome = 'succeed';
  initOptions: KeycloakInitOptions | undefined;
  readonly logins: (KeycloakLoginOptions | undefined)[] = [];
  readonly logouts: (KeycloakLogoutOptions | undefined)[] = [];
  refreshRequests = 0;
  private issued = 0;

  constructor(private readonly user: TestUser = {}) {}

  init(initOptions?: KeycloakInitOptions): Promise<boolean> {
    this.initOptions = initOptions;
    const result = this.initResult;
    if (result === 'never') return new Promise<boolean>(() => undefined);
    const settle = (): Promise<boolean> => {
      if (result instanceof Error) return Promise.reject(result);
      if (result === 'unauthenticated') return Promise.resolve(false);
      this.issueToken();
      return Promise.resolve(true);
    };
    if (this.initDelayMs <= 0) return settle();
    return new Promise<void>((resolve) => setTimeout(resolve, this.initDelayMs)).then(settle);
  }

  login(options?: KeycloakLoginOptions): Promise<void> {
    this.logins.push(options);
    return Promise.resolve();
  }

  logout(options?: KeycloakLogoutOptions): Promise<void> {
    this.logouts.push(options);
    return Promise.resolve();
  }

  isTokenExpired(minValidity = 0): boolean {
    const expiresAt = this.tokenParsed?.exp;
    if (expiresAt === undefined) throw new Error('Not authenticated');
    return expiresAt - Math.ceil(Date.now() / 1000) + (this.timeSkew ?? 0) < minValidity;
  }

  updateToken(minValidity = 5): Promise<boolean> {
    if (this.token === undefined) return Promise.reject(new Error('no refresh token available'));
    if (minValidity !== -1 && !this.isTokenExpired(minValidity)) return Promise.resolve(false);
    this.refreshRequests += 1;
    switch (this.refreshOutcome) {
      case 'succeed':
        this.issueToken();
        return Promise.resolve(true);
      case 'network-error':
        return Promise.reject(new Error('Failed to fetch'));
      case 'rejected-refresh-token':
        this.token = undefined;
        this.tokenParsed = undefined;
        return Promise.reject(new Error('invalid_grant'));
    }
  }

  private issueToken(): void {
    this.issued += 1;
    const now = Math.floor(Date.now() / 1000);
    const username = this.user.username ?? 'finance.demo';
    this.tokenParsed = {
      sub: `subject-${username}`,
      iat: now,
      exp: now + (this.user.lifetime ?? 300),
      preferred_username: username,
      name: this.user.name ?? 'Fiona Finance',
      email: `${username}@example.test`,
      org: this.user.org ?? 'kalahari-live',
      realm_access: { roles: [...(this.user.roles ?? ['finance']), 'default-roles-eventvault'] },
    };
    this.token = `access-token-${this.issued}`;
  }
}

/** sessionStorage/localStorage stand-in for SignInRedirects and the offline inbox. */
export class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  private readonly values = new Map<string, string>();

  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }

  removeItem(key: string): void {
    this.values.delete(key);
  }
}

/** Providers for a TestBed whose AuthService talks to `keycloak`. */
export function provideTestAuth(
  keycloak: FakeKeycloak,
  storage: MemoryStorage = new MemoryStorage(),
  offlineStorage: MemoryStorage = new MemoryStorage(),
): Provider[] {
  return [
    { provide: RUNTIME_CONFIG, useValue: testRuntimeConfig },
    { provide: KEYCLOAK, useValue: keycloak },
    { provide: SIGN_IN_REDIRECTS, useValue: new SignInRedirects(storage) },
    { provide: OFFLINE_STORAGE, useValue: offlineStorage },
  ];
}

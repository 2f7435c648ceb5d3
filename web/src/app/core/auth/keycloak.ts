import { InjectionToken, type Provider, inject } from '@angular/core';
import Keycloak from 'keycloak-js';

import { RUNTIME_CONFIG } from '../config/runtime-config';

/** The part of keycloak-js the app uses; tests provide a fake with the same shape. */
export type KeycloakClient = Pick<
  Keycloak,
  'init' | 'login' | 'logout' | 'updateToken' | 'isTokenExpired' | 'token' | 'tokenParsed' | 'timeSkew'
>;

export const KEYCLOAK = new InjectionToken<KeycloakClient>('KEYCLOAK');

export function provideKeycloak(): Provider {
  return {
    provide: KEYCLOAK,
    useFactory: (): KeycloakClient => {
      const config = inject(RUNTIME_CONFIG);
      return new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
    },
  };
}

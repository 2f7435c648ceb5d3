import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  type EnvironmentProviders,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideAnimationsAsync } from '@angular/platform-browser/animations/async';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';

import { routes } from './app.routes';
import { AuthService } from './core/auth/auth.service';
import { bearerTokenInterceptor } from './core/auth/bearer-token.interceptor';
import { provideKeycloak } from './core/auth/keycloak';
import { RUNTIME_CONFIG, type RuntimeConfig } from './core/config/runtime-config';

/** The app's router setup; route data and query parameters bind to component inputs. */
export function provideAppRouter(): EnvironmentProviders {
  return provideRouter(routes, withComponentInputBinding());
}

export function createAppConfig(runtimeConfig: RuntimeConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      { provide: RUNTIME_CONFIG, useValue: runtimeConfig },
      provideKeycloak(),
      // Keycloak answers (and cleans its callback out of the URL) before the router reads the first URL.
      provideAppInitializer(() => inject(AuthService).init()),
      provideAppRouter(),
      provideHttpClient(withFetch(), withInterceptors([bearerTokenInterceptor])),
      // ngx-charts still animates with @angular/animations; loaded lazily, off the first paint.
      provideAnimationsAsync(),
      // Installable, and the shell and config load without a network (see /offline). Production builds only.
      provideServiceWorker('ngsw-worker.js', {
        enabled: !isDevMode(),
        registrationStrategy: 'registerWhenStable:10000',
      }),
    ],
  };
}

import { DOCUMENT, inject } from '@angular/core';
import type { HttpInterceptorFn } from '@angular/common/http';
import { from, switchMap } from 'rxjs';

import { RUNTIME_CONFIG } from '../config/runtime-config';
import { AuthService } from './auth.service';

/** True when `url` points at the API: same origin and inside the API's base path (no prefix tricks). */
export function isApiUrl(url: string, apiUrl: string, baseHref: string): boolean {
  let target: URL;
  let api: URL;
  try {
    target = new URL(url, baseHref);
    api = new URL(apiUrl);
  } catch {
    return false;
  }
  if (target.origin !== api.origin) return false;
  const basePath = api.pathname.endsWith('/') ? api.pathname : `${api.pathname}/`;
  return target.pathname === api.pathname || target.pathname.startsWith(basePath);
}

/** Attaches the user's access token to requests for the API, and to nothing else. */
export const bearerTokenInterceptor: HttpInterceptorFn = (request, next) => {
  const apiUrl = inject(RUNTIME_CONFIG).apiUrl;
  const baseHref = inject(DOCUMENT).baseURI;
  if (!isApiUrl(request.url, apiUrl, baseHref)) return next(request);
  const auth = inject(AuthService);
  return from(auth.accessToken()).pipe(
    switchMap((token) => next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }))),
  );
};

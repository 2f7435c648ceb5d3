import { inject } from '@angular/core';
import { type CanActivateFn, type CanMatchFn, Router, type UrlTree } from '@angular/router';

import { type AreaPath, areaByPath, canEnterArea } from '../navigation/navigation-areas';
import { OfflineInbox } from '../offline/offline-inbox';
import { AuthService } from './auth.service';

/**
 * Lets signed-in users through; sends everyone else to Keycloak once, or to the sign-in page. When signing in is
 * impossible (offline, Keycloak unreachable) and this device holds an inbox snapshot, to the read-only offline inbox.
 */
export const signedInGuard: CanActivateFn = (
  _route,
  state,
): boolean | UrlTree | Promise<boolean | UrlTree> => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const signInPage = router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
  switch (auth.status()) {
    case 'authenticated':
      return true;
    case 'unauthenticated':
      // While the browser leaves for Keycloak the navigation simply never completes.
      return auth.signIn(state.url, 'automatic').then((redirected) => (redirected ? false : signInPage));
    case 'unavailable':
      return inject(OfflineInbox).load() === null ? signInPage : router.createUrlTree(['/offline']);
    default:
      return signInPage;
  }
};

/**
 * Matches an area's routes only for users holding one of the area's roles. Route matching runs before the
 * shell's signedInGuard, so a visitor who is not signed in yet is let through here and stopped there.
 */
export function areaGuard(path: AreaPath): CanMatchFn {
  return (): boolean | UrlTree => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (!auth.isAuthenticated()) return true;
    return canEnterArea(areaByPath(path), auth.user()?.roles ?? []) || router.createUrlTree(['/forbidden']);
  };
}

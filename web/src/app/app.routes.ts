import type { Routes } from '@angular/router';

import { areaGuard, signedInGuard } from './core/auth/auth.guards';

export const routes: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in · EventVault',
    loadComponent: () => import('./features/session/session-page').then((m) => m.SessionPage),
  },
  {
    path: 'signed-out',
    title: 'Signed out · EventVault',
    data: { reason: 'signed-out' },
    loadComponent: () => import('./features/session/session-page').then((m) => m.SessionPage),
  },
  {
    path: 'offline',
    title: 'Offline inbox · EventVault',
    loadComponent: () => import('./features/offline/offline-inbox-page').then((m) => m.OfflineInboxPage),
  },
  {
    path: '',
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'home' },
      {
        path: 'home',
        title: 'System status · EventVault',
        loadComponent: () => import('./features/system/system-health-page').then((m) => m.SystemHealthPage),
      },
      {
        path: 'inbox',
        canMatch: [areaGuard('inbox')],
        loadChildren: () => import('./features/inbox/inbox.routes'),
      },
      {
        path: 'supplier-portal',
        canMatch: [areaGuard('supplier-portal')],
        loadChildren: () => import('./features/supplier-portal/supplier-portal.routes'),
      },
      {
        path: 'events',
        canMatch: [areaGuard('events')],
        loadChildren: () => import('./features/events/events.routes'),
      },
      {
        path: 'finance-review',
        canMatch: [areaGuard('finance-review')],
        loadChildren: () => import('./features/finance-review/finance-review.routes'),
      },
      {
        path: 'admin',
        canMatch: [areaGuard('admin')],
        loadChildren: () => import('./features/admin/admin.routes'),
      },
      {
        path: 'forbidden',
        title: 'No access · EventVault',
        loadComponent: () => import('./shared/status-pages').then((m) => m.ForbiddenPage),
      },
      {
        path: '**',
        title: 'Not found · EventVault',
        loadComponent: () => import('./shared/status-pages').then((m) => m.NotFoundPage),
      },
    ],
  },
];

import type { Routes } from '@angular/router';

const routes: Routes = [
  {
    path: '',
    title: 'Inbox · EventVault',
    loadComponent: () => import('./inbox-page').then((m) => m.InboxPage),
  },
];

export default routes;

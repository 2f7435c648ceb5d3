import type { Routes } from '@angular/router';

const routes: Routes = [
  {
    path: '',
    title: 'Events · EventVault',
    loadComponent: () => import('./events-page').then((m) => m.EventsPage),
  },
  {
    path: ':eventId',
    title: 'Event budget · EventVault',
    loadComponent: () => import('./event-page').then((m) => m.EventPage),
  },
];

export default routes;

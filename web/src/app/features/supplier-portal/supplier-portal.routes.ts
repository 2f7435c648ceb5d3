import type { Routes } from '@angular/router';

const routes: Routes = [
  {
    path: '',
    title: 'Supplier portal · EventVault',
    loadComponent: () => import('./supplier-portal-page').then((m) => m.SupplierPortalPage),
  },
];

export default routes;

import type { Routes } from '@angular/router';

const routes: Routes = [
  {
    path: '',
    title: 'Processes · EventVault',
    loadComponent: () => import('./workflows-page').then((m) => m.WorkflowsPage),
  },
  {
    path: 'workflows/:workflowId',
    title: 'Process history · EventVault',
    loadComponent: () => import('./workflow-page').then((m) => m.WorkflowPage),
  },
];

export default routes;

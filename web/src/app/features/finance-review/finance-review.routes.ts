import type { Routes } from '@angular/router';

import { AreaPlaceholder } from '../../shared/area-placeholder';

const routes: Routes = [
  {
    path: '',
    component: AreaPlaceholder,
    title: 'Finance review · EventVault',
    data: { area: 'finance-review' },
  },
];

export default routes;

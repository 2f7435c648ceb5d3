import type { Routes } from '@angular/router';

import { AreaPlaceholder } from '../../shared/area-placeholder';

const routes: Routes = [
  {
    path: '',
    component: AreaPlaceholder,
    title: 'Supplier portal · EventVault',
    data: { area: 'supplier-portal' },
  },
];

export default routes;

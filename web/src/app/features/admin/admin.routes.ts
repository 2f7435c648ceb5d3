import type { Routes } from '@angular/router';

import { AreaPlaceholder } from '../../shared/area-placeholder';

const routes: Routes = [
  { path: '', component: AreaPlaceholder, title: 'Admin · EventVault', data: { area: 'admin' } },
];

export default routes;

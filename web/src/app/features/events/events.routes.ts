import type { Routes } from '@angular/router';

import { AreaPlaceholder } from '../../shared/area-placeholder';

const routes: Routes = [
  { path: '', component: AreaPlaceholder, title: 'Events & budgets · EventVault', data: { area: 'events' } },
];

export default routes;

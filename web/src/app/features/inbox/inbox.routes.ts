import type { Routes } from '@angular/router';

import { AreaPlaceholder } from '../../shared/area-placeholder';

const routes: Routes = [
  { path: '', component: AreaPlaceholder, title: 'Inbox · EventVault', data: { area: 'inbox' } },
];

export default routes;

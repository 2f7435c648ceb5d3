import type { Routes } from '@angular/router';

// Invoice reviews are tasks: finance works them in the inbox, beside the document, its failed checks and likely
// duplicates. This area opens the inbox on them.
const routes: Routes = [{ path: '', pathMatch: 'full', redirectTo: '/inbox?kind=invoice_review' }];

export default routes;

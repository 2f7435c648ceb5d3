import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

import { AuthService } from '../core/auth/auth.service';
import { roleLabels } from '../core/auth/user-profile';
import { areasFor } from '../core/navigation/navigation-areas';

/** Below this width the navigation becomes a drawer and the toolbar shows less. */
export const compactLayoutQuery = '(max-width: 959.98px)';

@Component({
  selector: 'app-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatSidenavModule,
    MatToolbarModule,
    MatTooltipModule,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthService);

  protected readonly user = this.auth.user;
  protected readonly areas = computed(() => areasFor(this.user()?.roles ?? []));
  protected readonly roleNames = computed(() => (this.user()?.roles ?? []).map((role) => roleLabels[role]));
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe(compactLayoutQuery)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly drawerOpen = signal(false);
  protected readonly navigationOpen = computed(() => !this.compact() || this.drawerOpen());

  protected setDrawer(open: boolean): void {
    this.drawerOpen.set(open);
  }

  protected toggleDrawer(): void {
    this.drawerOpen.update((open) => !open);
  }

  protected navigated(): void {
    if (this.compact()) this.drawerOpen.set(false);
  }

  protected signOut(): void {
    void this.auth.signOut();
  }
}

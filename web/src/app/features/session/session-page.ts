import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { safeReturnPath } from '../../core/auth/return-path';

interface SessionMessage {
  readonly icon: string;
  readonly title: string;
  readonly text: string;
  /** The technical reason, when there is one. */
  readonly detail?: string | undefined;
  readonly action: 'sign-in' | 'retry' | 'continue';
}

/** Where sign-in problems end up, without redirecting by itself: every way out of here is a click. */
@Component({
  selector: 'app-session-page',
  imports: [MatButtonModule, MatCardModule, MatIconModule, RouterLink],
  templateUrl: './session-page.html',
  styleUrl: './session-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionPage {
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  /** Route data: `signed-out` after signing out. */
  readonly reason = input<string>();
  /** Query parameter: where to go after signing in. */
  readonly returnUrl = input<string>();

  protected readonly target = computed(() => safeReturnPath(this.returnUrl()));
  protected readonly message = computed((): SessionMessage => {
    switch (this.auth.status()) {
      case 'authenticated':
        return {
          icon: 'verified_user',
          title: 'You are signed in',
          text: 'Continue to EventVault.',
          action: 'continue',
        };
      case 'unavailable':
        return {
          icon: 'cloud_off',
          title: 'Sign-in is not available right now',
          text: 'Signing in could not start. Try again in a moment; if this keeps happening, tell your administrator.',
          detail: this.auth.problem() ?? undefined,
          action: 'retry',
        };
      case 'expired':
        return {
          icon: 'lock_clock',
          title: 'Your session has ended',
          text: 'For your security you were signed out. Sign in again to carry on where you were.',
          action: 'sign-in',
        };
      default:
        return this.reason() === 'signed-out'
          ? { icon: 'logout', title: 'You have signed out', text: 'See you next time.', action: 'sign-in' }
          : {
              icon: 'login',
              title: 'Sign in to EventVault',
              text: 'Budgets, supplier invoices and approvals for your events.',
              action: 'sign-in',
            };
    }
  });

  protected signIn(): void {
    void this.auth.signIn(this.target(), 'user');
  }

  protected retry(): void {
    this.document.location.assign(this.target());
  }
}

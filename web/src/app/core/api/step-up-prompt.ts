import { ChangeDetectionStrategy, Component, Injectable, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthService } from '../auth/auth.service';
import type { StepUpRequired } from './api-problem';

@Component({
  selector: 'ev-step-up-dialog',
  imports: [MatDialogModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title><mat-icon aria-hidden="true">verified_user</mat-icon> Confirm it is you</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
      <p>
        You will sign in again with your one-time code, then come back here. Nothing has been decided yet:
        choose the action again afterwards.
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Not now</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true" cdkFocusInitial>
        Verify with one-time code
      </button>
    </mat-dialog-actions>
  `,
})
export class StepUpDialog {
  protected readonly data = inject<{ message: string }>(MAT_DIALOG_DATA);
}

/** Turns the API's STEP_UP_REQUIRED into the step-up sign-in, after the user agrees to leave the page. */
@Injectable({ providedIn: 'root' })
export class StepUpPrompt {
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Resolves false when the user chose not to step up now. */
  async ask(problem: StepUpRequired): Promise<boolean> {
    const agreed = await firstValueFrom(
      this.dialog
        .open<StepUpDialog, { message: string }, boolean>(StepUpDialog, {
          data: { message: problem.message },
          width: '28rem',
        })
        .afterClosed(),
    );
    if (agreed !== true) return false;
    await this.auth.stepUp(this.router.url, problem.acrValues, problem.maxAgeSeconds);
    return true;
  }
}

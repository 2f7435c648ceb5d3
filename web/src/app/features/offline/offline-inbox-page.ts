import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

import { AuthService } from '../../core/auth/auth.service';
import { OfflineInbox } from '../../core/offline/offline-inbox';
import { MoneyPipe } from '../../shared/money';
import { shortDate, shortDateTime, taskKindLabel } from '../inbox/task-labels';

/**
 * The inbox as this device last saw it, for reading on site without a connection. Nothing here can be decided:
 * decisions need the API (and often a fresh second factor), so the page says so instead of pretending.
 */
@Component({
  selector: 'app-offline-inbox-page',
  imports: [MatButtonModule, MatIconModule, MoneyPipe],
  templateUrl: './offline-inbox-page.html',
  styleUrl: './offline-inbox-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OfflineInboxPage {
  private readonly document = inject(DOCUMENT);
  private readonly auth = inject(AuthService);

  protected readonly snapshot = inject(OfflineInbox).load();
  protected readonly reason = computed(() => this.auth.problem() ?? 'Signing in is not possible right now.');
  protected readonly savedAt = shortDateTime(this.snapshot?.savedAt);
  protected readonly hiddenCount =
    this.snapshot === null ? 0 : Math.max(0, this.snapshot.totalCount - this.snapshot.tasks.length);
  protected readonly kindLabel = taskKindLabel;
  protected readonly shortDate = shortDate;

  protected retry(): void {
    this.document.location.assign('/inbox');
  }
}

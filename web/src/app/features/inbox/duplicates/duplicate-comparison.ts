import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';

import type { TaskDetailQuery } from '../../../core/api/generated/graphql';
import { DocumentViewer } from '../document-viewer';
import { shortDateTime } from '../task-labels';
import { type ComparableInvoice, compareInvoices } from './compare-invoices';

export type LikelyDuplicate = TaskDetailQuery['task']['likelyDuplicates'][number];

const matchLabels: Readonly<Record<string, string>> = {
  SAME_CONTENT: 'the very same file',
  SAME_NUMBER: 'the same supplier and invoice number',
};

const statusLabels: Readonly<Record<string, string>> = {
  received: 'received',
  pending_approval: 'waiting for approval',
  approved: 'approved',
  rejected: 'rejected',
  posted: 'posted',
  paid: 'paid',
  void: 'void',
};

/**
 * The document under review beside an earlier invoice the duplicate checks matched: their key fields in one table,
 * differing fields marked, and both documents side by side (stacked on narrow screens).
 */
@Component({
  selector: 'ev-duplicate-comparison',
  imports: [DocumentViewer, MatButtonToggleModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './duplicate-comparison.html',
  styleUrl: './duplicate-comparison.scss',
})
export class DuplicateComparison {
  readonly current = input.required<ComparableInvoice>();
  readonly currentDocumentUrl = input<string | null>(null);
  readonly duplicates = input.required<readonly LikelyDuplicate[]>();

  protected readonly shortDateTime = shortDateTime;
  protected readonly chosenId = signal<string | null>(null);
  protected readonly earlier = computed(() => {
    const duplicates = this.duplicates();
    return duplicates.find((duplicate) => duplicate.invoiceId === this.chosenId()) ?? duplicates[0] ?? null;
  });
  protected readonly fields = computed(() => {
    const earlier = this.earlier();
    return earlier === null
      ? []
      : compareInvoices(this.current(), {
          number: earlier.number,
          supplierName: earlier.supplierName,
          issueDate: earlier.issueDate,
          dueDate: earlier.dueDate ?? null,
          gross: earlier.gross,
        });
  });
  protected readonly differing = computed(() => this.fields().filter((field) => field.differs).length);

  protected matchedBy(duplicate: LikelyDuplicate): string {
    return duplicate.matchedBy.map((match) => matchLabels[match] ?? match).join(' and ');
  }

  protected status(status: string): string {
    return statusLabels[status] ?? status.replace(/_/g, ' ');
  }
}

import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { type Subscription, firstValueFrom } from 'rxjs';

import { ApiProblem } from '../../core/api/api-problem';
import type { PortalOverviewQuery } from '../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../core/api/graphql-client';
import { MoneyPipe } from '../../shared/money';
import { shortDate, shortDateTime } from '../inbox/task-labels';
import { CorrectedVersion } from './corrected-version';
import { DocumentUploads, type UploadKind } from './document-uploads';
import { FileDrop } from './file-drop';
import { portalOverviewQuery, requestBankDetailsChangeMutation } from './portal.graphql';
import { latestReason, submissionProgress, submissionSteps } from './submission-progress';

/** A file being sent, or sent and being read: shown until the submissions list has it. */
export interface UploadItem {
  readonly key: number;
  readonly fileName: string;
  readonly kind: UploadKind;
  readonly percent: number;
  readonly state: 'sending' | 'sent' | 'duplicate' | 'failed';
  readonly workflowId: string | null;
  readonly intakeStatus: string | null;
  readonly problem: string | null;
}

/** A submission whose approver asked for changes: its intake waits for a corrected version. */
export interface ChangeRequest {
  readonly workflowId: string;
  readonly comment: string | null;
}

/** Suppliers: send invoices and quotes, follow each one to payment, keep their bank details current. */
@Component({
  selector: 'ev-supplier-portal-page',
  imports: [
    CorrectedVersion,
    FileDrop,
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTabsModule,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './supplier-portal-page.html',
  styleUrl: './supplier-portal-page.scss',
})
export class SupplierPortalPage {
  private readonly api = inject(GraphqlClient);
  private readonly uploads = inject(DocumentUploads);
  private readonly subscriptions: Subscription[] = [];
  private nextKey = 1;

  protected readonly overview = signal<PortalOverviewQuery | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly sending = signal<readonly UploadItem[]>([]);
  protected readonly bankProblem = signal<ApiProblem | null>(null);
  protected readonly bankOutcome = signal<string | null>(null);
  /** Submissions waiting for a corrected version, by invoice id. */
  protected readonly changeRequests = signal<ReadonlyMap<string, ChangeRequest>>(new Map());
  protected readonly steps = submissionSteps;
  protected readonly progress = submissionProgress;
  protected readonly latestReason = latestReason;
  protected readonly shortDate = shortDate;
  protected readonly shortDateTime = shortDateTime;
  protected uploadKind: UploadKind = 'invoice';
  protected eventId = '';
  protected purchaseOrderNumber = '';
  protected bank = { bankName: '', accountHolder: '', accountNumber: '', branchCode: '' };

  protected readonly eventNames = computed(
    () => new Map((this.overview()?.portalEvents ?? []).map((event) => [event.id, event.name])),
  );
  protected readonly pendingBankChange = computed(() =>
    (this.overview()?.myBankDetailsChanges.items ?? []).find((change) => change.status === 'pending'),
  );

  constructor() {
    void this.load();
    inject(DestroyRef).onDestroy(() => {
      for (const subscription of this.subscriptions) subscription.unsubscribe();
    });
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    try {
      const overview = await this.api.request(portalOverviewQuery);
      await this.findChangeRequests(overview);
      this.overview.set(overview);
      if (this.eventId === '' && overview.portalEvents.length === 1)
        this.eventId = overview.portalEvents[0]?.id ?? '';
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemFromHttpError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected onFilesChosen(input: HTMLInputElement): void {
    this.send(Array.from(input.files ?? []));
    input.value = '';
  }

  protected send(files: readonly File[]): void {
    if (files.length === 0) return;
    if (this.eventId === '') {
      this.problem.set(
        new ApiProblem('VALIDATION', 'Choose the event the documents are for first.', { field: 'eventId' }),
      );
      return;
    }
    this.problem.set(null);
    const fields: Record<string, string> = { eventId: this.eventId };
    if (this.uploadKind === 'invoice' && this.purchaseOrderNumber.trim() !== '') {
      fields['purchaseOrderNumber'] = this.purchaseOrderNumber.trim();
    }
    for (const file of files) this.sendOne(file, this.uploadKind, fields);
  }

  private sendOne(file: File, kind: UploadKind, fields: Readonly<Record<string, string>>): void {
    const key = this.nextKey++;
    this.sending.update((items) => [
      ...items,
      {
        key,
        fileName: file.name,
        kind,
        percent: 0,
        state: 'sending',
        workflowId: null,
        intakeStatus: null,
        problem: null,
      },
    ]);
    const subscription = this.uploads.upload(kind, file, fields).subscribe({
      next: (progress) => {
        if (progress.state === 'sending') {
          this.patch(key, { percent: progress.percent });
          return;
        }
        const workflowId =
          typeof progress.receipt.workflowId === 'string' ? progress.receipt.workflowId : null;
        this.patch(key, {
          percent: 100,
          state: progress.receipt.duplicate === true ? 'duplicate' : 'sent',
          workflowId,
        });
        if (kind === 'invoice' && workflowId !== null) this.follow(key, workflowId);
        else void this.load();
      },
      error: (error: unknown) =>
        this.patch(key, { state: 'failed', problem: problemFromHttpError(error).message }),
    });
    this.subscriptions.push(subscription);
  }

  /** Follows the intake until the invoice is read and routed, then refreshes the lists. */
  private follow(key: number, workflowId: string): void {
    const subscription = this.uploads.followIntake(workflowId).subscribe({
      next: (answer) => {
        if (answer !== null) this.patch(key, { intakeStatus: answer.state?.status ?? null });
      },
      complete: () => void this.load(),
    });
    this.subscriptions.push(subscription);
  }

  /**
   * An invoice goes back to "received" only when an approver asks for changes; its intake says whether it still waits
   * for a corrected version, and the approver's comment.
   */
  private async findChangeRequests(overview: PortalOverviewQuery): Promise<void> {
    const requests = new Map<string, ChangeRequest>();
    const waiting = overview.mySubmissions.items.filter(
      (invoice) => invoice.status === 'received' && invoice.intakeWorkflowId,
    );
    await Promise.all(
      waiting.map(async (invoice) => {
        const workflowId = invoice.intakeWorkflowId ?? '';
        const answer = await firstValueFrom(this.uploads.intakeStatus(workflowId)).catch(() => null);
        if (answer?.state?.status !== 'changes-requested') return;
        const outcome = answer.state.approvalOutcome;
        const comment =
          outcome?.result === 'changes-requested' && outcome.comment
            ? outcome.comment
            : latestReason(invoice.statusHistory);
        requests.set(invoice.id, { workflowId, comment });
      }),
    );
    this.changeRequests.set(requests);
  }

  private patch(key: number, change: Partial<UploadItem>): void {
    this.sending.update((items) => items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  protected dismiss(key: number): void {
    this.sending.update((items) => items.filter((item) => item.key !== key));
  }

  protected async requestBankChange(): Promise<void> {
    const { bankName, accountHolder, accountNumber, branchCode } = this.bank;
    if (bankName.trim() === '' || accountHolder.trim() === '' || accountNumber.trim() === '') {
      this.bankProblem.set(
        new ApiProblem('VALIDATION', 'Give the bank, the account holder and the account number.'),
      );
      return;
    }
    this.bankProblem.set(null);
    try {
      await this.api.request(requestBankDetailsChangeMutation, {
        input: {
          bankName: bankName.trim(),
          accountHolder: accountHolder.trim(),
          accountNumber: accountNumber.replace(/\s+/g, ''),
          ...(branchCode.trim() === '' ? {} : { branchCode: branchCode.trim() }),
        },
      });
      this.bank = { bankName: '', accountHolder: '', accountNumber: '', branchCode: '' };
      this.bankOutcome.set(
        'Sent to finance. Payments keep going to your current account until finance has checked the new one.',
      );
      await this.load();
    } catch (error) {
      this.bankProblem.set(problemFromHttpError(error));
    }
  }
}

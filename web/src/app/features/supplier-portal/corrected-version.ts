import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { type Subscription } from 'rxjs';

import { problemFromHttpError } from '../../core/api/graphql-client';
import { DocumentUploads } from './document-uploads';
import { FileDrop } from './file-drop';
import { submissionProgress, submissionSteps } from './submission-progress';

interface Sending {
  readonly fileName: string;
  readonly percent: number;
  readonly state: 'sending' | 'sent' | 'failed';
  /** The new version's intake status while it is read and routed. */
  readonly intakeStatus: string | null;
  readonly problem: string | null;
}

/**
 * "Send corrected version" for a submission whose approver asked for changes: one file, chosen or dropped, sent to
 * the intake that waits for it with a progress bar, then followed while it is read again and routed.
 */
@Component({
  selector: 'ev-corrected-version',
  imports: [FileDrop, MatButtonModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="corrected" evFileDrop (filesDropped)="onDropped($event)" data-testid="corrected-version">
      <button
        mat-stroked-button
        type="button"
        [disabled]="busy()"
        (click)="fileInput.click()"
        [attr.aria-label]="'Send corrected version of invoice ' + invoiceNumber()"
      >
        <mat-icon aria-hidden="true">upload_file</mat-icon>
        Send corrected version
      </button>
      <span class="hint">or drop the corrected PDF or photo here</span>
      <input
        #fileInput
        hidden
        type="file"
        accept="application/pdf,image/png,image/jpeg,image/tiff,image/webp"
        (change)="onChosen(fileInput)"
        data-testid="corrected-file-input"
      />
    </div>
    @if (sending(); as item) {
      <div class="progress" [attr.data-state]="item.state" data-testid="corrected-progress">
        <span class="file-name">{{ item.fileName }}</span>
        <span class="state">
          @switch (item.state) {
            @case ('sending') {
              Sending… {{ item.percent }} %
            }
            @case ('sent') {
              Corrected version received ·
              {{ item.intakeStatus ? steps[progress(item.intakeStatus).reached] : 'Received' }}
            }
            @case ('failed') {
              Not sent
            }
          }
        </span>
        <mat-progress-bar
          [mode]="item.state === 'sent' && !item.intakeStatus ? 'indeterminate' : 'determinate'"
          [value]="item.percent"
          [attr.aria-label]="'Progress of ' + item.fileName"
        />
        @if (item.problem) {
          <p class="problem" role="alert"><mat-icon aria-hidden="true">error</mat-icon>{{ item.problem }}</p>
        }
      </div>
    }
  `,
  styles: `
    .corrected {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      padding: 0.5rem;
      border: 1px dashed var(--mat-sys-outline, #999);
      border-radius: 8px;
    }
    .corrected.dragging {
      background: var(--mat-sys-primary-container, #e8f5e9);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant, #444);
    }
    .progress {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.25rem 1rem;
      margin-top: 0.5rem;
    }
    .progress mat-progress-bar,
    .progress .problem {
      grid-column: 1 / -1;
    }
  `,
})
export class CorrectedVersion {
  private readonly uploads = inject(DocumentUploads);
  private readonly subscriptions: Subscription[] = [];

  /** The intake waiting for the corrected version. */
  readonly workflowId = input.required<string>();
  readonly invoiceNumber = input.required<string>();
  /** The corrected version was read and routed (or stopped again): the submissions are worth reloading. */
  readonly settled = output<void>();

  protected readonly sending = signal<Sending | null>(null);
  protected readonly busy = signal(false);
  protected readonly steps = submissionSteps;
  protected readonly progress = submissionProgress;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const subscription of this.subscriptions) subscription.unsubscribe();
    });
  }

  protected onDropped(files: readonly File[]): void {
    const [file] = files;
    if (file !== undefined) this.send(file);
  }

  protected onChosen(input: HTMLInputElement): void {
    const [file] = Array.from(input.files ?? []);
    input.value = '';
    if (file !== undefined) this.send(file);
  }

  private send(file: File): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.sending.set({
      fileName: file.name,
      percent: 0,
      state: 'sending',
      intakeStatus: null,
      problem: null,
    });
    const workflowId = this.workflowId();
    const upload = this.uploads.resubmit(workflowId, file).subscribe({
      next: (progress) => {
        if (progress.state === 'sending') {
          this.patch({ percent: progress.percent });
          return;
        }
        const status = typeof progress.receipt['status'] === 'string' ? progress.receipt['status'] : null;
        this.patch({ percent: 100, state: 'sent', intakeStatus: status });
        this.follow(workflowId);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.patch({ state: 'failed', problem: problemFromHttpError(error).message });
      },
    });
    this.subscriptions.push(upload);
  }

  private follow(workflowId: string): void {
    const following = this.uploads.followIntake(workflowId).subscribe({
      next: (answer) => {
        if (answer?.state?.status) this.patch({ intakeStatus: answer.state.status });
      },
      complete: () => this.settled.emit(),
    });
    this.subscriptions.push(following);
  }

  private patch(change: Partial<Sending>): void {
    this.sending.update((item) => (item === null ? item : { ...item, ...change }));
  }
}

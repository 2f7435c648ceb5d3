import { HttpClient, HttpEventType, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, catchError, concatMap, filter, map, of, take, takeWhile, timer } from 'rxjs';

import { RUNTIME_CONFIG } from '../../core/config/runtime-config';

export type UploadKind = 'invoice' | 'quote';

export interface UploadReceipt {
  readonly workflowId?: string;
  readonly duplicate?: boolean;
  readonly [key: string]: unknown;
}

export type UploadProgress =
  | { readonly state: 'sending'; readonly percent: number }
  | { readonly state: 'done'; readonly receipt: UploadReceipt };

export interface IntakeStatus {
  readonly workflowId: string;
  readonly execution: { readonly status: string };
  readonly state: {
    readonly status?: string;
    /** The last approval's outcome; its comment says what to change when changes were requested. */
    readonly approvalOutcome?: { readonly result: string; readonly comment?: string } | null;
    readonly [key: string]: unknown;
  } | null;
}

/** Intake statuses at which an invoice is read and routed (or stopped): following it ends there. */
export const settledIntakeStatuses: ReadonlySet<string> = new Set([
  'in-review',
  'pending-approval',
  'approved',
  'posted',
  'rejected',
  'changes-requested',
]);

/** How often an invoice being read is asked about, and how many times at most. */
const statusPollMs = 3_000;
const statusPollLimit = 100;

const routes: Readonly<Record<UploadKind, string>> = {
  invoice: '/invoices/uploads',
  quote: '/portal/quotes',
};

/** Multipart uploads to the API's REST routes, with progress; the API checks type by content and size itself. */
@Injectable({ providedIn: 'root' })
export class DocumentUploads {
  private readonly http = inject(HttpClient);
  private readonly apiUrl = inject(RUNTIME_CONFIG).apiUrl;

  upload(kind: UploadKind, file: File, fields: Readonly<Record<string, string>>): Observable<UploadProgress> {
    return this.send(`${this.apiUrl}${routes[kind]}`, file, fields);
  }

  /** A corrected version of an invoice whose approver requested changes, to the intake that waits for it. */
  resubmit(workflowId: string, file: File): Observable<UploadProgress> {
    return this.send(`${this.apiUrl}/invoices/uploads/${encodeURIComponent(workflowId)}/versions`, file, {});
  }

  private send(
    url: string,
    file: File,
    fields: Readonly<Record<string, string>>,
  ): Observable<UploadProgress> {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', file, file.name);
    return this.http.post<UploadReceipt>(url, body, { reportProgress: true, observe: 'events' }).pipe(
      filter(
        (event: HttpEvent<UploadReceipt>) =>
          event.type === HttpEventType.UploadProgress || event.type === HttpEventType.Response,
      ),
      map((event): UploadProgress => {
        if (event.type === HttpEventType.UploadProgress) {
          const percent = event.total ? Math.round((event.loaded / event.total) * 100) : 0;
          return { state: 'sending', percent };
        }
        if (event.type === HttpEventType.Response) return { state: 'done', receipt: event.body ?? {} };
        return { state: 'sending', percent: 0 };
      }),
    );
  }

  /** Where an invoice upload stands in its intake workflow. */
  intakeStatus(workflowId: string): Observable<IntakeStatus> {
    return this.http.get<IntakeStatus>(`${this.apiUrl}/invoices/uploads/${encodeURIComponent(workflowId)}`);
  }

  /**
   * Asks the intake where the invoice stands now and every few seconds, until it is read and routed (the last
   * answer is emitted, then it completes); a failed question emits null and the next one is asked anyway.
   */
  followIntake(workflowId: string): Observable<IntakeStatus | null> {
    return timer(0, statusPollMs).pipe(
      take(statusPollLimit),
      concatMap(() => this.intakeStatus(workflowId).pipe(catchError(() => of(null)))),
      takeWhile((answer) => !settledIntakeStatuses.has(answer?.state?.status ?? ''), true),
    );
  }
}

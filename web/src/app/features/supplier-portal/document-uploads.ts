import { HttpClient, HttpEventType, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, filter, map } from 'rxjs';

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
  readonly state: { readonly status?: string; readonly [key: string]: unknown } | null;
}

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
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', file, file.name);
    return this.http
      .post<UploadReceipt>(`${this.apiUrl}${routes[kind]}`, body, { reportProgress: true, observe: 'events' })
      .pipe(
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
}

import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, catchError, map, of, throwError } from 'rxjs';

import { NotSignedInError } from '../../core/auth/auth.service';
import { RUNTIME_CONFIG } from '../../core/config/runtime-config';

export type DependencyStatus = 'up' | 'down';

export interface DependencyCheck {
  readonly name: string;
  readonly status: DependencyStatus;
  readonly latencyMs: number | null;
  /** The API's explanation when a dependency is down, if it gave one. */
  readonly detail: string | null;
}

export interface HealthReport {
  readonly status: 'ok' | 'error';
  readonly checks: readonly DependencyCheck[];
  readonly httpStatus: number;
  readonly checkedAt: Date;
}

/** The API could not be asked, or answered something that is not a health report. */
export class HealthUnavailableError extends Error {
  override readonly name = 'HealthUnavailableError';
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : null;
}

function parseCheck(value: unknown): DependencyCheck | null {
  const record = asRecord(value);
  if (record === null || typeof record['name'] !== 'string') return null;
  const latency = record['latencyMs'];
  const detail = record['error'] ?? record['message'];
  return {
    name: record['name'],
    status: record['status'] === 'up' ? 'up' : 'down',
    latencyMs: typeof latency === 'number' && Number.isFinite(latency) ? latency : null,
    detail: typeof detail === 'string' ? detail : null,
  };
}

/** Reads `GET /health` defensively; any dependency whose status is not exactly "up" counts as down. */
export function parseHealthReport(body: unknown, httpStatus: number, checkedAt: Date): HealthReport {
  const record = asRecord(body);
  const checks = record?.['checks'];
  if (record === null || !Array.isArray(checks)) {
    throw new HealthUnavailableError(`The API answered HTTP ${httpStatus} without a health report.`);
  }
  const parsed = checks.map(parseCheck).filter((check): check is DependencyCheck => check !== null);
  const allUp = parsed.every((check) => check.status === 'up');
  return {
    status: record['status'] === 'ok' && allUp ? 'ok' : 'error',
    checks: parsed,
    httpStatus,
    checkedAt,
  };
}

function describeFailure(error: unknown, apiUrl: string): string {
  if (error instanceof HealthUnavailableError) return error.message;
  if (error instanceof NotSignedInError) return 'Your session has ended; sign in again to check the API.';
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return `The API at ${apiUrl} could not be reached.`;
    if (error.status === 401 || error.status === 403) {
      return `The API refused the request (HTTP ${error.status}); try signing in again.`;
    }
    return `The API answered HTTP ${error.status}.`;
  }
  return 'The health check failed.';
}

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);
  private readonly apiUrl = inject(RUNTIME_CONFIG).apiUrl;

  /** The API's health: HTTP 200 and 503 both carry a report; anything else is a HealthUnavailableError. */
  check(): Observable<HealthReport> {
    return this.http.get<unknown>(`${this.apiUrl}/health`, { observe: 'response' }).pipe(
      map((response) => parseHealthReport(response.body, response.status, new Date())),
      catchError((error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 503) {
          try {
            return of(parseHealthReport(error.error, 503, new Date()));
          } catch (parseError: unknown) {
            return throwError(() => new HealthUnavailableError(describeFailure(parseError, this.apiUrl)));
          }
        }
        return throwError(() => new HealthUnavailableError(describeFailure(error, this.apiUrl)));
      }),
    );
  }
}

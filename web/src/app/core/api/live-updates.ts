import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { type Client, createClient } from 'graphql-ws';
import { Observable } from 'rxjs';

import { AuthService } from '../auth/auth.service';
import { RUNTIME_CONFIG } from '../config/runtime-config';
import { toApiProblem } from './api-problem';
import type { TypedDocumentString } from './generated/graphql';

export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'closed';

/** The API's WebSocket endpoint for `url` (http → ws, https → wss). */
export function subscriptionUrl(apiUrl: string): string {
  const url = new URL(`${apiUrl}/graphql`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * GraphQL subscriptions over one graphql-ws connection, opened on first use. Each (re)connection sends a fresh
 * access token, so a reconnect after a token refresh never uses an expired one; graphql-ws retries with back-off.
 */
@Injectable({ providedIn: 'root' })
export class LiveUpdates {
  private readonly auth = inject(AuthService);
  private readonly url = subscriptionUrl(inject(RUNTIME_CONFIG).apiUrl);
  private client: Client | undefined;
  private readonly statusState = signal<LiveStatus>('idle');

  /** Whether pushed changes are arriving: `closed` while graphql-ws waits to reconnect. */
  readonly status = this.statusState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => void this.client?.dispose());
  }

  subscribe<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
  ): Observable<TResult> {
    return new Observable<TResult>((subscriber) =>
      this.connection().subscribe<TResult>(
        { query: document.toString(), variables: variables as Record<string, unknown> },
        {
          next: (message) => {
            const [first] = message.errors ?? [];
            if (first !== undefined) {
              subscriber.error(
                toApiProblem(first.extensions?.['code'], first.message, first.extensions?.['details']),
              );
            } else if (message.data !== undefined && message.data !== null) {
              subscriber.next(message.data);
            }
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        },
      ),
    );
  }

  private connection(): Client {
    this.client ??= createClient({
      url: this.url,
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => this.auth.isAuthenticated(),
      connectionParams: async () => ({ Authorization: `Bearer ${await this.auth.accessToken()}` }),
      on: {
        connecting: () => this.statusState.set('connecting'),
        connected: () => this.statusState.set('connected'),
        closed: () => this.statusState.set('closed'),
      },
    });
    return this.client;
  }
}

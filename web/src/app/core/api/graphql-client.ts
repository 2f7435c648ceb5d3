import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { RUNTIME_CONFIG } from '../config/runtime-config';
import { ApiProblem, toApiProblem } from './api-problem';
import type { TypedDocumentString } from './generated/graphql';

interface GraphqlErrorBody {
  readonly message?: unknown;
  readonly extensions?: { readonly code?: unknown; readonly details?: unknown };
}

interface RestErrorBody {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly details?: unknown;
}

interface GraphqlResponseBody<TResult> {
  readonly data?: TResult | null;
  readonly errors?: readonly GraphqlErrorBody[];
}

/**
 * Typed GraphQL over the app's HttpClient (so the bearer-token interceptor signs each call). Operations are written
 * with `graphql()` from ./generated, whose types come from api/schema.graphql (`npm run codegen -w web`).
 * Any error the API reports becomes an {@link ApiProblem}; the first one wins, as an operation here is one field.
 */
@Injectable({ providedIn: 'root' })
export class GraphqlClient {
  private readonly http = inject(HttpClient);
  private readonly endpoint = `${inject(RUNTIME_CONFIG).apiUrl}/graphql`;

  async request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult> {
    let body: GraphqlResponseBody<TResult>;
    try {
      body = await firstValueFrom(
        this.http.post<GraphqlResponseBody<TResult>>(this.endpoint, {
          query: document.toString(),
          ...(variables === undefined ? {} : { variables }),
        }),
      );
    } catch (error) {
      throw problemFromHttpError(error);
    }
    return resultOf(body);
  }
}

export function resultOf<TResult>(body: GraphqlResponseBody<TResult>): TResult {
  const [first] = body.errors ?? [];
  if (first !== undefined)
    throw toApiProblem(first.extensions?.code, first.message, first.extensions?.details);
  if (body.data === undefined || body.data === null) {
    throw new ApiProblem('INTERNAL', 'The API answered without data.');
  }
  return body.data;
}

/** GraphQL errors also arrive with 4xx statuses (e.g. 401 when no operation ran); their body says why. */
export function problemFromHttpError(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof HttpErrorResponse) {
    const body = error.error as
      GraphqlResponseBody<unknown> | RestErrorBody | { readonly error?: RestErrorBody } | null;
    if (body !== null && typeof body === 'object') {
      if ('errors' in body && Array.isArray(body.errors) && body.errors.length > 0) {
        const [first] = body.errors as GraphqlErrorBody[];
        return toApiProblem(first?.extensions?.code, first?.message, first?.extensions?.details);
      }
      // The REST routes answer { error: { code, message, details } } (the OpenAPI Error schema).
      const rest =
        'error' in body && body.error !== null && typeof body.error === 'object' ? body.error : body;
      if ('code' in rest) return toApiProblem(rest.code, rest.message, rest.details);
    }
    if (error.status === 0) {
      return new ApiProblem(
        'NETWORK',
        'EventVault could not be reached. Check your connection and try again.',
      );
    }
    return toApiProblem(undefined, `The API answered ${error.status} ${error.statusText}.`, {});
  }
  if (error instanceof Error && error.name === 'NotSignedInError') {
    return new ApiProblem('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  }
  return new ApiProblem('INTERNAL', error instanceof Error ? error.message : 'The request failed.');
}

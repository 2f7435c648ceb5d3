import path from 'node:path';
import { demoPasswordGrant, demoStepUpLogin, type RealmLocation, type TokenSet } from './keycloak-tokens';

/**
 * A demo user calling the EventVault API as the web app and the portal do: a real Keycloak token (renewed before
 * it expires), GraphQL over POST, and the REST routes for documents. Used by the demo, the acceptance script and
 * integration tests, so none of them reaches past the API.
 */

export interface ApiLocation extends RealmLocation {
  /** e.g. http://127.0.0.1:3000 */
  readonly apiUrl: string;
}

/** The API said no: its error code (VALIDATION, CONFLICT, STEP_UP_REQUIRED, …), HTTP status and message. */
export class ApiRefusal extends Error {
  override readonly name = 'ApiRefusal';

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export interface GraphqlAnswer<T> {
  readonly data?: T | null;
  readonly errors?: readonly {
    readonly message: string;
    readonly extensions?: { readonly code?: string; readonly details?: Readonly<Record<string, unknown>> };
  }[];
}

export interface RestAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** A document to send: its bytes and the name it is sent under (a label only: the API judges the bytes). */
export interface DocumentFile {
  readonly bytes: Uint8Array;
  readonly name: string;
}

export interface UploadReceipt {
  readonly workflowId: string;
  readonly duplicate: boolean;
  readonly document: { readonly sha256: string; readonly sizeBytes: number; readonly contentType: string };
}

export interface ResubmissionReceipt {
  readonly workflowId: string;
  readonly document: UploadReceipt['document'];
  readonly status: string;
}

export interface UploadStatus<State> {
  readonly workflowId: string;
  readonly execution: {
    readonly status: string;
    readonly startedAt: string;
    readonly closedAt: string | null;
  };
  readonly state: State | null;
}

const REQUEST_TIMEOUT_MS = 60_000;
/** A token this close to expiry is renewed before the next call. */
const RENEW_BEFORE_EXPIRY_MS = 30_000;

function refusalOf(status: number, body: unknown): ApiRefusal {
  const error = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
    ?.error;
  return new ApiRefusal(
    error?.code ?? `HTTP_${status}`,
    status,
    error?.message ?? JSON.stringify(body),
    error?.details,
  );
}

export class ApiUser {
  private tokens: TokenSet;
  private expiresAt: number;
  private steppedUp = false;

  private constructor(
    readonly location: ApiLocation,
    readonly username: string,
    tokens: TokenSet,
  ) {
    this.tokens = tokens;
    this.expiresAt = Date.now() + tokens.expiresIn * 1000;
  }

  /** Signs a demo user in with their password (and one-time code, for users with TOTP): acr "1". */
  static async signIn(location: ApiLocation, username: string): Promise<ApiUser> {
    return new ApiUser(location, username, await demoPasswordGrant(location, username));
  }

  /** Whether the current token carries a fresh multi-factor sign-in (acr "2"). */
  get mfa(): boolean {
    return this.steppedUp;
  }

  /** Signs in again through Keycloak's login forms with the one-time code (acr "2"), as the web app's step-up does. */
  async stepUp(): Promise<void> {
    this.use(await demoStepUpLogin(this.location, this.username));
    this.steppedUp = true;
  }

  private use(tokens: TokenSet): void {
    this.tokens = tokens;
    this.expiresAt = Date.now() + tokens.expiresIn * 1000;
  }

  private async bearer(): Promise<string> {
    if (Date.now() > this.expiresAt - RENEW_BEFORE_EXPIRY_MS) {
      if (this.steppedUp) await this.stepUp();
      else this.use(await demoPasswordGrant(this.location, this.username));
    }
    return this.tokens.accessToken;
  }

  /** The raw GraphQL answer, errors included. */
  async graphql<T>(
    query: string,
    variables: Readonly<Record<string, unknown>> = {},
  ): Promise<GraphqlAnswer<T>> {
    const response = await fetch(`${this.location.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await this.bearer()}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return (await response.json()) as GraphqlAnswer<T>;
  }

  /** The data of a GraphQL answer; its first error as an ApiRefusal. */
  async data<T>(query: string, variables: Readonly<Record<string, unknown>> = {}): Promise<T> {
    const answer = await this.graphql<T>(query, variables);
    const [error] = answer.errors ?? [];
    if (error !== undefined || !answer.data) {
      throw new ApiRefusal(
        error?.extensions?.code ?? 'NO_DATA',
        200,
        error?.message ?? 'GraphQL answered without data',
        error?.extensions?.details,
      );
    }
    return answer.data;
  }

  /** A REST call as it is answered (status and JSON body), refusals included. */
  async rest<T = unknown>(method: 'GET' | 'POST', route: string, form?: FormData): Promise<RestAnswer<T>> {
    const response = await fetch(`${this.location.apiUrl}${route}`, {
      method,
      headers: { Authorization: `Bearer ${await this.bearer()}` },
      body: form ?? null,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): kept as text for the message.
    }
    return { status: response.status, body: body as T };
  }

  private async expect<T>(answer: Promise<RestAnswer>, ...statuses: number[]): Promise<T> {
    const { status, body } = await answer;
    if (!statuses.includes(status)) throw refusalOf(status, body);
    return body as T;
  }

  /** POST /invoices/uploads: 202 when intake started, 200 when these bytes were uploaded before. */
  uploadInvoice(file: DocumentFile, fields: Readonly<Record<string, string>>): Promise<UploadReceipt> {
    return this.expect(this.rest('POST', '/invoices/uploads', documentForm(file, fields)), 200, 202);
  }

  /** POST /invoices/uploads/{workflowId}/versions: a corrected version for an intake whose changes were requested. */
  resubmitInvoice(workflowId: string, file: DocumentFile): Promise<ResubmissionReceipt> {
    return this.expect(this.rest('POST', versionsRoute(workflowId), documentForm(file)), 202);
  }

  /** GET /invoices/uploads/{workflowId}: the intake run and its own account of its state. */
  uploadStatus<State>(workflowId: string): Promise<UploadStatus<State>> {
    return this.expect(this.rest('GET', `/invoices/uploads/${encodeURIComponent(workflowId)}`), 200);
  }
}

export function versionsRoute(workflowId: string): string {
  return `/invoices/uploads/${encodeURIComponent(workflowId)}/versions`;
}

/** Multipart form data as the portal sends it: the text fields, then the document in "file". */
export function documentForm(file: DocumentFile, fields: Readonly<Record<string, string>> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file.bytes]), path.basename(file.name));
  return form;
}

/** Polls `probe` until it returns a value (not undefined), or fails naming what it waited for. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 120_000, intervalMs = 500 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  readonly requestId: string;
  /** Set once the request's token is verified, so every later line names the caller. */
  caller?: { readonly subject: string; readonly organisation: string };
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request id of the request being handled, if any (read by the logger). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The verified caller of the request being handled, if any (read by the logger). */
export function currentCaller(): RequestContext['caller'] {
  return storage.getStore()?.caller;
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** For events that merely surfaced during a request (a pooled connection dying) but do not belong to it. */
export function outsideRequestContext<T>(fn: () => T): T {
  return storage.exit(fn);
}

const acceptableRequestId = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's X-Request-Id when it is a plain token (so ids correlate across services), else makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate !== undefined && acceptableRequestId.test(candidate) ? candidate : randomUUID();
}

import { isGrpcServiceError } from '@temporalio/client';
import { ApiError, ApiErrorCode } from '../errors/api-error';

// gRPC status codes meaning "the server could not be reached or did not answer".
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const unreachable = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 5;) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

/** Whether an error means Temporal or the object store is unreachable (the caller may simply retry later). */
export function isDependencyDown(error: unknown): boolean {
  return causes(error).some((cause) => {
    if (isGrpcServiceError(cause)) {
      const grpcStatus: number = cause.code;
      return grpcStatus === UNAVAILABLE || grpcStatus === DEADLINE_EXCEEDED;
    }
    const code = (cause as { code?: unknown } | null)?.code;
    return typeof code === 'string' && unreachable.has(code);
  });
}

export function dependencyDown(service: string, cause: unknown): ApiError {
  return new ApiError(
    ApiErrorCode.DEPENDENCY_DOWN,
    `${service} is unavailable; try again shortly`,
    undefined,
    {
      cause,
    },
  );
}

/** Rethrows unreachable-service errors as DEPENDENCY_DOWN (503), anything else unchanged. */
export function rethrowDependencyDown(error: unknown, service: string): never {
  throw isDependencyDown(error) ? dependencyDown(service, error) : error;
}

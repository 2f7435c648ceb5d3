/**
 * The API's error vocabulary. One filter (ApiExceptionFilter) turns these into HTTP responses and
 * GraphQL errors (`extensions.code`), so clients branch on the code, never on the message.
 */
export const ApiErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  STEP_UP_REQUIRED: 'STEP_UP_REQUIRED',
  VALIDATION: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  /** The thing changed under the caller: e.g. a task already closed. */
  CONFLICT: 'CONFLICT',
  DEPENDENCY_DOWN: 'DEPENDENCY_DOWN',
  INTERNAL: 'INTERNAL',
  RATE_LIMITED: 'RATE_LIMITED',
} as const;

export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export const httpStatusByCode: Readonly<Record<ApiErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  STEP_UP_REQUIRED: 401,
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DEPENDENCY_DOWN: 503,
  INTERNAL: 500,
  RATE_LIMITED: 429,
};

export type ApiErrorDetails = Readonly<Record<string, unknown>>;

export class ApiError extends Error {
  override readonly name: string = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Safe to show to the caller (no secrets, no internals). */
    readonly details?: ApiErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code];
  }
}

/** The caller must authenticate again with MFA (acr "2") because the action moves money. */
export class StepUpRequiredError extends ApiError {
  override readonly name = 'StepUpRequiredError';

  constructor(
    message: string,
    readonly requiredAcr: string,
    readonly maxAgeSeconds: number,
  ) {
    super(ApiErrorCode.STEP_UP_REQUIRED, message, { acrValues: requiredAcr, maxAgeSeconds });
  }
}

/** The caller sent too many requests of one kind; they may try again after `retryAfterSeconds`. */
export class RateLimitedError extends ApiError {
  override readonly name = 'RateLimitedError';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(ApiErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
  }
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ApiErrorCode, value);
}

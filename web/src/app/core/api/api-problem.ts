/**
 * What the API said went wrong, in the API's own vocabulary (`extensions.code` in GraphQL, `code` in REST bodies).
 * Screens branch on `code`, and show `message`, which the API writes for people.
 */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'STEP_UP_REQUIRED'
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'DEPENDENCY_DOWN'
  | 'INTERNAL'
  | 'NETWORK';

const knownCodes: ReadonlySet<string> = new Set<ApiErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'STEP_UP_REQUIRED',
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'DEPENDENCY_DOWN',
  'INTERNAL',
  'NETWORK',
]);

export type ApiProblemDetails = Readonly<Record<string, unknown>>;

export class ApiProblem extends Error {
  override readonly name: string = 'ApiProblem';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ApiProblemDetails = {},
  ) {
    super(message);
  }

  /** The input field the API named, for showing the message beside it. */
  get field(): string | undefined {
    const field = this.details['field'];
    return typeof field === 'string' ? field : undefined;
  }
}

/** The action moves money: the API wants a fresh MFA sign-in (acr `acrValues`, at most `maxAgeSeconds` old). */
export class StepUpRequired extends ApiProblem {
  override readonly name = 'StepUpRequired';

  get acrValues(): string {
    const value = this.details['acrValues'];
    return typeof value === 'string' ? value : '2';
  }

  get maxAgeSeconds(): number | undefined {
    const value = this.details['maxAgeSeconds'];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  }
}

/** One error as the API reported it, from whatever shape the transport gave. */
export function toApiProblem(code: unknown, message: unknown, details: unknown): ApiProblem {
  const known: ApiErrorCode =
    typeof code === 'string' && knownCodes.has(code) ? (code as ApiErrorCode) : 'INTERNAL';
  const text = typeof message === 'string' && message !== '' ? message : 'The request failed.';
  const safeDetails =
    typeof details === 'object' && details !== null && !Array.isArray(details)
      ? (details as ApiProblemDetails)
      : {};
  return known === 'STEP_UP_REQUIRED'
    ? new StepUpRequired(known, text, safeDetails)
    : new ApiProblem(known, text, safeDetails);
}

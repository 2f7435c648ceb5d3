import { type Role } from '../../src/auth/roles';

/**
 * The authorisation matrix's vocabulary. Every GraphQL operation (Query/Mutation/Subscription field) and every REST
 * route has exactly one OperationAccess entry, in one of the `operations.*.ts` files beside this one. The matrix test
 * lists the operations from api/schema.graphql and the API's routes and fails for any without an entry, then calls
 * each one as every demo role of kalahari-live, as a caller without a token, and as finance@karoo.demo (another
 * organisation), with real Keycloak tokens against the running test stack.
 */

/** "Query.events", "Mutation.approveTask", "Subscription.taskChanged", "POST /invoices/uploads". */
export type OperationName = string;

/** What the matrix knows when it builds a request: ids from kalahari-live's demo seed, read once per run. */
export interface MatrixContext {
  readonly organisationId: string;
  readonly eventId: string;
  readonly budgetLineId: string;
  readonly supplierId: string;
  readonly invoiceId: string;
  /** Any other seeded id an entry needs, by name (the entry's `seed` says which query finds it). */
  readonly extra: Readonly<Record<string, string>>;
}

export type MatrixRequest =
  | {
      readonly kind: 'graphql';
      readonly query: string;
      readonly variables?: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: 'http';
      readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      readonly path: string;
      readonly body?: FormData | Readonly<Record<string, unknown>>;
    };

export interface OperationAccess {
  readonly operation: OperationName;
  /** kalahari-live roles that get past authorisation. Everyone else must be refused with FORBIDDEN (HTTP 403). */
  readonly allow: readonly Role[];
  /**
   * What a caller of another organisation holding an allowed role sees: 'not-found' (the kalahari id is unknown to
   * them: NOT_FOUND / 404) or 'own-data-only' (a list that must not contain any kalahari id).
   */
  readonly otherOrganisation: 'not-found' | 'own-data-only';
  /** Needs no token (a @Public handler): a caller without one is answered, not refused with 401. */
  readonly public?: boolean;
  /** Needs step-up MFA: an allowed caller with acr "1" gets STEP_UP_REQUIRED (which still proves the role check passed). */
  readonly stepUp?: boolean;
  /**
   * A request that is valid for kalahari-live's demo data. It must not change what other entries rely on: prefer
   * reads, or mutations whose allowed outcome is harmless (e.g. on an id made for the matrix).
   */
  readonly request: (context: MatrixContext) => MatrixRequest;
}

import { ApiError, ApiErrorCode } from '../errors/api-error';

/** Temporal's ExecutionStatus values, as the visibility query language spells them. */
export const workflowStatuses = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;
export type WorkflowStatusFilter = (typeof workflowStatuses)[number];

export interface WorkflowListFilter {
  readonly type?: string | null;
  readonly status?: WorkflowStatusFilter | null;
  readonly startedAfter?: Date | null;
  readonly startedBefore?: Date | null;
  readonly supplierId?: string | null;
  readonly eventId?: string | null;
  readonly invoiceStatus?: string | null;
  /** Exact decimal strings in the organisation's base currency (the InvoiceAmount search attribute). */
  readonly amountAtLeast?: string | null;
  readonly amountAtMost?: string | null;
}

const keyword = /^[A-Za-z0-9._:-]{1,200}$/;
const decimal = /^-?\d{1,16}(\.\d{1,6})?$/;

function quoted(field: string, value: string): string {
  // Values are restricted to plain tokens, so nothing needs escaping and nothing can break out of the quotes.
  if (!keyword.test(value)) {
    throw new ApiError(ApiErrorCode.VALIDATION, `${field} may contain only letters, digits and . _ : -`, {
      field,
    });
  }
  return `"${value}"`;
}

function amount(field: string, value: string): string {
  if (!decimal.test(value)) {
    throw new ApiError(ApiErrorCode.VALIDATION, `${field} must be a decimal amount such as "1500.00"`, {
      field,
    });
  }
  return value;
}

/**
 * The visibility query for an admin's listing. The caller's organisation is always the first condition, so no
 * filter can widen the listing beyond it.
 */
export function visibilityQuery(organisationId: string, filter: WorkflowListFilter = {}): string {
  const conditions = [`OrganisationId = ${quoted('organisationId', organisationId)}`];
  if (filter.type) conditions.push(`WorkflowType = ${quoted('type', filter.type)}`);
  if (filter.status) conditions.push(`ExecutionStatus = ${quoted('status', filter.status)}`);
  if (filter.startedAfter) conditions.push(`StartTime > "${filter.startedAfter.toISOString()}"`);
  if (filter.startedBefore) conditions.push(`StartTime < "${filter.startedBefore.toISOString()}"`);
  if (filter.supplierId) conditions.push(`SupplierId = ${quoted('supplierId', filter.supplierId)}`);
  if (filter.eventId) conditions.push(`EventId = ${quoted('eventId', filter.eventId)}`);
  if (filter.invoiceStatus) {
    conditions.push(`InvoiceStatus = ${quoted('invoiceStatus', filter.invoiceStatus)}`);
  }
  if (filter.amountAtLeast) {
    conditions.push(`InvoiceAmount >= ${amount('amountAtLeast', filter.amountAtLeast)}`);
  }
  if (filter.amountAtMost) {
    conditions.push(`InvoiceAmount <= ${amount('amountAtMost', filter.amountAtMost)}`);
  }
  return conditions.join(' AND ');
}

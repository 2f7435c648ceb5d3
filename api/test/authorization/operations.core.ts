import { knownRoles } from '../../src/auth/roles';
import { type OperationAccess } from './operation-access';

/** Not an invoice by its bytes: an allowed caller is refused at the content check (415), so nothing is started. */
function notAnInvoice(eventId: string | null): FormData {
  const form = new FormData();
  if (eventId !== null) form.append('eventId', eventId);
  form.append('file', new Blob(['not an invoice'], { type: 'application/pdf' }), 'matrix.pdf');
  return form;
}

/** The foundation's operations: identity, health and invoice uploads. */
export const coreOperations: readonly OperationAccess[] = [
  {
    operation: 'Query.me',
    allow: [...knownRoles],
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ me { subject username organisation roles mfa } }' }),
  },
  {
    operation: 'GET /health',
    allow: [...knownRoles],
    public: true,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'http', method: 'GET', path: '/health' }),
  },
  {
    operation: 'POST /invoices/uploads',
    allow: ['supplier', 'finance', 'admin', 'event_manager'],
    // The kalahari event is unknown to another organisation, checked before the document is.
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'http',
      method: 'POST',
      path: '/invoices/uploads',
      body: notAnInvoice(context.eventId),
    }),
  },
  {
    operation: 'POST /invoices/uploads/:workflowId/versions',
    allow: ['supplier', 'finance', 'admin'],
    // No such intake (for the supplier: none of its supplier's), so an allowed caller is answered NOT_FOUND.
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'http',
      method: 'POST',
      path: `/invoices/uploads/invoice-intake-${context.organisationId}-${'0'.repeat(64)}/versions`,
      body: notAnInvoice(null),
    }),
  },
  {
    operation: 'GET /invoices/uploads/:workflowId',
    allow: ['supplier', 'finance', 'admin', 'event_manager', 'approver', 'auditor'],
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'http',
      method: 'GET',
      path: `/invoices/uploads/invoice-intake-${context.organisationId}-${'0'.repeat(64)}`,
    }),
  },
];

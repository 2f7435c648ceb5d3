import { randomUUID } from 'node:crypto';
import { type OperationAccess } from './operation-access';

// The supplier portal. Supplier operations read and act for the supplier the caller's user is linked to
// (app_user.supplier_id; the seed links supplier@kalahari.demo to Soundwave Audio Hire). A supplier-role caller of
// another organisation has no linked user there, so for them the answer is FORBIDDEN, not data of anyone's; lists
// are still "own-data-only" in that nothing of kalahari's can appear.
// Finance verifies bank-details changes with step-up MFA.
//
// Ids beyond MatrixContext, in `extra`: bankDetailsChangeId, the change the demo seed made for Soundwave and finance
// rejected (bank_details_change of that supplier with status 'rejected'; scripts/seed/demo-portal.ts). Deciding it
// again is refused with VALIDATION: harmless.

const supplierOnly = ['supplier'] as const;

export const portalOperations: readonly OperationAccess[] = [
  {
    operation: 'Query.mySupplierProfile',
    allow: supplierOnly,
    otherOrganisation: 'own-data-only',
    request: () => ({
      kind: 'graphql',
      query: '{ mySupplierProfile { id name bankDetails { accountEnding } } }',
    }),
  },
  {
    operation: 'Query.mySubmissions',
    allow: supplierOnly,
    otherOrganisation: 'own-data-only',
    request: () => ({
      kind: 'graphql',
      query: '{ mySubmissions { items { id status statusHistory { status reason } } } }',
    }),
  },
  {
    operation: 'Query.myQuotes',
    allow: supplierOnly,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ myQuotes { items { id } } }' }),
  },
  {
    operation: 'Query.portalEvents',
    allow: supplierOnly,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ portalEvents { id name startsOn endsOn } }' }),
  },
  {
    operation: 'Query.myPayments',
    allow: supplierOnly,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ myPayments { items { id } } }' }),
  },
  {
    operation: 'Query.myBankDetailsChanges',
    allow: supplierOnly,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ myBankDetailsChanges { items { id status } } }' }),
  },
  {
    operation: 'Mutation.requestBankDetailsChange',
    allow: supplierOnly,
    otherOrganisation: 'own-data-only',
    // Opens a review task for finance; a second call while it is pending is refused with VALIDATION.
    request: () => ({
      kind: 'graphql',
      query: 'mutation ($input: BankDetailsInput!) { requestBankDetailsChange(input: $input) { id status } }',
      variables: {
        input: {
          accountHolder: 'Soundwave Audio Hire (Pty) Ltd',
          bankName: 'Authorisation Matrix Bank',
          accountNumber: '000011112222',
        },
      },
    }),
  },
  {
    operation: 'POST /portal/quotes',
    allow: supplierOnly,
    otherOrganisation: 'not-found',
    // A small PDF of its own each call (the same bytes twice are refused as a duplicate): a received quote.
    request: (c) => {
      const form = new FormData();
      form.append('eventId', c.eventId);
      form.append('reference', 'Authorisation matrix');
      form.append('netAmount', '100.00');
      form.append('vatAmount', '15.00');
      const pdf = `%PDF-1.4\n% matrix ${randomUUID()}\n%%EOF\n`;
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'matrix-quote.pdf');
      return { kind: 'http', method: 'POST', path: '/portal/quotes', body: form };
    },
  },
  {
    operation: 'Query.bankDetailsChanges',
    allow: ['admin', 'finance'],
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ bankDetailsChanges { items { id status } } }' }),
  },
  {
    operation: 'Mutation.decideBankDetailsChange',
    allow: ['admin', 'finance'],
    otherOrganisation: 'not-found',
    stepUp: true,
    request: (c) => ({
      kind: 'graphql',
      query:
        'mutation ($input: DecideBankDetailsChangeInput!) { decideBankDetailsChange(input: $input) { id } }',
      variables: { input: { changeId: c.extra['bankDetailsChangeId'], approve: false } },
    }),
  },
];

import { randomUUID } from 'node:crypto';
import { type OperationAccess } from './operation-access';

// Finance read side (events, budgets, budget vs actual, suppliers, invoices, journal). Who sees what:
// - the journal is the accountants' book: admin, finance, auditor;
// - approvers see events they hold a stake in and the invoices they take part in; event managers plan events and
//   budgets; suppliers and partners see none of this (suppliers use the portal, operations.portal.ts).
//
// Ids the entries need beyond MatrixContext, in `extra` (all from kalahari-live's demo seed):
// - journalEntryId: any journal entry (SELECT id FROM journal_entry WHERE organisation_id = kalahari LIMIT 1);
// - eventTemplateId: the seeded template "Music festival" (event_template by name);
// - draftBudgetId / draftBudgetVersionId / draftBudgetLineId: the budget of Karoo Sunset Festival 2026, its version 2
//   (a draft) and that version's line STG-01 (budget_line by version and code);
// - budgetCategoryId: the category PROD-STG (budget_category by code).

const readers = ['admin', 'finance', 'event_manager', 'approver', 'auditor'] as const;
const planners = ['admin', 'finance', 'event_manager'] as const;
const accountants = ['admin', 'finance', 'auditor'] as const;

export const financeOperations: readonly OperationAccess[] = [
  {
    operation: 'Query.events',
    allow: readers,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ events(first: 50) { items { id } } }' }),
  },
  {
    operation: 'Query.event',
    allow: readers,
    otherOrganisation: 'not-found',
    request: (c) => ({
      kind: 'graphql',
      query: 'query ($id: ID!) { event(id: $id) { id } }',
      variables: { id: c.eventId },
    }),
  },
  {
    operation: 'Query.eventTemplates',
    allow: planners,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ eventTemplates { items { id } } }' }),
  },
  {
    operation: 'Mutation.createEventFromTemplate',
    allow: planners,
    otherOrganisation: 'not-found',
    // Creates a planning event with a draft budget: harmless, nothing else depends on it.
    request: (c) => ({
      kind: 'graphql',
      query:
        'mutation ($input: CreateEventFromTemplateInput!) { createEventFromTemplate(input: $input) { id } }',
      variables: {
        input: {
          templateId: c.extra['eventTemplateId'],
          name: `Matrix event ${randomUUID().slice(0, 8)}`,
          startsOn: '2030-05-01',
          endsOn: '2030-05-02',
          seriesKey: 'authorisation-matrix',
        },
      },
    }),
  },
  {
    operation: 'Query.budget',
    allow: readers,
    otherOrganisation: 'not-found',
    request: (c) => ({
      kind: 'graphql',
      query: 'query ($id: ID!) { budget(eventId: $id) { id versions { id } } }',
      variables: { id: c.eventId },
    }),
  },
  {
    operation: 'Query.budgetVsActual',
    allow: readers,
    otherOrganisation: 'not-found',
    request: (c) => ({
      kind: 'graphql',
      query: 'query ($id: ID!) { budgetVsActual(eventId: $id) { lines { budgetLineId } } }',
      variables: { id: c.eventId },
    }),
  },
  {
    operation: 'Mutation.updateDraftBudgetLine',
    allow: planners,
    otherOrganisation: 'not-found',
    // Writes the description the seed gave the line: nothing changes.
    request: (c) => ({
      kind: 'graphql',
      query: 'mutation ($input: UpdateDraftBudgetLineInput!) { updateDraftBudgetLine(input: $input) { id } }',
      variables: {
        input: { lineId: c.extra['draftBudgetLineId'], description: 'Main stage 16 x 12 m, roof and wings' },
      },
    }),
  },
  {
    operation: 'Mutation.addBudgetLine',
    allow: planners,
    otherOrganisation: 'not-found',
    // A zero line with a code of its own on the draft version: counts nowhere.
    request: (c) => ({
      kind: 'graphql',
      query: 'mutation ($input: AddBudgetLineInput!) { addBudgetLine(input: $input) { id } }',
      variables: {
        input: {
          budgetVersionId: c.extra['draftBudgetVersionId'],
          code: `MATRIX-${randomUUID().slice(0, 8)}`,
          description: 'Authorisation matrix',
          categoryId: c.extra['budgetCategoryId'],
          amount: '0.00',
        },
      },
    }),
  },
  {
    operation: 'Mutation.reforecastBudget',
    allow: planners,
    otherOrganisation: 'not-found',
    // That budget has a draft already, so an allowed caller gets VALIDATION (draft-exists) and nothing changes.
    request: (c) => ({
      kind: 'graphql',
      query: 'mutation ($id: ID!) { reforecastBudget(input: { budgetId: $id }) { id } }',
      variables: { id: c.extra['draftBudgetId'] },
    }),
  },
  {
    operation: 'Query.suppliers',
    allow: readers,
    otherOrganisation: 'own-data-only',
    request: () => ({
      kind: 'graphql',
      query: '{ suppliers { items { id bankDetails { accountEnding } } } }',
    }),
  },
  {
    operation: 'Query.supplier',
    allow: readers,
    otherOrganisation: 'not-found',
    request: (c) => ({
      kind: 'graphql',
      query: 'query ($id: ID!) { supplier(id: $id) { id } }',
      variables: { id: c.supplierId },
    }),
  },
  {
    operation: 'Query.invoices',
    allow: readers,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ invoices { items { id } } }' }),
  },
  {
    operation: 'Query.invoice',
    allow: readers,
    otherOrganisation: 'not-found',
    request: (c) => ({
      kind: 'graphql',
      query: 'query ($id: ID!) { invoice(id: $id) { id statusHistory { status } } }',
      variables: { id: c.invoiceId },
    }),
  },
  {
    operation: 'Query.journalEntries',
    allow: accountants,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ journalEntries { items { id } } }' }),
  },
  {
    operation: 'Query.journalEntry',
    allow: accountants,
    otherOrganisation: 'not-found',
    request: (c) => ({
      kind: 'graphql',
      query: 'query ($id: ID!) { journalEntry(id: $id) { id } }',
      variables: { id: c.extra['journalEntryId'] },
    }),
  },
];

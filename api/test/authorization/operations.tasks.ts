import { type Role } from '../../src/auth/roles';
import { type MatrixContext, type OperationAccess } from './operation-access';

/** The people workflows wait for; suppliers, auditors and partners have no inbox. */
const inboxRoles: readonly Role[] = ['admin', 'finance', 'approver', 'event_manager'];

/**
 * A task id for requests that must change nothing: a seeded task when the matrix provides one (extra.taskId), else an
 * id no organisation has. Allowed callers then get NOT_FOUND (past the role check), never a decision.
 */
const harmlessTaskId = (context: MatrixContext): string =>
  context.extra['taskId'] ?? '00000000-0000-4000-8000-00000000a5c0';

export const tasksOperations: readonly OperationAccess[] = [
  {
    operation: 'Query.myTasks',
    allow: inboxRoles,
    otherOrganisation: 'own-data-only',
    request: () => ({
      kind: 'graphql',
      query: '{ myTasks(first: 200) { items { id subjectId eventId supplierId } totalCount nextCursor } }',
    }),
  },
  {
    operation: 'Query.taskCounts',
    allow: inboxRoles,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: '{ taskCounts { total byKind { kind count } } }' }),
  },
  {
    operation: 'Query.task',
    allow: inboxRoles,
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'graphql',
      query: 'query($id: ID!) { task(id: $id) { task { id } invoiceId } }',
      variables: { id: harmlessTaskId(context) },
    }),
  },
  {
    operation: 'Query.delegationCandidates',
    allow: inboxRoles,
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'graphql',
      query: 'query($taskId: ID!) { delegationCandidates(taskId: $taskId) { userId displayName roles } }',
      variables: { taskId: harmlessTaskId(context) },
    }),
  },
  ...(
    [
      ['approveTask', 'mutation($taskId: ID!) { approveTask(taskId: $taskId) { decision { level } } }'],
      [
        'rejectTask',
        'mutation($taskId: ID!) { rejectTask(taskId: $taskId, comment: "matrix") { decision { level } } }',
      ],
      [
        'requestTaskChanges',
        'mutation($taskId: ID!) { requestTaskChanges(taskId: $taskId, comment: "matrix") { decision { level } } }',
      ],
    ] as const
  ).map(([name, query]): OperationAccess => ({
    operation: `Mutation.${name}`,
    allow: inboxRoles,
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'graphql',
      query,
      variables: { taskId: context.extra['matrixTaskId'] ?? '00000000-0000-4000-8000-00000000a5c1' },
    }),
  })),
  {
    operation: 'Mutation.delegateTask',
    allow: inboxRoles,
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'graphql',
      query: 'mutation($taskId: ID!, $to: ID!) { delegateTask(taskId: $taskId, to: $to) { assigneeId } }',
      variables: {
        taskId: context.extra['matrixTaskId'] ?? '00000000-0000-4000-8000-00000000a5c1',
        to: context.extra['userId'] ?? '00000000-0000-4000-8000-00000000a5c2',
      },
    }),
  },
  {
    operation: 'Mutation.completeInvoiceReview',
    allow: ['finance', 'admin'],
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'graphql',
      query:
        'mutation($taskId: ID!) { completeInvoiceReview(taskId: $taskId, input: { decision: REJECT, comment: "matrix" }) { intakeStatus } }',
      variables: { taskId: context.extra['matrixTaskId'] ?? '00000000-0000-4000-8000-00000000a5c1' },
    }),
  },
  {
    operation: 'Subscription.taskChanged',
    allow: inboxRoles,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'graphql', query: 'subscription { taskChanged { change taskId kind } }' }),
  },
  {
    operation: 'Subscription.budgetActualChanged',
    allow: ['admin', 'finance', 'approver', 'event_manager', 'auditor'],
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'graphql',
      query:
        'subscription($eventId: ID!) { budgetActualChanged(eventId: $eventId) { eventId budgetLineId } }',
      variables: { eventId: context.eventId },
    }),
  },
];

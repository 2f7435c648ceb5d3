import { knownRoles } from '../../src/auth/roles';
import { type OperationAccess } from './operation-access';

/** Workflow ids nobody started: admin actions in the matrix must not change a real run. */
const noSuchRun = 'authorization-matrix-no-such-run';

/** Workflow administration (api/src/admin) and the API's own description (api/src/openapi). */
export const opsOperations: readonly OperationAccess[] = [
  {
    operation: 'Query.workflows',
    allow: ['admin'],
    otherOrganisation: 'own-data-only',
    request: () => ({
      kind: 'graphql',
      query: '{ workflows(first: 50) { totalCount items { workflowId runId type temporalUiUrl } } }',
    }),
  },
  {
    operation: 'Query.workflow',
    allow: ['admin'],
    otherOrganisation: 'not-found',
    request: (context) => ({
      kind: 'graphql',
      query:
        'query Run($id: String!) { workflow(workflowId: $id) { execution { workflowId } history { eventType } } }',
      variables: { id: context.extra['workflowId'] },
    }),
  },
  {
    operation: 'Mutation.cancelWorkflow',
    allow: ['admin'],
    otherOrganisation: 'not-found',
    request: () => ({
      kind: 'graphql',
      query: `mutation { cancelWorkflow(workflowId: "${noSuchRun}") { status } }`,
    }),
  },
  {
    operation: 'Mutation.terminateWorkflow',
    allow: ['admin'],
    otherOrganisation: 'not-found',
    request: () => ({
      kind: 'graphql',
      query: `mutation { terminateWorkflow(workflowId: "${noSuchRun}", reason: "authorisation matrix") { status } }`,
    }),
  },
  {
    operation: 'Mutation.resetWorkflow',
    allow: ['admin'],
    otherOrganisation: 'not-found',
    request: () => ({
      kind: 'graphql',
      query: `mutation { resetWorkflow(workflowId: "${noSuchRun}", reason: "authorisation matrix") { status } }`,
    }),
  },
  {
    operation: 'GET /openapi.json',
    allow: [...knownRoles],
    public: true,
    otherOrganisation: 'own-data-only',
    request: () => ({ kind: 'http', method: 'GET', path: '/openapi.json' }),
  },
];

import { graphql } from '../../core/api/generated';

export const workflowExecutionFields = graphql(`
  fragment WorkflowExecutionFields on WorkflowExecution {
    workflowId
    runId
    type
    status
    taskQueue
    startedAt
    closedAt
    temporalUiUrl
    searchAttributes {
      invoiceStatus
      supplierId
      eventId
      invoiceAmount
    }
  }
`);

export const workflowsQuery = graphql(`
  query AdminWorkflows($filter: WorkflowFilter, $first: Int!, $after: String) {
    workflows(filter: $filter, first: $first, after: $after) {
      items {
        ...WorkflowExecutionFields
      }
      nextCursor
      totalCount
    }
  }
`);

export const workflowQuery = graphql(`
  query AdminWorkflow($workflowId: String!, $runId: String) {
    workflow(workflowId: $workflowId, runId: $runId) {
      execution {
        ...WorkflowExecutionFields
      }
      history {
        eventId
        eventType
        time
        details
      }
    }
  }
`);

export const cancelWorkflowMutation = graphql(`
  mutation CancelWorkflow($workflowId: String!, $runId: String) {
    cancelWorkflow(workflowId: $workflowId, runId: $runId) {
      ...WorkflowExecutionFields
    }
  }
`);

export const terminateWorkflowMutation = graphql(`
  mutation TerminateWorkflow($workflowId: String!, $runId: String, $reason: String!) {
    terminateWorkflow(workflowId: $workflowId, runId: $runId, reason: $reason) {
      ...WorkflowExecutionFields
    }
  }
`);

export const resetWorkflowMutation = graphql(`
  mutation ResetWorkflow($workflowId: String!, $runId: String, $reason: String!) {
    resetWorkflow(workflowId: $workflowId, runId: $runId, reason: $reason) {
      ...WorkflowExecutionFields
    }
  }
`);

import { graphql } from '../../core/api/generated';

export const taskSummaryFields = graphql(`
  fragment TaskSummary on Task {
    id
    kind
    title
    status
    createdAt
    dueAt
    completedAt
    supplierName
    eventId
    approvalLevel
    assigneeId
    assignmentReason
    candidateRoles
    decidable
    amount {
      ...MoneyFields
    }
  }
`);

export const inboxTasksQuery = graphql(`
  query InboxTasks(
    $filter: TaskFilter
    $countsFilter: TaskFilter
    $sort: TaskSort
    $search: String
    $first: Int!
    $after: String
  ) {
    myTasks(filter: $filter, sort: $sort, search: $search, first: $first, after: $after) {
      items {
        ...TaskSummary
      }
      nextCursor
      totalCount
    }
    taskCounts(filter: $countsFilter) {
      total
      byKind {
        kind
        count
      }
    }
  }
`);

export const taskDetailQuery = graphql(`
  query TaskDetail($id: ID!) {
    task(id: $id) {
      task {
        ...TaskSummary
      }
      invoiceId
      invoiceNumber
      documentPreview {
        url
        expiresAt
      }
      thumbnail {
        url
      }
      extracted {
        method
        warnings
        supplierName {
          value
          confidence
        }
        supplierVatNumber {
          value
          confidence
        }
        invoiceNumber {
          value
          confidence
        }
        issueDate {
          value
          confidence
        }
        dueDate {
          value
          confidence
        }
        currency {
          value
          confidence
        }
        net {
          value
          confidence
        }
        vat {
          value
          confidence
        }
        gross {
          value
          confidence
        }
      }
      budgetLine {
        budgetLineId
        code
        description
        budget {
          ...MoneyFields
        }
        actual {
          ...MoneyFields
        }
        costOnLine {
          ...MoneyFields
        }
        remainingAfterInvoice {
          ...MoneyFields
        }
      }
      decisions {
        decision
        level
        decidedBy
        decidedByName
        decidedAt
        comment
        onBehalfOf
        onBehalfOfName
      }
      reviewReasons {
        ...CheckIssueFields
      }
      assessment {
        intakeStatus
        draft {
          supplierName
          supplierVatNumber
          invoiceNumber
          issueDate
          dueDate
          currency
          net
          vat
          gross
        }
        supplierId
        supplierName
        supplierMatchedBy
        eventId
        budgetLineId
        baseCurrency
        amountInBaseCurrency {
          ...MoneyFields
        }
        issues {
          ...CheckIssueFields
        }
      }
      likelyDuplicates {
        invoiceId
        number
        supplierName
        issueDate
        dueDate
        net {
          ...MoneyFields
        }
        vat {
          ...MoneyFields
        }
        gross {
          ...MoneyFields
        }
        status
        receivedAt
        matchedBy
        documentPreview {
          url
          expiresAt
        }
      }
    }
  }
`);

export const checkIssueFields = graphql(`
  fragment CheckIssueFields on InvoiceCheckIssue {
    code
    message
    blocking
  }
`);

export const taskDecisionFields = graphql(`
  fragment TaskDecisionFields on TaskDecisionResult {
    decision {
      decision
      level
    }
    task {
      id
      status
    }
  }
`);

export const approveTaskMutation = graphql(`
  mutation ApproveTask($taskId: ID!, $comment: String) {
    approveTask(taskId: $taskId, comment: $comment) {
      ...TaskDecisionFields
    }
  }
`);

export const rejectTaskMutation = graphql(`
  mutation RejectTask($taskId: ID!, $comment: String) {
    rejectTask(taskId: $taskId, comment: $comment) {
      ...TaskDecisionFields
    }
  }
`);

export const requestTaskChangesMutation = graphql(`
  mutation RequestTaskChanges($taskId: ID!, $comment: String!) {
    requestTaskChanges(taskId: $taskId, comment: $comment) {
      ...TaskDecisionFields
    }
  }
`);

export const completeInvoiceReviewMutation = graphql(`
  mutation CompleteInvoiceReview($taskId: ID!, $input: CompleteInvoiceReviewInput!) {
    completeInvoiceReview(taskId: $taskId, input: $input) {
      intakeStatus
      workflowId
    }
  }
`);

export const taskChangedSubscription = graphql(`
  subscription TaskChanged {
    taskChanged {
      change
      taskId
      kind
      status
    }
  }
`);

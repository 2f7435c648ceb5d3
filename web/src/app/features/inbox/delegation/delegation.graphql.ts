import { graphql } from '../../../core/api/generated';

export const delegationCandidatesQuery = graphql(`
  query DelegationCandidates($taskId: ID!) {
    delegationCandidates(taskId: $taskId) {
      userId
      displayName
      username
      email
      roles
    }
  }
`);

export const delegateTaskMutation = graphql(`
  mutation DelegateTask($taskId: ID!, $to: ID!, $comment: String) {
    delegateTask(taskId: $taskId, to: $to, comment: $comment) {
      level
      approverId
      assigneeId
    }
  }
`);

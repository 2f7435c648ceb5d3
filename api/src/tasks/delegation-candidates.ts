import { Injectable } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';
import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { ApproverDirectoryRepository } from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { DatabaseClient } from '../clients/database-client';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { inboxRoles } from './inbox-roles';
import { requireUuid } from './task-inbox.args';
import { TaskInbox } from './task-inbox.service';

@ArgsType()
export class DelegationCandidatesArgs {
  @IsString()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: '$property is not an id',
  })
  @Field(() => ID, { description: 'An open approval task of mine.' })
  taskId!: string;
}

@ObjectType('DelegationCandidate', { description: 'A colleague who can take over an approval task.' })
export class DelegationCandidateModel {
  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  email!: string;

  @Field(() => [String])
  roles!: string[];
}

/**
 * The colleagues an approval task can be delegated to: users of the caller's organisation with an inbox role, not
 * out of office, not already approving at the task's level; never the caller, never the submitter.
 */
@Injectable()
export class DelegationCandidates {
  constructor(
    private readonly inbox: TaskInbox,
    private readonly database: DatabaseClient,
  ) {}

  async of(principal: Principal, taskId: string): Promise<DelegationCandidateModel[]> {
    requireUuid(taskId, 'taskId');
    const { task, caller, inbox } = await this.inbox.visibleTask(principal, taskId);
    if (task.approvalLevel === null || task.workflowId === null) {
      throw new ApiError(
        ApiErrorCode.VALIDATION,
        `Task ${taskId} is a ${task.kind}; only approvals are delegated`,
        {
          field: 'taskId',
        },
      );
    }
    if (task.status !== 'open') {
      throw new ApiError(ApiErrorCode.CONFLICT, 'This task is closed: there is nothing to delegate', {
        taskId: task.id,
        status: task.status,
      });
    }
    if (caller.userId === null) {
      throw new ApiError(ApiErrorCode.FORBIDDEN, 'You have no user in your organisation, so no tasks');
    }
    const { submittedBy } = await inbox.subjectOf(task);
    const candidates = await new ApproverDirectoryRepository(
      this.database.db,
      caller.organisationId,
    ).delegationCandidates({
      workflowId: task.workflowId,
      level: task.approvalLevel,
      roles: inboxRoles,
      exclude: submittedBy === null ? [caller.userId] : [caller.userId, submittedBy],
      at: new Date(),
    });
    return candidates.map((candidate) => ({ ...candidate, roles: [...candidate.roles] }));
  }
}

import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { type PageOf } from '../graphql/pagination';
import { RateLimit } from '../rate-limits/rate-limit.guard';
import { WorkflowAdmin } from './workflow-admin.service';
import {
  ResetWorkflowArgs,
  TerminateWorkflowArgs,
  WorkflowDetailModel,
  WorkflowExecutionModel,
  WorkflowExecutionPage,
  WorkflowRunArgs,
  WorkflowsArgs,
} from './workflow.models';

/** Workflow administration: admins of an organisation, over that organisation's runs only. */
@Roles('admin')
@Resolver()
export class WorkflowAdminResolver {
  constructor(private readonly admin: WorkflowAdmin) {}

  @Query(() => WorkflowExecutionPage, {
    description:
      'Your organisation’s workflow runs, newest first, filtered by type, status, time and search attributes.',
  })
  workflows(
    @CurrentPrincipal() principal: Principal,
    @Args() args: WorkflowsArgs,
  ): Promise<PageOf<WorkflowExecutionModel>> {
    return this.admin.list(principal, args.filter, args.first, args.after);
  }

  @Query(() => WorkflowDetailModel, { description: 'A run with its full history (secrets redacted).' })
  workflow(
    @CurrentPrincipal() principal: Principal,
    @Args() args: WorkflowRunArgs,
  ): Promise<WorkflowDetailModel> {
    return this.admin.detail(principal, args.workflowId, args.runId);
  }

  @Mutation(() => WorkflowExecutionModel, {
    description: 'Asks a running workflow to cancel (it may clean up first).',
  })
  @RateLimit('sensitive')
  cancelWorkflow(
    @CurrentPrincipal() principal: Principal,
    @Args() args: WorkflowRunArgs,
  ): Promise<WorkflowExecutionModel> {
    return this.admin.cancel(principal, args.workflowId, args.runId);
  }

  @Mutation(() => WorkflowExecutionModel, {
    description: 'Stops a running workflow at once; the reason is recorded.',
  })
  @RateLimit('sensitive')
  terminateWorkflow(
    @CurrentPrincipal() principal: Principal,
    @Args() args: TerminateWorkflowArgs,
  ): Promise<WorkflowExecutionModel> {
    return this.admin.terminate(principal, args.workflowId, args.runId, args.reason);
  }

  @Mutation(() => WorkflowExecutionModel, {
    description:
      'Retries a run: a new run replays its history up to a workflow task, then continues on today’s code.',
  })
  @RateLimit('sensitive')
  resetWorkflow(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ResetWorkflowArgs,
  ): Promise<WorkflowExecutionModel> {
    return this.admin.reset(principal, args.workflowId, args.runId, args.reason, args.to);
  }
}

import type { ApproverDirectory } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';
import { Prisma } from '../generated/prisma/client';

/** A colleague an approval task can be handed to. */
export interface DelegationCandidate {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly string[];
}

/** More colleagues than a picker can usefully show; an organisation this large needs a directory search first. */
const MAX_DELEGATION_CANDIDATES = 500;

/** Who holds which role, owns which budget line and manages which event, in one organisation. */
export class ApproverDirectoryRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  async isUser(userId: string): Promise<boolean> {
    const count = await this.db.appUser.count({ where: { organisationId: this.organisationId, id: userId } });
    return count === 1;
  }

  /**
   * Who could take over a task at `level` of the approval run `workflowId`: users holding one of `roles`, not out of
   * office at `at`, and not holding a slot of that level already (its own approvers and delegates, whom the
   * approval workflow would refuse), minus `exclude` (the caller, the submitter). By name.
   */
  async delegationCandidates(question: {
    workflowId: string;
    level: number;
    roles: readonly string[];
    exclude: readonly string[];
    at: Date;
  }): Promise<DelegationCandidate[]> {
    const rows = await this.db.$queryRaw<
      { id: string; username: string; display_name: string; email: string; roles: string[] }[]
    >(Prisma.sql`
      SELECT u.id, u.username, u.display_name, u.email, u.roles FROM app_user u
      WHERE u.organisation_id = ${this.organisationId}::uuid
        AND u.roles && ${[...question.roles]}::text[]
        AND NOT (u.id = ANY(${[...question.exclude]}::uuid[]))
        AND NOT EXISTS (
          SELECT 1 FROM task t
          WHERE t.organisation_id = u.organisation_id AND t.workflow_id = ${question.workflowId}
            AND t.approval_level = ${question.level} AND (t.approver_id = u.id OR t.assignee_id = u.id))
        AND NOT EXISTS (
          SELECT 1 FROM approver_absence a
          WHERE a.organisation_id = u.organisation_id AND a.user_id = u.id
            AND a.starts_at <= ${question.at} AND a.ends_at > ${question.at})
      ORDER BY u.display_name, u.username
      LIMIT ${MAX_DELEGATION_CANDIDATES}`);
    return rows.map((row) => ({
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      email: row.email,
      roles: row.roles,
    }));
  }

  /** The directory answers a policy needs for one subject (see directoryQuestions in the domain package). */
  async snapshot(question: {
    budgetLineId: string | null;
    eventId: string | null;
    roles: readonly string[];
    userIds: readonly string[];
  }): Promise<ApproverDirectory> {
    const organisationId = this.organisationId;
    const [line, managers, roleHolders, existing] = await Promise.all([
      question.budgetLineId === null
        ? null
        : this.db.budgetLine.findUnique({
            where: { organisationId_id: { organisationId, id: question.budgetLineId } },
            select: { ownerId: true },
          }),
      question.eventId === null
        ? []
        : this.db.stakeholderAssignment.findMany({
            where: { organisationId, eventId: question.eventId, role: 'owner' },
            orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
            select: { userId: true },
          }),
      question.roles.length === 0
        ? []
        : this.db.appUser.findMany({
            where: { organisationId, roles: { hasSome: [...question.roles] } },
            orderBy: { username: 'asc' },
            select: { id: true, roles: true },
          }),
      question.userIds.length === 0
        ? []
        : this.db.appUser.findMany({
            where: { organisationId, id: { in: [...question.userIds] } },
            select: { id: true },
          }),
    ]);
    const roleMembers: Record<string, string[]> = {};
    for (const role of question.roles) {
      roleMembers[role] = roleHolders.filter((user) => user.roles.includes(role)).map((user) => user.id);
    }
    return {
      budgetLineOwners: line?.ownerId ? [line.ownerId] : [],
      eventManagers: managers.map((manager) => manager.userId),
      roleMembers,
      existingUsers: existing.map((user) => user.id),
    };
  }
}

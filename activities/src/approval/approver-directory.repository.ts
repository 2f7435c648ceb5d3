import type { ApproverDirectory } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';

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

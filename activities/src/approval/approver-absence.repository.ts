import type { ApproverAbsence } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';

/** Out-of-office periods of one organisation's users. */
export class ApproverAbsenceRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  async add(absence: {
    userId: string;
    startsAt: Date;
    endsAt: Date;
    delegateId: string | null;
    note?: string;
  }): Promise<{ id: string }> {
    return this.db.approverAbsence.create({
      data: { ...absence, organisationId: this.organisationId },
      select: { id: true },
    });
  }

  /** Every absence that covers `at` (delegates' own absences included, so chains can be followed). */
  async coveringInstant(at: Date): Promise<ApproverAbsence[]> {
    const rows = await this.db.approverAbsence.findMany({
      where: { organisationId: this.organisationId, startsAt: { lte: at }, endsAt: { gt: at } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => ({
      userId: row.userId,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      delegateId: row.delegateId,
    }));
  }
}

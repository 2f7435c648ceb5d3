import type { DatabaseSession } from '../database/client';
import type { Prisma } from '../generated/prisma/client';

export interface AuditEvent {
  actorId?: string;
  action: string;
  subjectType: string;
  subjectId?: string;
  payload?: Prisma.InputJsonObject;
}

/**
 * The audit log of one organisation: append and verify only (the database refuses UPDATE and DELETE). The database
 * assigns each row its sequence and computes its hash from the previous row's, so a caller cannot forge either.
 */
export class AuditLogRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  async append(event: AuditEvent): Promise<{ sequence: bigint; hash: Uint8Array }> {
    return this.db.auditLog.create({
      data: { ...event, payload: event.payload ?? {}, organisationId: this.organisationId },
      select: { sequence: true, hash: true },
    });
  }

  /** The first sequence whose row does not verify against the chain, or null when the whole chain verifies. */
  async firstBrokenSequence(): Promise<bigint | null> {
    const rows = await this.db.$queryRaw<{ broken: bigint | null }[]>`
      SELECT verify_audit_chain(${this.organisationId}::uuid) AS broken`;
    return rows[0]?.broken ?? null;
  }

  /** The newest sequence and hash: keep a copy outside the database to detect removal of the newest rows. */
  async head(): Promise<{ sequence: bigint; hash: Uint8Array } | null> {
    return this.db.auditLog.findFirst({
      where: { organisationId: this.organisationId },
      orderBy: { sequence: 'desc' },
      select: { sequence: true, hash: true },
    });
  }
}

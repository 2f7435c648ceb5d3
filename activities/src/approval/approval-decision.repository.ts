import type { ApprovalDecisionKind, ApprovalDecisionRecord } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';

const stored: Record<ApprovalDecisionKind, string> = {
  approve: 'approved',
  reject: 'rejected',
  'request-changes': 'returned',
};

function kindOf(decision: string): ApprovalDecisionKind {
  const entry = Object.entries(stored).find(([, value]) => value === decision);
  if (!entry) throw new Error(`unknown stored approval decision "${decision}"`);
  return entry[0] as ApprovalDecisionKind;
}

export interface NewApprovalDecision {
  readonly workflowId: string;
  readonly level: number;
  readonly taskId: string | null;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly decision: ApprovalDecisionKind;
  readonly decidedBy: string;
  readonly onBehalfOf: string | null;
  readonly comment: string | null;
  readonly decidedAt: Date;
}

/** Approval decisions of one organisation: one per person per level of an approval run. */
export class ApprovalDecisionRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  async find(workflowId: string, level: number, decidedBy: string): Promise<ApprovalDecisionRecord | null> {
    const row = await this.db.approvalDecision.findUnique({
      where: {
        organisationId_workflowId_approvalLevel_decidedBy: {
          organisationId: this.organisationId,
          workflowId,
          approvalLevel: level,
          decidedBy,
        },
      },
    });
    return row && this.toRecord(row);
  }

  async create(decision: NewApprovalDecision): Promise<ApprovalDecisionRecord> {
    const row = await this.db.approvalDecision.create({
      data: {
        organisationId: this.organisationId,
        workflowId: decision.workflowId,
        approvalLevel: decision.level,
        taskId: decision.taskId,
        subjectType: decision.subjectType,
        subjectId: decision.subjectId,
        decision: stored[decision.decision],
        decidedBy: decision.decidedBy,
        onBehalfOf: decision.onBehalfOf,
        comment: decision.comment,
        decidedAt: decision.decidedAt,
      },
    });
    return this.toRecord(row);
  }

  async ofWorkflow(workflowId: string): Promise<ApprovalDecisionRecord[]> {
    const rows = await this.db.approvalDecision.findMany({
      where: { organisationId: this.organisationId, workflowId },
      orderBy: [{ approvalLevel: 'asc' }, { decidedAt: 'asc' }],
    });
    return rows.map((row) => this.toRecord(row));
  }

  private toRecord(row: {
    approvalLevel: number | null;
    decision: string;
    decidedBy: string;
    onBehalfOf: string | null;
    comment: string | null;
    decidedAt: Date;
  }): ApprovalDecisionRecord {
    return {
      level: row.approvalLevel ?? 0,
      decision: kindOf(row.decision),
      decidedBy: row.decidedBy,
      onBehalfOf: row.onBehalfOf,
      comment: row.comment,
      decidedAt: row.decidedAt.toISOString(),
    };
  }
}

import { type ApprovalPolicy, defaultApprovalPolicy, parseApprovalPolicy } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';
import type { Prisma } from '../generated/prisma/client';

/** The approval policy of one organisation: its stored rule set, or the default in its base currency. */
export class ApprovalPolicyRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  async current(): Promise<{ policy: ApprovalPolicy; isDefault: boolean }> {
    const row = await this.db.approvalPolicy.findUnique({ where: { organisationId: this.organisationId } });
    if (row) return { policy: parseApprovalPolicy(row.rules), isDefault: false };
    const organisation = await this.db.organisation.findUniqueOrThrow({
      where: { id: this.organisationId },
      select: { baseCurrency: true },
    });
    return { policy: defaultApprovalPolicy(organisation.baseCurrency), isDefault: true };
  }

  /** Validates the rule set before storing it; an invalid one is refused with ApprovalPolicyError. */
  async save(rules: unknown, updatedBy: string | null): Promise<ApprovalPolicy> {
    const policy = parseApprovalPolicy(rules);
    const organisation = await this.db.organisation.findUniqueOrThrow({
      where: { id: this.organisationId },
      select: { baseCurrency: true },
    });
    if (policy.currency !== organisation.baseCurrency) {
      throw new Error(
        `the policy is in ${policy.currency} but the organisation's base currency is ${organisation.baseCurrency}`,
      );
    }
    const json = JSON.parse(JSON.stringify(policy)) as Prisma.InputJsonObject;
    await this.db.approvalPolicy.upsert({
      where: { organisationId: this.organisationId },
      create: { organisationId: this.organisationId, rules: json, updatedBy },
      update: { rules: json, updatedBy, updatedAt: new Date() },
    });
    return policy;
  }
}

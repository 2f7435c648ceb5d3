import { Money } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';
import { inTransaction } from '../database/transaction';
import { AuditLogRepository } from '../ledger/audit-log.repository';

export interface BudgetLineRecord {
  readonly id: string;
  readonly budgetVersionId: string;
  readonly categoryId: string;
  readonly code: string;
  readonly description: string;
  /** Exact decimal text in the line's currency. */
  readonly amount: string;
  readonly currency: string;
  readonly ownerId: string | null;
}

export interface CategoryTotal {
  readonly categoryId: string;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly currency: string;
  /** Sum of the lines in this category and every category below it. */
  readonly amount: string;
  readonly lineCount: number;
}

export interface BudgetVersionRecord {
  readonly id: string;
  readonly versionNo: number;
  readonly status: string;
  readonly note: string | null;
  readonly approvedAt: Date | null;
  readonly createdAt: Date;
  readonly total: string;
  readonly lines: BudgetLineRecord[];
  readonly categories: CategoryTotal[];
}

export interface BudgetRecord {
  readonly id: string;
  readonly eventId: string;
  readonly name: string;
  readonly currency: string;
  readonly fiscalYear: number;
  /** Newest first. */
  readonly versions: BudgetVersionRecord[];
  /** The approved version, or the newest while none is approved (as budget vs actual counts it). */
  readonly currentVersionId: string | null;
}

export interface BudgetLineChange {
  readonly description?: string;
  readonly amount?: string;
  readonly categoryId?: string;
}

export interface NewBudgetLine {
  readonly code: string;
  readonly description: string;
  readonly categoryId: string;
  readonly amount: string;
}

/** What a caller can fix: a draft-only rule, an unknown category, a malformed amount. */
export class BudgetChangeError extends Error {
  override readonly name = 'BudgetChangeError';

  constructor(
    readonly reason: 'not-found' | 'not-draft' | 'invalid' | 'draft-exists',
    message: string,
  ) {
    super(message);
  }
}

const budgetFields = { id: true, eventId: true, name: true, currency: true, fiscalYear: true } as const;

const lineFields = {
  id: true,
  budgetVersionId: true,
  categoryId: true,
  code: true,
  description: true,
  amount: true,
  currency: true,
  ownerId: true,
} as const;

/** Event budgets of one organisation: versions, lines and category roll-ups; changes only on draft versions. */
export class BudgetRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  /** The event's budget for `fiscalYear`, or its newest budget; null when the event has none (or is not ours). */
  async forEvent(eventId: string, fiscalYear?: number | null): Promise<BudgetRecord | null> {
    const budget = await this.db.budget.findFirst({
      where: { organisationId: this.organisationId, eventId, ...(fiscalYear ? { fiscalYear } : {}) },
      orderBy: [{ fiscalYear: 'desc' }, { id: 'asc' }],
      select: budgetFields,
    });
    return budget ? this.load(budget) : null;
  }

  async byId(budgetId: string): Promise<BudgetRecord | null> {
    const budget = await this.db.budget.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id: budgetId } },
      select: budgetFields,
    });
    return budget ? this.load(budget) : null;
  }

  private async load(budget: {
    id: string;
    eventId: string;
    name: string;
    currency: string;
    fiscalYear: number;
  }): Promise<BudgetRecord> {
    const org = this.organisationId;
    const versions = await this.db.budgetVersion.findMany({
      where: { organisationId: org, budgetId: budget.id },
      orderBy: { versionNo: 'desc' },
      select: { id: true, versionNo: true, status: true, note: true, approvedAt: true, createdAt: true },
    });
    const [lines, categories] = await Promise.all([
      this.db.budgetLine.findMany({
        where: { organisationId: org, budgetVersionId: { in: versions.map((v) => v.id) } },
        orderBy: [{ code: 'asc' }, { id: 'asc' }],
        select: lineFields,
      }),
      this.db.budgetCategory.findMany({
        where: { organisationId: org },
        select: { id: true, code: true, name: true, parentId: true },
      }),
    ]);
    const records = versions.map((version) => {
      const own = lines.filter((l) => l.budgetVersionId === version.id).map(toLineRecord);
      return {
        ...version,
        total: Money.sum(
          own.map((l) => Money.of(l.amount, l.currency)),
          budget.currency,
        ).toString(),
        lines: own,
        categories: rollUp(own, categories, budget.currency),
      };
    });
    const current = versions.find((v) => v.status === 'approved') ?? versions[0];
    return { ...budget, versions: records, currentVersionId: current?.id ?? null };
  }

  async createCategory(category: {
    readonly code: string;
    readonly name: string;
    readonly parentId: string | null;
    readonly expenseAccountCode?: string | null;
  }): Promise<{ id: string }> {
    return this.db.budgetCategory.create({
      data: { ...category, organisationId: this.organisationId },
      select: { id: true },
    });
  }

  async createBudget(budget: {
    readonly eventId: string;
    readonly name: string;
    readonly currency: string;
    readonly fiscalYear: number;
  }): Promise<{ id: string }> {
    return this.db.budget.create({
      data: { ...budget, organisationId: this.organisationId },
      select: { id: true },
    });
  }

  /** A version with its lines as they are (imports, the demo seed); returns the line ids by code. */
  async createVersion(version: {
    readonly budgetId: string;
    readonly versionNo: number;
    readonly status: 'draft' | 'approved' | 'superseded';
    readonly note?: string | null;
    readonly approvedBy?: string | null;
    readonly approvedAt?: Date | null;
    readonly lines: readonly {
      readonly code: string;
      readonly categoryId: string;
      readonly description: string;
      readonly amount: string;
      readonly currency: string;
    }[];
  }): Promise<{ id: string; lines: { id: string; code: string }[] }> {
    const { lines, ...header } = version;
    const { id } = await this.db.budgetVersion.create({
      data: { ...header, organisationId: this.organisationId },
      select: { id: true },
    });
    const created = await this.db.budgetLine.createManyAndReturn({
      data: lines.map((line) => ({ ...line, organisationId: this.organisationId, budgetVersionId: id })),
      select: { id: true, code: true },
    });
    return { id, lines: created };
  }

  /** Makes `ownerId` answerable for every line nobody owns yet; returns how many. */
  async assignUnownedLines(ownerId: string): Promise<number> {
    const { count } = await this.db.budgetLine.updateMany({
      where: { organisationId: this.organisationId, ownerId: null },
      data: { ownerId },
    });
    return count;
  }

  /** The budget line (of any version), scoped to the organisation. */
  async line(id: string): Promise<BudgetLineRecord | null> {
    const row = await this.db.budgetLine.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id } },
      select: lineFields,
    });
    return row ? toLineRecord(row) : null;
  }

  /** The event a budget version belongs to, for callers that check access by event. */
  async eventOfVersion(versionId: string): Promise<string | null> {
    const version = await this.db.budgetVersion.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id: versionId } },
      select: { budgetId: true },
    });
    if (!version) return null;
    const budget = await this.db.budget.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id: version.budgetId } },
      select: { eventId: true },
    });
    return budget?.eventId ?? null;
  }

  async updateDraftLine(
    lineId: string,
    change: BudgetLineChange,
    actorId: string | null,
  ): Promise<BudgetLineRecord> {
    const org = this.organisationId;
    return inTransaction(this.db, async (tx) => {
      const line = await tx.budgetLine.findUnique({
        where: { organisationId_id: { organisationId: org, id: lineId } },
        select: { budgetVersionId: true, currency: true, amount: true, description: true },
      });
      if (!line) throw new BudgetChangeError('not-found', `Your organisation has no budget line ${lineId}.`);
      await requireDraft(tx, org, line.budgetVersionId);
      if (change.categoryId !== undefined) await requireCategory(tx, org, change.categoryId);
      const amount = change.amount === undefined ? undefined : exactAmount(change.amount, line.currency);
      if (change.description !== undefined && change.description.trim() === '') {
        throw new BudgetChangeError('invalid', 'A budget line needs a description.');
      }
      const updated = await tx.budgetLine.update({
        where: { organisationId_id: { organisationId: org, id: lineId } },
        data: {
          ...(change.description === undefined ? {} : { description: change.description.trim() }),
          ...(amount === undefined ? {} : { amount }),
          ...(change.categoryId === undefined ? {} : { categoryId: change.categoryId }),
        },
        select: lineFields,
      });
      await new AuditLogRepository(tx, org).append({
        actorId: actorId ?? undefined,
        action: 'budget.line.updated',
        subjectType: 'budget_line',
        subjectId: lineId,
        payload: {
          before: { amount: line.amount.toString(), description: line.description },
          after: { amount: updated.amount.toString(), description: updated.description },
        },
      });
      return toLineRecord(updated);
    });
  }

  async addLine(versionId: string, line: NewBudgetLine, actorId: string | null): Promise<BudgetLineRecord> {
    const org = this.organisationId;
    return inTransaction(this.db, async (tx) => {
      const version = await requireDraft(tx, org, versionId);
      const budget = await tx.budget.findUniqueOrThrow({
        where: { organisationId_id: { organisationId: org, id: version.budgetId } },
        select: { currency: true },
      });
      await requireCategory(tx, org, line.categoryId);
      const code = line.code.trim();
      if (code === '' || line.description.trim() === '') {
        throw new BudgetChangeError('invalid', 'A budget line needs a code and a description.');
      }
      const clash = await tx.budgetLine.findUnique({
        where: {
          organisationId_budgetVersionId_code: { organisationId: org, budgetVersionId: versionId, code },
        },
        select: { id: true },
      });
      if (clash) throw new BudgetChangeError('invalid', `This version already has a line ${code}.`);
      const created = await tx.budgetLine.create({
        data: {
          organisationId: org,
          budgetVersionId: versionId,
          categoryId: line.categoryId,
          code,
          description: line.description.trim(),
          amount: exactAmount(line.amount, budget.currency),
          currency: budget.currency,
        },
        select: lineFields,
      });
      await new AuditLogRepository(tx, org).append({
        actorId: actorId ?? undefined,
        action: 'budget.line.added',
        subjectType: 'budget_line',
        subjectId: created.id,
        payload: { code, amount: created.amount.toString(), currency: budget.currency },
      });
      return toLineRecord(created);
    });
  }

  /**
   * A re-forecast: a new draft version copying the lines of the current version (the approved one, else the
   * newest). One draft at a time, so there is never a doubt which figures are being worked on.
   */
  async reforecast(
    budgetId: string,
    note: string | null,
    actorId: string | null,
  ): Promise<{ versionId: string }> {
    const org = this.organisationId;
    return inTransaction(this.db, async (tx) => {
      const budget = await tx.budget.findUnique({
        where: { organisationId_id: { organisationId: org, id: budgetId } },
        select: { id: true },
      });
      if (!budget) throw new BudgetChangeError('not-found', `Your organisation has no budget ${budgetId}.`);
      const versions = await tx.budgetVersion.findMany({
        where: { organisationId: org, budgetId },
        orderBy: { versionNo: 'desc' },
        select: { id: true, versionNo: true, status: true },
      });
      const draft = versions.find((v) => v.status === 'draft');
      if (draft) {
        throw new BudgetChangeError(
          'draft-exists',
          `Version ${draft.versionNo} is still a draft: change it, or have it approved, before re-forecasting.`,
        );
      }
      const current = versions.find((v) => v.status === 'approved') ?? versions[0];
      const versionNo = (versions[0]?.versionNo ?? 0) + 1;
      const created = await tx.budgetVersion.create({
        data: {
          organisationId: org,
          budgetId,
          versionNo,
          note: note ?? `Re-forecast of version ${current?.versionNo ?? 0}`,
        },
        select: { id: true },
      });
      if (current) {
        const lines = await tx.budgetLine.findMany({
          where: { organisationId: org, budgetVersionId: current.id },
          select: {
            categoryId: true,
            code: true,
            description: true,
            amount: true,
            currency: true,
            ownerId: true,
          },
        });
        await tx.budgetLine.createMany({
          data: lines.map((l) => ({ ...l, organisationId: org, budgetVersionId: created.id })),
        });
      }
      await new AuditLogRepository(tx, org).append({
        actorId: actorId ?? undefined,
        action: 'budget.reforecast',
        subjectType: 'budget_version',
        subjectId: created.id,
        payload: { versionNo, from: current?.versionNo ?? null },
      });
      return { versionId: created.id };
    });
  }
}

type Tx = DatabaseSession;

async function requireDraft(tx: Tx, organisationId: string, versionId: string) {
  const version = await tx.budgetVersion.findUnique({
    where: { organisationId_id: { organisationId, id: versionId } },
    select: { status: true, budgetId: true, versionNo: true },
  });
  if (!version)
    throw new BudgetChangeError('not-found', `Your organisation has no budget version ${versionId}.`);
  if (version.status !== 'draft') {
    throw new BudgetChangeError(
      'not-draft',
      `Version ${version.versionNo} is ${version.status}: only a draft changes (re-forecast to get a new draft).`,
    );
  }
  return version;
}

async function requireCategory(tx: Tx, organisationId: string, categoryId: string): Promise<void> {
  const category = await tx.budgetCategory.findUnique({
    where: { organisationId_id: { organisationId, id: categoryId } },
    select: { id: true },
  });
  if (!category)
    throw new BudgetChangeError('invalid', `Your organisation has no budget category ${categoryId}.`);
}

/** The amount as exact text in whole minor units of the currency; anything finer is refused, never rounded. */
function exactAmount(amount: string, currency: string): string {
  try {
    return Money.of(amount, currency).toString();
  } catch (error) {
    throw new BudgetChangeError('invalid', error instanceof Error ? error.message : 'Not an amount');
  }
}

function toLineRecord(row: {
  id: string;
  budgetVersionId: string;
  categoryId: string;
  code: string;
  description: string;
  amount: { toString(): string };
  currency: string;
  ownerId: string | null;
}): BudgetLineRecord {
  return { ...row, amount: row.amount.toString() };
}

/** Sums lines up the category tree: each category counts its own lines and all lines below it. */
export function rollUp(
  lines: readonly BudgetLineRecord[],
  categories: readonly { id: string; code: string; name: string; parentId: string | null }[],
  currency: string,
): CategoryTotal[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const totals = new Map<string, { amount: Money; lineCount: number }>();
  for (const line of lines) {
    const seen = new Set<string>();
    for (
      let id: string | null = line.categoryId;
      id !== null && !seen.has(id);
      id = byId.get(id)?.parentId ?? null
    ) {
      seen.add(id);
      const total = totals.get(id) ?? { amount: Money.zero(currency), lineCount: 0 };
      totals.set(id, {
        amount: total.amount.add(Money.of(line.amount, line.currency)),
        lineCount: total.lineCount + 1,
      });
    }
  }
  return [...totals.entries()]
    .flatMap(([id, total]) => {
      const category = byId.get(id);
      return category
        ? [
            {
              categoryId: id,
              code: category.code,
              name: category.name,
              parentId: category.parentId,
              currency,
              amount: total.amount.toString(),
              lineCount: total.lineCount,
            },
          ]
        : [];
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

import type { DatabaseSession } from '../database/client';
import { beforeKey, type KeysetPage, pageOf, type PageRequest } from '../database/keyset';
import type { Prisma } from '../generated/prisma/client';

/** An amount as exact decimal text ('1150.00') or a Decimal; never a binary float. */
export type Amount = Prisma.Decimal | string;

export interface JournalLineInput {
  accountCode: string;
  /** Exactly one of debit and credit, positive. */
  debit?: Amount;
  credit?: Amount;
  currency: string;
  description?: string;
  eventId?: string;
  budgetLineId?: string;
}

export interface JournalEntryInput {
  periodId: string;
  entryDate: Date;
  description: string;
  sourceType?: string;
  sourceId?: string;
  postedBy?: string;
  lines: JournalLineInput[];
}

export interface JournalFilter {
  readonly fiscalYear?: number | null;
  readonly periodId?: string | null;
  readonly sourceType?: string | null;
  readonly sourceId?: string | null;
  /** Entries with at least one line on this account / event / budget line. */
  readonly accountCode?: string | null;
  readonly eventId?: string | null;
  readonly budgetLineId?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
}

export interface JournalLineRecord {
  readonly id: string;
  readonly lineNo: number;
  readonly accountCode: string;
  readonly description: string | null;
  /** Exact decimal text; one of debit and credit is zero. */
  readonly debit: string;
  readonly credit: string;
  readonly currency: string;
  readonly eventId: string | null;
  readonly budgetLineId: string | null;
}

export interface JournalEntryRecord {
  readonly id: string;
  readonly periodId: string;
  readonly fiscalYear: number;
  readonly periodLocked: boolean;
  readonly entryDate: Date;
  readonly description: string;
  readonly sourceType: string | null;
  readonly sourceId: string | null;
  readonly postedBy: string | null;
  readonly postedAt: Date;
  readonly lines: JournalLineRecord[];
}

/**
 * The journal of one organisation. Every query is scoped to it, and the composite foreign keys refuse a period,
 * event or budget line of another organisation. The database refuses an unbalanced entry (per currency, at commit)
 * and any posting into a locked period; those refusals surface here as rejected promises.
 */
export class JournalRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  /** Writes the entry and its lines in one statement (one transaction), numbering the lines from 1. */
  async post(entry: JournalEntryInput): Promise<{ id: string }> {
    const { lines, ...header } = entry;
    const created = await this.db.journalEntry.create({
      data: {
        ...header,
        organisationId: this.organisationId,
        lines: {
          create: lines.map((line, index) => ({
            lineNo: index + 1,
            accountCode: line.accountCode,
            debit: line.debit ?? '0',
            credit: line.credit ?? '0',
            currency: line.currency,
            description: line.description,
            eventId: line.eventId,
            budgetLineId: line.budgetLineId,
          })),
        },
      },
      select: { id: true },
    });
    return created;
  }

  findEntry(id: string) {
    return this.db.journalEntry.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id } },
      include: { lines: { orderBy: { lineNo: 'asc' } } },
    });
  }

  /** Entries newest first (by entry date, then id), each with its lines and period. */
  async entries(
    filter: JournalFilter,
    page: PageRequest<{ value: Date; id: string }>,
  ): Promise<KeysetPage<JournalEntryRecord>> {
    const org = this.organisationId;
    const lineFilter = {
      ...(filter.accountCode ? { accountCode: filter.accountCode } : {}),
      ...(filter.eventId ? { eventId: filter.eventId } : {}),
      ...(filter.budgetLineId ? { budgetLineId: filter.budgetLineId } : {}),
    };
    const periodIds =
      filter.fiscalYear === null || filter.fiscalYear === undefined
        ? undefined
        : (
            await this.db.accountingPeriod.findMany({
              where: { organisationId: org, fiscalYear: filter.fiscalYear },
              select: { id: true },
            })
          ).map((p) => p.id);
    const where = {
      organisationId: org,
      ...(filter.periodId ? { periodId: filter.periodId } : {}),
      ...(periodIds
        ? { periodId: { in: filter.periodId ? periodIds.filter((id) => id === filter.periodId) : periodIds } }
        : {}),
      ...(filter.sourceType ? { sourceType: filter.sourceType } : {}),
      ...(filter.sourceId ? { sourceId: filter.sourceId } : {}),
      ...(Object.keys(lineFilter).length > 0
        ? { lines: { some: { organisationId: org, ...lineFilter } } }
        : {}),
      ...(filter.from || filter.to
        ? {
            entryDate: {
              ...(filter.from ? { gte: filter.from } : {}),
              ...(filter.to ? { lte: filter.to } : {}),
            },
          }
        : {}),
    };
    const [rows, totalCount] = await Promise.all([
      this.db.journalEntry.findMany({
        where: { ...where, ...beforeKey('entryDate', page.after) },
        orderBy: [{ entryDate: 'desc' }, { id: 'desc' }],
        take: page.first + 1,
        include: { lines: { orderBy: { lineNo: 'asc' } } },
      }),
      this.db.journalEntry.count({ where }),
    ]);
    const periods = await this.periods(rows.map((r) => r.periodId));
    return pageOf(
      rows.map((row) => toEntryRecord(row, periods)),
      page.first,
      totalCount,
    );
  }

  async entry(id: string): Promise<JournalEntryRecord | null> {
    const row = await this.findEntry(id);
    if (!row) return null;
    return toEntryRecord(row, await this.periods([row.periodId]));
  }

  private async periods(ids: readonly string[]) {
    const rows = await this.db.accountingPeriod.findMany({
      where: { organisationId: this.organisationId, id: { in: [...new Set(ids)] } },
      select: { id: true, fiscalYear: true, lockedAt: true },
    });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** An accounting period, open. */
  async openPeriod(period: { fiscalYear: number; startsOn: Date; endsOn: Date }): Promise<{ id: string }> {
    return this.db.accountingPeriod.create({
      data: { ...period, organisationId: this.organisationId },
      select: { id: true },
    });
  }

  /** A payment, refund or deposit made (with the journal entry that booked it). */
  async recordPayment(payment: {
    readonly kind: 'payment' | 'deposit' | 'refund';
    readonly supplierId: string;
    readonly invoiceId: string | null;
    readonly eventId: string | null;
    readonly paidOn: Date;
    readonly reference: string | null;
    readonly amount: string;
    readonly currency: string;
    readonly journalEntryId: string | null;
  }): Promise<{ id: string }> {
    return this.db.payment.create({
      data: { ...payment, organisationId: this.organisationId },
      select: { id: true },
    });
  }

  /** Locks an open period of this organisation; true when this call locked it. A lock is final. */
  async lockPeriod(periodId: string, lockedBy?: string): Promise<boolean> {
    const { count } = await this.db.accountingPeriod.updateMany({
      where: { organisationId: this.organisationId, id: periodId, lockedAt: null },
      data: { lockedAt: new Date(), lockedBy },
    });
    return count === 1;
  }
}

interface EntryRow {
  id: string;
  periodId: string;
  entryDate: Date;
  description: string;
  sourceType: string | null;
  sourceId: string | null;
  postedBy: string | null;
  postedAt: Date;
  lines: {
    id: string;
    lineNo: number;
    accountCode: string;
    description: string | null;
    debit: Prisma.Decimal;
    credit: Prisma.Decimal;
    currency: string;
    eventId: string | null;
    budgetLineId: string | null;
  }[];
}

function toEntryRecord(
  row: EntryRow,
  periods: ReadonlyMap<string, { fiscalYear: number; lockedAt: Date | null }>,
): JournalEntryRecord {
  const period = periods.get(row.periodId);
  return {
    id: row.id,
    periodId: row.periodId,
    fiscalYear: period?.fiscalYear ?? 0,
    periodLocked: (period?.lockedAt ?? null) !== null,
    entryDate: row.entryDate,
    description: row.description,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    postedBy: row.postedBy,
    postedAt: row.postedAt,
    lines: row.lines.map((line) => ({
      id: line.id,
      lineNo: line.lineNo,
      accountCode: line.accountCode,
      description: line.description,
      debit: line.debit.toString(),
      credit: line.credit.toString(),
      currency: line.currency,
      eventId: line.eventId,
      budgetLineId: line.budgetLineId,
    })),
  };
}

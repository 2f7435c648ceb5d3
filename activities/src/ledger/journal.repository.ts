import type { DatabaseSession } from '../database/client';
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

  /** Locks an open period of this organisation; true when this call locked it. A lock is final. */
  async lockPeriod(periodId: string, lockedBy?: string): Promise<boolean> {
    const { count } = await this.db.accountingPeriod.updateMany({
      where: { organisationId: this.organisationId, id: periodId, lockedAt: null },
      data: { lockedAt: new Date(), lockedBy },
    });
    return count === 1;
  }
}

import type { Prisma } from '../generated/prisma/client';
import type { Database, DatabaseSession } from '../database/client';
import { AuditLogRepository } from '../ledger/audit-log.repository';
import { JournalRepository } from '../ledger/journal.repository';
import { costRate, invoiceJournalLines, postingAccounts } from './invoice-journal-lines';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Days after the invoice date a payment falls due when the invoice prints no due date. */
export const DEFAULT_PAYMENT_TERMS_DAYS = 30;

export interface PostedInvoice {
  readonly journalEntryId: string;
  readonly periodId: string;
  readonly entryDate: string;
  /** Set when the entry could not go into the period of the invoice date. */
  readonly periodNote: string | null;
  /** True when an earlier attempt had already posted it (a retry, or a second worker). */
  readonly alreadyPosted: boolean;
}

export type SupplierNotificationKind =
  'invoice-approved' | 'invoice-rejected' | 'invoice-changes-requested' | 'payment-scheduled';

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  return e.code === 'P2002' || e.cause?.code === '23505' || /unique constraint|23505/i.test(e.message ?? '');
}

/**
 * Posting an approved invoice to the journal, scheduling its payment and queueing the supplier's notification, each
 * exactly once: the database refuses a second journal entry for an invoice (unique index on the entry's source), a
 * second schedule row and a second notification of a kind, and every method returns what is already there.
 */
export class InvoicePostingRepository {
  constructor(
    private readonly db: Database,
    readonly organisationId: string,
    private readonly today: () => Date = () => new Date(),
  ) {}

  private async existingEntry(invoiceId: string, session: DatabaseSession = this.db) {
    return session.journalEntry.findFirst({
      where: { organisationId: this.organisationId, sourceType: 'invoice', sourceId: invoiceId },
      select: { id: true, periodId: true, entryDate: true },
    });
  }

  /** The open period containing the date, else the open period containing today (with the reason). */
  private async choosePeriod(
    tx: DatabaseSession,
    invoiceDate: Date,
  ): Promise<{ periodId: string; entryDate: Date; note: string | null }> {
    const containing = (date: Date) =>
      tx.accountingPeriod.findFirst({
        where: { organisationId: this.organisationId, startsOn: { lte: date }, endsOn: { gte: date } },
        select: { id: true, lockedAt: true },
      });
    const own = await containing(invoiceDate);
    if (own && own.lockedAt === null) return { periodId: own.id, entryDate: invoiceDate, note: null };
    const today = day(isoDay(this.today()));
    const current = await containing(today);
    if (!current || current.lockedAt !== null) {
      throw new Error(
        `No open accounting period for ${isoDay(invoiceDate)} nor for today (${isoDay(today)}): open one to post.`,
      );
    }
    const why = own ? 'is locked' : 'does not exist';
    return {
      periodId: current.id,
      entryDate: today,
      note: `The period of the invoice date ${isoDay(invoiceDate)} ${why}; posted in the current period on ${isoDay(today)}.`,
    };
  }

  /** The expense account of the budget line's category, or of its nearest ancestor that names one. */
  private async expenseAccount(tx: DatabaseSession, budgetLineId: string): Promise<string> {
    const rows = await tx.$queryRaw<{ code: string }[]>`
      SELECT c.expense_account_code AS code
      FROM budget_line l
      JOIN budget_category_ancestor a ON a.organisation_id = l.organisation_id AND a.category_id = l.category_id
      JOIN budget_category c ON c.organisation_id = a.organisation_id AND c.id = a.ancestor_id
      WHERE l.organisation_id = ${this.organisationId}::uuid AND l.id = ${budgetLineId}::uuid
        AND c.expense_account_code IS NOT NULL
      ORDER BY a.depth LIMIT 1`;
    return rows[0]?.code ?? postingAccounts.defaultExpense;
  }

  async postInvoice(
    invoiceId: string,
    options: { fxRateId: string | null; postedBy: string | null },
  ): Promise<PostedInvoice> {
    const existing = await this.existingEntry(invoiceId);
    if (existing) return this.alreadyPosted(existing);
    try {
      return await this.db.$transaction(async (tx) => {
        const invoice = await tx.invoice.findUniqueOrThrow({
          where: { organisationId_id: { organisationId: this.organisationId, id: invoiceId } },
        });
        if (!['approved', 'posted'].includes(invoice.status)) {
          throw new Error(
            `Invoice ${invoice.number} is ${invoice.status}, not approved: it cannot be posted.`,
          );
        }
        if (!invoice.budgetLineId) throw new Error(`Invoice ${invoice.number} has no budget line.`);
        const [organisation, supplier] = await Promise.all([
          tx.organisation.findUniqueOrThrow({
            where: { id: this.organisationId },
            select: { baseCurrency: true, vatRegistered: true },
          }),
          tx.supplier.findUniqueOrThrow({
            where: { organisationId_id: { organisationId: this.organisationId, id: invoice.supplierId } },
            select: { name: true },
          }),
        ]);
        const rate = options.fxRateId
          ? await tx.fxRate.findUniqueOrThrow({
              where: { organisationId_id: { organisationId: this.organisationId, id: options.fxRateId } },
            })
          : null;
        const lines = invoiceJournalLines(
          {
            supplierName: supplier.name,
            number: invoice.number,
            currency: invoice.currency,
            net: invoice.netAmount.toFixed(),
            vat: invoice.vatAmount.toFixed(),
            gross: invoice.grossAmount.toFixed(),
            eventId: invoice.eventId,
            budgetLineId: invoice.budgetLineId,
          },
          {
            baseCurrency: organisation.baseCurrency,
            expenseAccount: await this.expenseAccount(tx, invoice.budgetLineId),
            vatRegistered: organisation.vatRegistered,
            rate: rate ? costRate(rate) : null,
          },
        );
        const period = await this.choosePeriod(tx, invoice.invoiceDate);
        const entry = await new JournalRepository(tx, this.organisationId).post({
          periodId: period.periodId,
          entryDate: period.entryDate,
          description:
            `${supplier.name} invoice ${invoice.number}` +
            (rate
              ? ` (${invoice.currency} at ${rate.rate.toFixed()} ${rate.source} ${isoDay(rate.rateDate)})`
              : ''),
          sourceType: 'invoice',
          sourceId: invoice.id,
          postedBy: options.postedBy ?? undefined,
          lines: [...lines],
        });
        await tx.invoice.update({
          where: { organisationId_id: { organisationId: this.organisationId, id: invoice.id } },
          data: { status: 'posted' },
        });
        const payload: Prisma.InputJsonObject = {
          journalEntryId: entry.id,
          periodId: period.periodId,
          ...(period.note ? { periodNote: period.note } : {}),
          ...(rate ? { fxRateId: rate.id, fxRate: rate.rate.toFixed() } : {}),
        };
        await new AuditLogRepository(tx, this.organisationId).append({
          actorId: options.postedBy ?? undefined,
          action: 'invoice.posted',
          subjectType: 'invoice',
          subjectId: invoice.id,
          payload,
        });
        return {
          journalEntryId: entry.id,
          periodId: period.periodId,
          entryDate: isoDay(period.entryDate),
          periodNote: period.note,
          alreadyPosted: false,
        };
      });
    } catch (error) {
      // Another worker posted it between our check and our insert: the index refused ours, theirs stands.
      if (isUniqueViolation(error)) {
        const winner = await this.existingEntry(invoiceId);
        if (winner) return this.alreadyPosted(winner);
      }
      throw error;
    }
  }

  private alreadyPosted(entry: { id: string; periodId: string; entryDate: Date }): PostedInvoice {
    return {
      journalEntryId: entry.id,
      periodId: entry.periodId,
      entryDate: isoDay(entry.entryDate),
      periodNote: null,
      alreadyPosted: true,
    };
  }

  /** One payment-schedule row per invoice, due on its due date (or the default terms after its date). */
  async schedulePayment(
    invoiceId: string,
  ): Promise<{ paymentScheduleId: string; dueOn: string; amount: string; currency: string }> {
    const invoice = await this.db.invoice.findUniqueOrThrow({
      where: { organisationId_id: { organisationId: this.organisationId, id: invoiceId } },
    });
    const dueOn =
      invoice.dueDate ??
      new Date(invoice.invoiceDate.getTime() + DEFAULT_PAYMENT_TERMS_DAYS * 24 * 60 * 60 * 1000);
    await this.db.paymentSchedule.createMany({
      data: [
        {
          organisationId: this.organisationId,
          invoiceId,
          supplierId: invoice.supplierId,
          dueOn,
          amount: invoice.grossAmount,
          currency: invoice.currency,
        },
      ],
      skipDuplicates: true,
    });
    const row = await this.db.paymentSchedule.findUniqueOrThrow({
      where: { organisationId_invoiceId: { organisationId: this.organisationId, invoiceId } },
    });
    return {
      paymentScheduleId: row.id,
      dueOn: isoDay(row.dueOn),
      amount: row.amount.toFixed(),
      currency: row.currency,
    };
  }

  /** Queues one message of this kind for the invoice's supplier (an outbox row a sender delivers). */
  async notifySupplier(
    invoiceId: string,
    kind: SupplierNotificationKind,
    payload: Prisma.InputJsonObject,
  ): Promise<void> {
    const invoice = await this.db.invoice.findUniqueOrThrow({
      where: { organisationId_id: { organisationId: this.organisationId, id: invoiceId } },
      select: { supplierId: true },
    });
    await this.db.supplierNotification.createMany({
      data: [
        { organisationId: this.organisationId, supplierId: invoice.supplierId, invoiceId, kind, payload },
      ],
      skipDuplicates: true,
    });
  }
}

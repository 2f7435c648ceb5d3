import type { DatabaseSession } from '../database/client';
import { inTransaction } from '../database/transaction';
import { beforeKey, type KeysetPage, pageOf, type PageRequest } from '../database/keyset';

export interface InvoiceRecord {
  readonly id: string;
  readonly supplierId: string;
  readonly eventId: string;
  readonly budgetLineId: string | null;
  readonly status: string;
  readonly number: string;
  readonly invoiceDate: Date;
  readonly dueDate: Date | null;
  readonly receivedAt: Date;
  readonly currency: string;
  readonly netAmount: string;
  readonly vatAmount: string;
  readonly grossAmount: string;
}

export interface InvoiceLineRecord {
  readonly id: string;
  readonly lineNo: number;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly vatRate: string;
  readonly vatCategory: string;
  readonly budgetLineId: string | null;
  readonly currency: string;
  readonly netAmount: string;
  readonly vatAmount: string;
  readonly grossAmount: string;
}

/** One step of an invoice's life as the audit log records it. */
export interface InvoiceStatusChange {
  readonly status: string;
  readonly at: Date;
  /** Why, where the step has a reason (a rejection, a change request). */
  readonly reason: string | null;
}

export interface InvoiceDocumentRecord {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly versions: {
    readonly id: string;
    readonly versionNo: number;
    readonly s3Key: string;
    readonly sha256: string;
    readonly contentType: string;
    readonly sizeBytes: bigint;
    readonly thumbnailKey: string | null;
    readonly uploadedAt: Date;
  }[];
}

export interface InvoiceDetail extends InvoiceRecord {
  readonly lines: InvoiceLineRecord[];
  readonly statusHistory: InvoiceStatusChange[];
  readonly documents: InvoiceDocumentRecord[];
}

export interface NewInvoiceRecord {
  readonly supplierId: string;
  readonly eventId: string;
  readonly budgetLineId: string | null;
  readonly status: string;
  readonly number: string;
  readonly normalisedNumber: string;
  readonly invoiceDate: Date;
  readonly dueDate: Date | null;
  readonly receivedAt: Date;
  readonly currency: string;
  readonly netAmount: string;
  readonly vatAmount: string;
  readonly grossAmount: string;
  readonly lines: readonly {
    readonly description: string;
    readonly quantity: string;
    readonly unitPrice: string;
    readonly vatRate: string;
    readonly vatCategory: string;
    readonly budgetLineId: string | null;
    readonly currency: string;
    readonly netAmount: string;
    readonly vatAmount: string;
    readonly grossAmount: string;
  }[];
}

export interface InvoiceFilter {
  readonly status?: string | null;
  readonly eventId?: string | null;
  readonly supplierId?: string | null;
  /**
   * Only the invoices this user takes part in: an approval task assigned to them (or theirs by slot), a decision
   * they made, a budget line they own, or an event they are a stakeholder of. Unset: every invoice.
   */
  readonly participantId?: string | null;
}

const invoiceFields = {
  id: true,
  supplierId: true,
  eventId: true,
  budgetLineId: true,
  status: true,
  number: true,
  invoiceDate: true,
  dueDate: true,
  receivedAt: true,
  currency: true,
  netAmount: true,
  vatAmount: true,
  grossAmount: true,
} as const;

type Decimalish = { toString(): string };

function toRecord(row: {
  netAmount: Decimalish;
  vatAmount: Decimalish;
  grossAmount: Decimalish;
  [key: string]: unknown;
}): InvoiceRecord {
  return {
    ...(row as unknown as InvoiceRecord),
    netAmount: row.netAmount.toString(),
    vatAmount: row.vatAmount.toString(),
    grossAmount: row.grossAmount.toString(),
  };
}

/** Audit actions on invoices and the status each leaves the invoice in. */
const statusOfAction: Readonly<Record<string, string>> = {
  'invoice.submitted_for_approval': 'pending_approval',
  'invoice.received': 'received',
  'invoice.pending_approval': 'pending_approval',
  'invoice.approved': 'approved',
  'invoice.rejected': 'rejected',
  'invoice.changes_requested': 'changes_requested',
  'invoice.posted': 'posted',
  'invoice.paid': 'paid',
  'invoice.void': 'void',
};

/** The invoices of one organisation as people read them: lists, detail, status history and documents. */
export class InvoiceRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  /** An invoice as it is, with its lines (imports, the demo seed); intake records invoices through its workflow. */
  async record(invoice: NewInvoiceRecord): Promise<{ id: string; lineCount: number }> {
    const { lines, ...header } = invoice;
    return inTransaction(this.db, async (tx) => {
      const { id } = await tx.invoice.create({
        data: { ...header, organisationId: this.organisationId },
        select: { id: true },
      });
      const created = await tx.invoiceLine.createMany({
        data: lines.map((line, index) => ({
          ...line,
          organisationId: this.organisationId,
          invoiceId: id,
          lineNo: index + 1,
        })),
      });
      return { id, lineCount: created.count };
    });
  }

  /** An open approval task on the invoice for one person (outside an approval workflow: imports, the demo seed). */
  async openApprovalTask(task: {
    readonly invoiceId: string;
    readonly eventId: string;
    readonly title: string;
    readonly assigneeId: string | null;
    readonly dueAt: Date | null;
    /** The invoice's gross, exact decimal text, so the inbox shows and sorts it like a workflow's task. */
    readonly amount: string;
    readonly currency: string;
  }): Promise<{ id: string }> {
    return this.db.task.create({
      data: {
        organisationId: this.organisationId,
        kind: 'invoice_approval',
        title: task.title,
        subjectType: 'invoice',
        subjectId: task.invoiceId,
        eventId: task.eventId,
        assigneeId: task.assigneeId,
        dueAt: task.dueAt,
        amount: task.amount,
        currency: task.currency,
      },
      select: { id: true },
    });
  }

  /** Newest received first. */
  async page(
    filter: InvoiceFilter,
    page: PageRequest<{ value: Date; id: string }>,
  ): Promise<KeysetPage<InvoiceRecord>> {
    const where = await this.where(filter);
    const [rows, totalCount] = await Promise.all([
      this.db.invoice.findMany({
        where: { ...where, ...beforeKey('receivedAt', page.after) },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: page.first + 1,
        select: invoiceFields,
      }),
      this.db.invoice.count({ where }),
    ]);
    return pageOf(rows.map(toRecord), page.first, totalCount);
  }

  /** The invoice with its lines, history and documents, when `filter` lets the caller see it. */
  async detail(id: string, filter: InvoiceFilter = {}): Promise<InvoiceDetail | null> {
    const row = await this.db.invoice.findFirst({
      where: { ...(await this.where(filter)), id },
      select: { ...invoiceFields, lines: { orderBy: { lineNo: 'asc' } } },
    });
    if (!row) return null;
    const [history, documents] = await Promise.all([this.statusHistory(row), this.documents(id)]);
    const { lines, ...invoice } = row;
    return {
      ...toRecord(invoice),
      lines: lines.map((l) => ({
        id: l.id,
        lineNo: l.lineNo,
        description: l.description,
        quantity: l.quantity.toString(),
        unitPrice: l.unitPrice.toString(),
        vatRate: l.vatRate.toString(),
        vatCategory: l.vatCategory,
        budgetLineId: l.budgetLineId,
        currency: l.currency,
        netAmount: l.netAmount.toString(),
        vatAmount: l.vatAmount.toString(),
        grossAmount: l.grossAmount.toString(),
      })),
      statusHistory: history,
      documents,
    };
  }

  /** Received first, then every audited transition in order, with its reason. */
  private async statusHistory(invoice: { id: string; receivedAt: Date }): Promise<InvoiceStatusChange[]> {
    const rows = await this.db.auditLog.findMany({
      where: { organisationId: this.organisationId, subjectType: 'invoice', subjectId: invoice.id },
      orderBy: { sequence: 'asc' },
      select: { action: true, at: true, payload: true },
    });
    const changes: InvoiceStatusChange[] = [{ status: 'received', at: invoice.receivedAt, reason: null }];
    for (const row of rows) {
      const status = statusOfAction[row.action];
      if (status === undefined) continue;
      const payload = row.payload as Record<string, unknown> | null;
      const reason = typeof payload?.['reason'] === 'string' ? payload['reason'] : null;
      changes.push({ status, at: row.at, reason });
    }
    return changes;
  }

  private async documents(invoiceId: string): Promise<InvoiceDocumentRecord[]> {
    return this.db.document.findMany({
      where: { organisationId: this.organisationId, invoiceId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        kind: true,
        title: true,
        versions: {
          orderBy: { versionNo: 'asc' },
          select: {
            id: true,
            versionNo: true,
            s3Key: true,
            sha256: true,
            contentType: true,
            sizeBytes: true,
            thumbnailKey: true,
            uploadedAt: true,
          },
        },
      },
    });
  }

  private async where(filter: InvoiceFilter) {
    const org = this.organisationId;
    const base = {
      organisationId: org,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.eventId ? { eventId: filter.eventId } : {}),
      ...(filter.supplierId ? { supplierId: filter.supplierId } : {}),
    };
    if (!filter.participantId) return base;
    const userId = filter.participantId;
    const [tasks, decisions, lines, events] = await Promise.all([
      this.db.task.findMany({
        where: {
          organisationId: org,
          subjectType: 'invoice',
          OR: [{ assigneeId: userId }, { approverId: userId }],
        },
        select: { subjectId: true },
      }),
      this.db.approvalDecision.findMany({
        where: {
          organisationId: org,
          subjectType: 'invoice',
          OR: [{ decidedBy: userId }, { onBehalfOf: userId }],
        },
        select: { subjectId: true },
      }),
      this.db.budgetLine.findMany({ where: { organisationId: org, ownerId: userId }, select: { id: true } }),
      this.db.stakeholderAssignment.findMany({
        where: { organisationId: org, userId },
        select: { eventId: true },
      }),
    ]);
    const invoiceIds = [...new Set([...tasks, ...decisions].map((t) => t.subjectId))];
    return {
      ...base,
      OR: [
        { id: { in: invoiceIds } },
        { budgetLineId: { in: lines.map((l) => l.id) } },
        { eventId: { in: [...new Set(events.map((e) => e.eventId))] } },
      ],
    };
  }
}

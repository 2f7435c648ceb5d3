import { normaliseInvoiceNumber } from '@eventvault/domain';
import type { Database, DatabaseSession } from '../database/client';
import { AuditLogRepository } from '../ledger/audit-log.repository';
import type { InvoiceDraft, StoredDocument } from './intake-types';

/** Invoice statuses as the invoice table knows them. */
export type InvoiceStatus =
  'received' | 'pending_approval' | 'approved' | 'rejected' | 'posted' | 'paid' | 'void';

/** How far back a rate may be dated and still convert an invoice (weekends, public holidays). */
const FX_RATE_MAX_AGE_DAYS = 7;

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export interface OrganisationSettings {
  readonly baseCurrency: string;
  readonly standardVatPercent: string;
  readonly vatRegistered: boolean;
}

export interface InvoiceRecordInput {
  readonly invoiceId: string;
  readonly documentId: string;
  readonly supplierId: string;
  readonly eventId: string;
  readonly budgetLineId: string;
  readonly purchaseOrderId: string | null;
  readonly draft: InvoiceDraft;
}

/** What intake reads and writes in one organisation: documents, invoices, review tasks and exchange rates. */
export class InvoiceIntakeRepository {
  constructor(
    private readonly db: Database,
    readonly organisationId: string,
  ) {}

  async organisationSettings(): Promise<OrganisationSettings> {
    const org = await this.db.organisation.findUniqueOrThrow({
      where: { id: this.organisationId },
      select: { baseCurrency: true, defaultVatRate: true, vatRegistered: true },
    });
    return {
      baseCurrency: org.baseCurrency,
      standardVatPercent: org.defaultVatRate.toString(),
      vatRegistered: org.vatRegistered,
    };
  }

  /** The document (created with its first version) and one version row; a retry with the same ids changes nothing. */
  async registerDocumentVersion(input: {
    documentId: string;
    versionId: string;
    versionNo: number;
    document: StoredDocument;
    uploadedBy: string | null;
    supplierId: string | null;
    eventId: string | null;
  }): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.document.createMany({
        data: [
          {
            id: input.documentId,
            organisationId: this.organisationId,
            kind: 'invoice',
            title: input.document.fileName,
            supplierId: input.supplierId,
            eventId: input.eventId,
          },
        ],
        skipDuplicates: true,
      });
      const existing = await tx.documentVersion.findFirst({
        where: { organisationId: this.organisationId, id: input.versionId },
        select: { id: true },
      });
      if (existing) return;
      await tx.documentVersion.create({
        data: {
          id: input.versionId,
          organisationId: this.organisationId,
          documentId: input.documentId,
          versionNo: input.versionNo,
          s3Key: input.document.objectKey,
          sha256: input.document.sha256,
          contentType: input.document.contentType,
          sizeBytes: input.document.sizeBytes,
          uploadedBy: input.uploadedBy,
        },
      });
    });
  }

  async setThumbnail(versionId: string, thumbnailKey: string): Promise<void> {
    await this.db.documentVersion.updateMany({
      where: { organisationId: this.organisationId, id: versionId },
      data: { thumbnailKey },
    });
  }

  /** Other documents of the organisation holding a version with this content hash. */
  async documentsWithContent(
    sha256: string,
    exceptDocumentId: string,
  ): Promise<{ documentId: string; invoiceNumber: string | null }[]> {
    const versions = await this.db.documentVersion.findMany({
      where: { organisationId: this.organisationId, sha256, documentId: { not: exceptDocumentId } },
      select: { documentId: true },
      distinct: ['documentId'],
    });
    const documents = await this.db.document.findMany({
      where: { organisationId: this.organisationId, id: { in: versions.map((v) => v.documentId) } },
      select: { id: true, invoiceId: true },
    });
    const invoices = await this.db.invoice.findMany({
      where: {
        organisationId: this.organisationId,
        id: { in: documents.flatMap((d) => (d.invoiceId ? [d.invoiceId] : [])) },
      },
      select: { id: true, number: true },
    });
    return documents.map((d) => ({
      documentId: d.id,
      invoiceNumber: invoices.find((i) => i.id === d.invoiceId)?.number ?? null,
    }));
  }

  /** The supplier's other invoices with the same normalised number, whatever their date or fiscal year. */
  async invoicesWithNumber(
    supplierId: string,
    number: string,
    exceptInvoiceId: string,
  ): Promise<{ number: string; invoiceDate: string; status: string }[]> {
    const rows = await this.db.invoice.findMany({
      where: {
        organisationId: this.organisationId,
        supplierId,
        normalisedNumber: normaliseInvoiceNumber(number),
        id: { not: exceptInvoiceId },
      },
      select: { number: true, invoiceDate: true, status: true },
    });
    return rows.map((r) => ({ number: r.number, invoiceDate: isoDay(r.invoiceDate), status: r.status }));
  }

  purchaseOrderByNumber(number: string) {
    return this.db.purchaseOrder.findFirst({
      where: { organisationId: this.organisationId, number: { equals: number.trim(), mode: 'insensitive' } },
      select: {
        id: true,
        number: true,
        supplierId: true,
        eventId: true,
        budgetLineId: true,
        status: true,
        grossAmount: true,
        currency: true,
      },
    });
  }

  /**
   * The budget line the supplier's open purchase orders and accepted quotes for the event point at, when they all
   * point at one; null when there is none or more than one (a person chooses).
   */
  async budgetLineFromOrders(supplierId: string, eventId: string): Promise<string | null> {
    const [orders, quotes] = await Promise.all([
      this.db.purchaseOrder.findMany({
        where: {
          organisationId: this.organisationId,
          supplierId,
          eventId,
          status: { in: ['draft', 'issued'] },
          budgetLineId: { not: null },
        },
        select: { budgetLineId: true },
      }),
      this.db.quote.findMany({
        where: {
          organisationId: this.organisationId,
          supplierId,
          eventId,
          status: 'accepted',
          budgetLineId: { not: null },
        },
        select: { budgetLineId: true },
      }),
    ]);
    const lines = new Set([...orders, ...quotes].flatMap((r) => (r.budgetLineId ? [r.budgetLineId] : [])));
    return lines.size === 1 ? ([...lines][0] ?? null) : null;
  }

  /** Whether the budget line belongs to a budget of the event. */
  async budgetLineBelongsToEvent(budgetLineId: string, eventId: string): Promise<boolean> {
    const rows = await this.db.$queryRaw<{ ok: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM budget_line l
        JOIN budget_version v ON v.organisation_id = l.organisation_id AND v.id = l.budget_version_id
        JOIN budget b ON b.organisation_id = v.organisation_id AND b.id = v.budget_id
        WHERE l.organisation_id = ${this.organisationId}::uuid AND l.id = ${budgetLineId}::uuid
          AND b.event_id = ${eventId}::uuid
      ) AS ok`;
    return rows[0]?.ok ?? false;
  }

  async eventExists(eventId: string): Promise<boolean> {
    const count = await this.db.event.count({ where: { organisationId: this.organisationId, id: eventId } });
    return count === 1;
  }

  /** The newest rate for the pair dated on or up to a week before the invoice date. */
  async fxRateFor(from: string, to: string, onDate: string) {
    const date = day(onDate);
    const earliest = new Date(date.getTime() - FX_RATE_MAX_AGE_DAYS * 24 * 60 * 60 * 1000);
    return this.db.fxRate.findFirst({
      where: {
        organisationId: this.organisationId,
        fromCurrency: from,
        toCurrency: to,
        rateDate: { lte: date, gte: earliest },
      },
      orderBy: [{ rateDate: 'desc' }, { createdAt: 'desc' }],
      select: { id: true, rate: true, rateDate: true, source: true },
    });
  }

  async fxRateById(id: string) {
    return this.db.fxRate.findUniqueOrThrow({
      where: { organisationId_id: { organisationId: this.organisationId, id } },
      select: { id: true, rate: true, fromCurrency: true, toCurrency: true, rateDate: true, source: true },
    });
  }

  /** Stores a rate once per pair, date and source (a retry or a second entry of the same rate is one row). */
  async recordFxRate(rate: {
    from: string;
    to: string;
    rate: string;
    date: string;
    source: string;
    enteredBy: string | null;
  }): Promise<void> {
    await this.db.fxRate.createMany({
      data: [
        {
          organisationId: this.organisationId,
          fromCurrency: rate.from,
          toCurrency: rate.to,
          rate: rate.rate,
          rateDate: day(rate.date),
          source: rate.source,
          enteredBy: rate.enteredBy,
        },
      ],
      skipDuplicates: true,
    });
  }

  async setSupplierDocumentLocale(supplierId: string, documentLocale: string): Promise<void> {
    await this.db.supplier.updateMany({
      where: { organisationId: this.organisationId, id: supplierId },
      data: { documentLocale },
    });
  }

  /** Opens a task once (the id is chosen by the workflow, so a retried activity finds its own row). */
  async openTask(task: {
    id: string;
    kind: string;
    title: string;
    subjectType: string;
    subjectId: string;
    eventId: string | null;
    workflowId: string;
    /** Roles the task is open to while nobody is assigned (the inbox shows it to every holder). */
    candidateRoles?: readonly string[];
  }): Promise<void> {
    const { candidateRoles = [], ...row } = task;
    const { count } = await this.db.task.createMany({
      data: [{ ...row, candidateRoles: [...candidateRoles], organisationId: this.organisationId }],
      skipDuplicates: true,
    });
    if (count === 1) {
      await new AuditLogRepository(this.db, this.organisationId).append({
        action: `task.opened`,
        subjectType: task.subjectType,
        subjectId: task.subjectId,
        payload: { taskId: task.id, kind: task.kind, title: task.title },
      });
    }
  }

  async closeTask(id: string, status: 'done' | 'cancelled', actorId: string | null): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.task.updateMany({
        where: { organisationId: this.organisationId, id, status: 'open' },
        data: { status, completedAt: new Date() },
      });
      if (count === 1) {
        await new AuditLogRepository(tx, this.organisationId).append({
          actorId: actorId ?? undefined,
          action: `task.${status}`,
          subjectType: 'task',
          subjectId: id,
        });
      }
    });
  }

  /**
   * Writes the invoice (first time) or its corrected fields (after a resubmission), links the document to it and
   * moves it to pending_approval, in one transaction.
   */
  async recordInvoice(input: InvoiceRecordInput, actorId: string | null): Promise<void> {
    const { draft } = input;
    const required = <T>(value: T | null, field: string): T => {
      if (value === null) throw new Error(`The invoice cannot be recorded without its ${field}.`);
      return value;
    };
    const fields = {
      supplierId: input.supplierId,
      eventId: input.eventId,
      budgetLineId: input.budgetLineId,
      purchaseOrderId: input.purchaseOrderId,
      number: required(draft.invoiceNumber, 'number'),
      normalisedNumber: normaliseInvoiceNumber(required(draft.invoiceNumber, 'number')),
      invoiceDate: day(required(draft.issueDate, 'issue date')),
      dueDate: draft.dueDate ? day(draft.dueDate) : null,
      currency: required(draft.currency, 'currency'),
      netAmount: required(draft.net, 'net amount'),
      vatAmount: required(draft.vat, 'VAT amount'),
      grossAmount: required(draft.gross, 'gross amount'),
    };
    await this.db.$transaction(async (tx) => {
      const existing = await tx.invoice.findUnique({
        where: { organisationId_id: { organisationId: this.organisationId, id: input.invoiceId } },
        select: { status: true },
      });
      if (existing && existing.status !== 'received') return;
      if (existing) {
        await tx.invoice.update({
          where: { organisationId_id: { organisationId: this.organisationId, id: input.invoiceId } },
          data: { ...fields, status: 'pending_approval' },
        });
      } else {
        await tx.invoice.create({
          data: {
            ...fields,
            id: input.invoiceId,
            organisationId: this.organisationId,
            status: 'pending_approval',
          },
        });
      }
      await tx.document.updateMany({
        where: { organisationId: this.organisationId, id: input.documentId },
        data: { invoiceId: input.invoiceId, supplierId: input.supplierId, eventId: input.eventId },
      });
      await new AuditLogRepository(tx, this.organisationId).append({
        actorId: actorId ?? undefined,
        action: 'invoice.submitted_for_approval',
        subjectType: 'invoice',
        subjectId: input.invoiceId,
        payload: { number: fields.number, gross: fields.grossAmount, currency: fields.currency },
      });
    });
  }

  /** Moves the invoice to `status` and audits the transition; a repeat of the same transition changes nothing. */
  async transitionInvoice(
    invoiceId: string,
    to: InvoiceStatus,
    from: readonly InvoiceStatus[],
    audit: { actorId: string | null; reason?: string },
    session: DatabaseSession = this.db,
  ): Promise<boolean> {
    const apply = async (tx: DatabaseSession) => {
      const { count } = await tx.invoice.updateMany({
        where: { organisationId: this.organisationId, id: invoiceId, status: { in: [...from] } },
        data: { status: to },
      });
      if (count === 1) {
        await new AuditLogRepository(tx, this.organisationId).append({
          actorId: audit.actorId ?? undefined,
          action: `invoice.${to}`,
          subjectType: 'invoice',
          subjectId: invoiceId,
          payload: audit.reason ? { reason: audit.reason } : {},
        });
      }
      return count === 1;
    };
    return session === this.db ? this.db.$transaction((tx) => apply(tx)) : apply(session);
  }
}

import { randomUUID } from 'node:crypto';
import type { Database } from '../database/client';
import { beforeKey, type KeysetPage, pageOf, type PageRequest } from '../database/keyset';
import { AuditLogRepository } from '../ledger/audit-log.repository';
import { type BankDetails, checkBankDetails, maskBankDetails } from './bank-details';
import type { BankDetailsCipher, SealContext } from './bank-details-cipher';
import { SupplierRepository } from './supplier.repository';

export interface QuoteRecord {
  readonly id: string;
  readonly eventId: string;
  readonly reference: string | null;
  readonly status: string;
  readonly quotedOn: Date | null;
  readonly validUntil: Date | null;
  readonly currency: string;
  readonly netAmount: string;
  readonly vatAmount: string;
  readonly grossAmount: string;
  readonly createdAt: Date;
}

export interface NewQuote {
  readonly supplierId: string;
  readonly eventId: string;
  readonly reference: string | null;
  readonly currency: string;
  /** Exact decimal text in whole minor units of the currency. */
  readonly netAmount: string;
  readonly vatAmount: string;
  readonly grossAmount: string;
  readonly quotedOn: Date | null;
  readonly validUntil: Date | null;
  readonly document: {
    objectKey: string;
    sha256: string;
    contentType: string;
    sizeBytes: number;
    fileName: string;
  };
  readonly uploadedBy: string | null;
}

export class QuoteSubmissionError extends Error {
  override readonly name = 'QuoteSubmissionError';

  constructor(
    readonly reason: 'unknown-event' | 'duplicate',
    message: string,
  ) {
    super(message);
  }
}

export interface PaymentRecord {
  readonly id: string;
  readonly kind: string;
  readonly invoiceId: string | null;
  readonly paidOn: Date;
  readonly reference: string | null;
  readonly amount: string;
  readonly currency: string;
}

export interface BankDetailsChangeRecord {
  readonly id: string;
  readonly supplierId: string;
  readonly requestedBy: string | null;
  readonly bankName: string;
  readonly accountEnding: string;
  readonly status: string;
  readonly requestedAt: Date;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
}

export class BankDetailsChangeError extends Error {
  override readonly name = 'BankDetailsChangeError';

  constructor(
    readonly reason: 'not-found' | 'pending-exists' | 'decided' | 'own-request',
    message: string,
  ) {
    super(message);
  }
}

/** Task kind of finance's verification of new bank details. */
export const BANK_DETAILS_REVIEW_TASK = 'bank_details_review';

const changeFields = {
  id: true,
  supplierId: true,
  requestedBy: true,
  bankName: true,
  accountEnding: true,
  status: true,
  requestedAt: true,
  decidedAt: true,
  decisionReason: true,
} as const;

/** Requested details are bound to their request row, so they open only as that request. */
function changeContext(organisationId: string, changeId: string): SealContext {
  return { organisationId, supplierId: `bank-details-change/${changeId}` };
}

/**
 * The supplier portal of one organisation: which supplier a user speaks for, that supplier's quotes and payments,
 * and bank-details changes, which take effect only once finance has verified and approved them.
 */
/** Events a supplier may send new quotes and invoices for without having dealt with them before. */
export const openEventStatuses = ['planning', 'confirmed', 'live'] as const;

export interface PortalEventRecord {
  readonly id: string;
  readonly name: string;
  readonly startsOn: Date;
  readonly endsOn: Date;
}

export class SupplierPortalRepository {
  constructor(
    private readonly db: Database,
    readonly organisationId: string,
    private readonly cipher: BankDetailsCipher,
  ) {}

  /** The supplier this user speaks for; null for staff (or a user of another organisation). */
  async supplierOf(userId: string): Promise<string | null> {
    const user = await this.db.appUser.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id: userId } },
      select: { supplierId: true },
    });
    return user?.supplierId ?? null;
  }

  /** Links (or with null unlinks) a user to a supplier of the same organisation; the foreign key refuses others. */
  async linkUser(userId: string, supplierId: string | null): Promise<void> {
    const { count } = await this.db.appUser.updateMany({
      where: { organisationId: this.organisationId, id: userId },
      data: { supplierId },
    });
    if (count !== 1) throw new Error(`User ${userId} is not in this organisation.`);
  }

  /**
   * The events a supplier can send quotes and invoices for, soonest first: every event it already quoted for, holds a
   * purchase order for or invoiced, and every event still open for business (planning, confirmed or live). Only names
   * and dates: a supplier learns nothing else about an event.
   */
  async portalEvents(supplierId: string): Promise<PortalEventRecord[]> {
    const org = this.organisationId;
    const [quoted, ordered, invoiced] = await Promise.all([
      this.db.quote.findMany({
        where: { organisationId: org, supplierId },
        select: { eventId: true },
        distinct: ['eventId'],
      }),
      this.db.purchaseOrder.findMany({
        where: { organisationId: org, supplierId },
        select: { eventId: true },
        distinct: ['eventId'],
      }),
      this.db.invoice.findMany({
        where: { organisationId: org, supplierId },
        select: { eventId: true },
        distinct: ['eventId'],
      }),
    ]);
    const known = [...new Set([...quoted, ...ordered, ...invoiced].map((row) => row.eventId))];
    const events = await this.db.event.findMany({
      where: {
        organisationId: org,
        OR: [{ id: { in: known } }, { status: { in: [...openEventStatuses] } }],
      },
      select: { id: true, name: true, startsOn: true, endsOn: true },
      orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
    });
    return events;
  }

  /** The supplier's quotes, newest first. */
  async quotes(
    supplierId: string,
    page: PageRequest<{ value: Date; id: string }>,
  ): Promise<KeysetPage<QuoteRecord>> {
    const where = { organisationId: this.organisationId, supplierId };
    const [rows, totalCount] = await Promise.all([
      this.db.quote.findMany({
        where: { ...where, ...beforeKey('createdAt', page.after) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.first + 1,
      }),
      this.db.quote.count({ where }),
    ]);
    return pageOf(
      rows.map((q) => ({
        id: q.id,
        eventId: q.eventId,
        reference: q.reference,
        status: q.status,
        quotedOn: q.quotedOn,
        validUntil: q.validUntil,
        currency: q.currency,
        netAmount: q.netAmount.toString(),
        vatAmount: q.vatAmount.toString(),
        grossAmount: q.grossAmount.toString(),
        createdAt: q.createdAt,
      })),
      page.first,
      totalCount,
    );
  }

  /**
   * A quote the supplier submitted with its document: the quote, the document (kind "quote") and its first version,
   * in one transaction. The same bytes submitted twice are one document: the second submission is refused.
   */
  async submitQuote(quote: NewQuote): Promise<QuoteRecord> {
    const org = this.organisationId;
    return this.db.$transaction(async (tx) => {
      const event = await tx.event.findUnique({
        where: { organisationId_id: { organisationId: org, id: quote.eventId } },
        select: { id: true },
      });
      if (!event)
        throw new QuoteSubmissionError('unknown-event', `Your organisation has no event ${quote.eventId}.`);
      const stored = await tx.documentVersion.findUnique({
        where: { s3Key: quote.document.objectKey },
        select: { id: true },
      });
      if (stored) throw new QuoteSubmissionError('duplicate', 'This document was submitted before.');
      const created = await tx.quote.create({
        data: {
          organisationId: org,
          supplierId: quote.supplierId,
          eventId: quote.eventId,
          reference: quote.reference,
          quotedOn: quote.quotedOn,
          validUntil: quote.validUntil,
          currency: quote.currency,
          netAmount: quote.netAmount,
          vatAmount: quote.vatAmount,
          grossAmount: quote.grossAmount,
        },
      });
      const document = await tx.document.create({
        data: {
          organisationId: org,
          kind: 'quote',
          title: quote.document.fileName,
          supplierId: quote.supplierId,
          eventId: quote.eventId,
          quoteId: created.id,
        },
        select: { id: true },
      });
      await tx.documentVersion.create({
        data: {
          organisationId: org,
          documentId: document.id,
          versionNo: 1,
          s3Key: quote.document.objectKey,
          sha256: quote.document.sha256,
          contentType: quote.document.contentType,
          sizeBytes: quote.document.sizeBytes,
          uploadedBy: quote.uploadedBy,
        },
      });
      await new AuditLogRepository(tx, org).append({
        actorId: quote.uploadedBy ?? undefined,
        action: 'quote.submitted',
        subjectType: 'quote',
        subjectId: created.id,
        payload: { reference: quote.reference, gross: quote.grossAmount, currency: quote.currency },
      });
      return {
        id: created.id,
        eventId: created.eventId,
        reference: created.reference,
        status: created.status,
        quotedOn: created.quotedOn,
        validUntil: created.validUntil,
        currency: created.currency,
        netAmount: created.netAmount.toString(),
        vatAmount: created.vatAmount.toString(),
        grossAmount: created.grossAmount.toString(),
        createdAt: created.createdAt,
      };
    });
  }

  /** Payments made to the supplier, newest first. */
  async payments(
    supplierId: string,
    page: PageRequest<{ value: Date; id: string }>,
  ): Promise<KeysetPage<PaymentRecord>> {
    const where = { organisationId: this.organisationId, supplierId };
    const [rows, totalCount] = await Promise.all([
      this.db.payment.findMany({
        where: { ...where, ...beforeKey('paidOn', page.after) },
        orderBy: [{ paidOn: 'desc' }, { id: 'desc' }],
        take: page.first + 1,
      }),
      this.db.payment.count({ where }),
    ]);
    return pageOf(
      rows.map((p) => ({
        id: p.id,
        kind: p.kind,
        invoiceId: p.invoiceId,
        paidOn: p.paidOn,
        reference: p.reference,
        amount: p.amount.toString(),
        currency: p.currency,
      })),
      page.first,
      totalCount,
    );
  }

  /**
   * Seals the requested details and opens a review task for finance. The supplier's details stay as they are until
   * finance approves; one request may be open per supplier.
   */
  async requestBankDetailsChange(
    supplierId: string,
    details: BankDetails,
    requestedBy: string | null,
  ): Promise<BankDetailsChangeRecord> {
    const org = this.organisationId;
    const checked = checkBankDetails(details);
    const id = randomUUID();
    const sealed = this.cipher.seal(checked, changeContext(org, id));
    const masked = maskBankDetails(checked);
    return this.db.$transaction(async (tx) => {
      const supplier = await tx.supplier.findUnique({
        where: { organisationId_id: { organisationId: org, id: supplierId } },
        select: { name: true },
      });
      if (!supplier)
        throw new BankDetailsChangeError('not-found', `No supplier ${supplierId} in this organisation.`);
      const open = await tx.bankDetailsChange.findFirst({
        where: { organisationId: org, supplierId, status: 'pending' },
        select: { id: true },
      });
      if (open) {
        throw new BankDetailsChangeError(
          'pending-exists',
          'A change of bank details is already waiting for finance; it must be decided first.',
        );
      }
      const change = await tx.bankDetailsChange.create({
        data: {
          id,
          organisationId: org,
          supplierId,
          requestedBy,
          detailsCiphertext: sealed.ciphertext,
          detailsKeyId: sealed.keyId,
          bankName: masked.bankName,
          accountEnding: masked.accountEnding,
        },
        select: changeFields,
      });
      await tx.task.create({
        data: {
          organisationId: org,
          kind: BANK_DETAILS_REVIEW_TASK,
          title: `Verify the new bank details of ${supplier.name} (account ending ${masked.accountEnding})`,
          subjectType: 'bank_details_change',
          subjectId: id,
        },
      });
      await new AuditLogRepository(tx, org).append({
        actorId: requestedBy ?? undefined,
        action: 'supplier.bank_details_change_requested',
        subjectType: 'supplier',
        subjectId: supplierId,
        payload: { changeId: id, bankName: masked.bankName, accountEnding: masked.accountEnding },
      });
      return change;
    });
  }

  /** Changes newest first, optionally by status. */
  async changes(
    filter: { status?: string | null; supplierId?: string | null },
    page: PageRequest<{ value: Date; id: string }>,
  ): Promise<KeysetPage<BankDetailsChangeRecord>> {
    const where = {
      organisationId: this.organisationId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.supplierId ? { supplierId: filter.supplierId } : {}),
    };
    const [rows, totalCount] = await Promise.all([
      this.db.bankDetailsChange.findMany({
        where: { ...where, ...beforeKey('requestedAt', page.after) },
        orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
        take: page.first + 1,
        select: changeFields,
      }),
      this.db.bankDetailsChange.count({ where }),
    ]);
    return pageOf(rows, page.first, totalCount);
  }

  /**
   * Finance's decision. Approval replaces the supplier's bank details with the requested ones (stamping the change
   * time the fraud check reads) in the same transaction that closes the request and its task. The requester never
   * decides their own request.
   */
  async decideBankDetailsChange(
    changeId: string,
    decision: { approve: boolean; reason: string | null },
    decidedBy: string | null,
    now: Date = new Date(),
  ): Promise<BankDetailsChangeRecord> {
    const org = this.organisationId;
    return this.db.$transaction(async (tx) => {
      const change = await tx.bankDetailsChange.findUnique({
        where: { organisationId_id: { organisationId: org, id: changeId } },
      });
      if (!change) throw new BankDetailsChangeError('not-found', `No bank-details change ${changeId}.`);
      if (change.status !== 'pending') {
        throw new BankDetailsChangeError('decided', `This change was ${change.status} already.`);
      }
      if (decidedBy !== null && change.requestedBy === decidedBy) {
        throw new BankDetailsChangeError('own-request', 'Nobody verifies their own change of bank details.');
      }
      const status = decision.approve ? 'approved' : 'rejected';
      const { count } = await tx.bankDetailsChange.updateMany({
        where: { organisationId: org, id: changeId, status: 'pending' },
        data: { status, decidedBy, decidedAt: now, decisionReason: decision.reason },
      });
      if (count !== 1) throw new BankDetailsChangeError('decided', 'This change was decided meanwhile.');
      if (decision.approve) {
        const details = this.cipher.open(
          { ciphertext: change.detailsCiphertext, keyId: change.detailsKeyId },
          changeContext(org, changeId),
        );
        await new SupplierRepository(tx, org, this.cipher).setBankDetails(change.supplierId, details, now);
      }
      await tx.task.updateMany({
        where: {
          organisationId: org,
          subjectType: 'bank_details_change',
          subjectId: changeId,
          status: 'open',
        },
        data: { status: 'done', completedAt: now },
      });
      await new AuditLogRepository(tx, org).append({
        actorId: decidedBy ?? undefined,
        action: decision.approve ? 'supplier.bank_details_changed' : 'supplier.bank_details_change_rejected',
        subjectType: 'supplier',
        subjectId: change.supplierId,
        payload: {
          changeId,
          bankName: change.bankName,
          accountEnding: change.accountEnding,
          ...(decision.reason ? { reason: decision.reason } : {}),
        },
      });
      return tx.bankDetailsChange.findUniqueOrThrow({
        where: { organisationId_id: { organisationId: org, id: changeId } },
        select: changeFields,
      });
    });
  }
}

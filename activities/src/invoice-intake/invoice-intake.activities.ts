import { Money, convertMoney, fxRate, isCurrencyCode, type MoneyJson } from '@eventvault/domain';
import type { Prisma } from '../generated/prisma/client';
import type { Database } from '../database/client';
import {
  InvoicePostingRepository,
  type SupplierNotificationKind,
} from '../posting/invoice-posting.repository';
import type { SupplierRepository } from '../suppliers/supplier.repository';
import {
  buildDraft,
  DEFAULT_BANK_DETAILS_WINDOW_DAYS,
  evaluateInvoiceChecks,
  type InvoiceFacts,
} from './invoice-checks';
import { InvoiceIntakeRepository, type InvoiceStatus } from './invoice-intake.repository';
import type { ApplyReviewInput, AssessInvoiceInput, InvoiceAssessment, StoredDocument } from './intake-types';

/** What intake needs of the supplier register. */
export type SupplierRegister = Pick<SupplierRepository, 'match' | 'findById' | 'create'>;

export interface InvoiceIntakeDependencies {
  readonly db: Database;
  readonly supplierRegister: (organisationId: string) => SupplierRegister;
  /** A supplier whose bank details changed within this many days raises the fraud signal (default 30). */
  readonly bankDetailsWindowDays?: number;
  readonly clock?: () => Date;
}

/** Who works an invoice review: finance, in its shared inbox (the task has no assignee). */
export const invoiceReviewRoles: readonly string[] = ['finance'];

function toMoneyJson(money: Money): MoneyJson {
  return { amount: money.amount.toFixed(money.currency.minorUnits), currency: money.currency.code };
}

/** Activities of the invoice intake workflow: every write is keyed by ids the workflow chose, so retries repeat nothing. */
export function createInvoiceIntakeActivities(deps: InvoiceIntakeDependencies) {
  const clock = deps.clock ?? (() => new Date());
  const repo = (organisationId: string) => new InvoiceIntakeRepository(deps.db, organisationId);
  const posting = (organisationId: string) => new InvoicePostingRepository(deps.db, organisationId, clock);

  return {
    async registerInvoiceDocument(input: {
      organisationId: string;
      documentId: string;
      versionId: string;
      versionNo: number;
      document: StoredDocument;
      uploadedBy: string | null;
      supplierId: string | null;
      eventId: string | null;
    }): Promise<void> {
      await repo(input.organisationId).registerDocumentVersion(input);
    },

    /** What the register has learned about how the supplier writes (from earlier reviews). */
    async extractionHintsFor(input: {
      organisationId: string;
      supplierId: string | null;
    }): Promise<{ documentLocale?: string }> {
      if (!input.supplierId) return {};
      const supplier = await deps.supplierRegister(input.organisationId).findById(input.supplierId);
      return supplier?.documentLocale ? { documentLocale: supplier.documentLocale } : {};
    },

    async recordDocumentThumbnail(input: {
      organisationId: string;
      versionId: string;
      thumbnailKey: string;
    }): Promise<void> {
      await repo(input.organisationId).setThumbnail(input.versionId, input.thumbnailKey);
    },

    /** Parse → match supplier → checks: the draft with corrections applied and everything a person must look at. */
    async assessInvoice(input: AssessInvoiceInput): Promise<InvoiceAssessment> {
      const intake = repo(input.organisationId);
      const register = deps.supplierRegister(input.organisationId);
      const settings = await intake.organisationSettings();
      const draft = buildDraft(input.extracted, input.corrections);

      let supplier: InvoiceAssessment['supplier'] = null;
      let supplierRecord: Awaited<ReturnType<SupplierRegister['findById']>> = null;
      if (input.supplierId) {
        supplierRecord = await register.findById(input.supplierId);
        if (supplierRecord)
          supplier = { id: supplierRecord.id, name: supplierRecord.name, matchedBy: 'chosen' };
      } else {
        const match = await register.match({ vatNumber: draft.supplierVatNumber, name: draft.supplierName });
        if (match) {
          supplierRecord = match.supplier;
          supplier = { id: match.supplier.id, name: match.supplier.name, matchedBy: match.matchedBy };
        }
      }

      const order = input.purchaseOrderNumber
        ? await intake.purchaseOrderByNumber(input.purchaseOrderNumber)
        : null;
      let eventId = input.eventId ?? order?.eventId ?? null;
      if (eventId && !(await intake.eventExists(eventId))) eventId = null;
      let budgetLineId =
        input.budgetLineId ??
        order?.budgetLineId ??
        (supplier && eventId ? await intake.budgetLineFromOrders(supplier.id, eventId) : null);
      if (budgetLineId && (!eventId || !(await intake.budgetLineBelongsToEvent(budgetLineId, eventId)))) {
        budgetLineId = null;
      }

      const currency = draft.currency && isCurrencyCode(draft.currency) ? draft.currency : null;
      const foreign = currency !== null && currency !== settings.baseCurrency;
      const rate =
        foreign && draft.issueDate
          ? await intake.fxRateFor(currency, settings.baseCurrency, draft.issueDate)
          : null;

      let amountInBaseCurrency: MoneyJson | null = null;
      try {
        if (currency && draft.gross) {
          const gross = Money.of(draft.gross, currency);
          if (!foreign) amountInBaseCurrency = toMoneyJson(gross);
          else if (rate) {
            const [year, month, day] = rate.rateDate.toISOString().slice(0, 10).split('-').map(Number);
            const checked = fxRate({
              from: currency,
              to: settings.baseCurrency,
              rate: rate.rate.toFixed(),
              date: { year: year ?? 0, month: month ?? 0, day: day ?? 0 },
              source: rate.source,
            });
            amountInBaseCurrency = toMoneyJson(convertMoney(gross, checked, 'half-up').converted);
          }
        }
      } catch {
        amountInBaseCurrency = null;
      }

      const facts: InvoiceFacts = {
        extracted: input.extracted,
        corrections: input.corrections,
        draft,
        supplier: supplierRecord
          ? {
              name: supplierRecord.name,
              vatNumber: supplierRecord.vatNumber,
              bankDetailsChangedAt: supplierRecord.bankDetailsChangedAt,
              chosen: supplier?.matchedBy === 'chosen',
            }
          : null,
        eventId,
        budgetLineId,
        sameContent: await intake.documentsWithContent(input.sha256, input.documentId),
        sameNumber:
          supplier && draft.invoiceNumber
            ? await intake.invoicesWithNumber(supplier.id, draft.invoiceNumber, input.invoiceId)
            : [],
        purchaseOrder: input.purchaseOrderNumber
          ? order
            ? {
                number: order.number,
                found: true,
                sameSupplier: supplier?.id === order.supplierId,
                gross: order.grossAmount.toFixed(),
                currency: order.currency,
                status: order.status,
              }
            : { number: input.purchaseOrderNumber, found: false }
          : null,
        baseCurrency: settings.baseCurrency,
        fxRateFound: rate !== null,
        standardVatPercent: settings.standardVatPercent,
        now: clock(),
        bankDetailsWindowDays: deps.bankDetailsWindowDays ?? DEFAULT_BANK_DETAILS_WINDOW_DAYS,
      };
      return {
        draft,
        supplier,
        eventId,
        budgetLineId,
        purchaseOrderId: order?.id ?? null,
        baseCurrency: settings.baseCurrency,
        fxRateId: rate?.id ?? null,
        amountInBaseCurrency,
        issues: evaluateInvoiceChecks(facts),
      };
    },

    async openInvoiceReviewTask(input: {
      organisationId: string;
      taskId: string;
      documentId: string;
      eventId: string | null;
      workflowId: string;
      title: string;
    }): Promise<void> {
      await repo(input.organisationId).openTask({
        id: input.taskId,
        kind: 'invoice_review',
        title: input.title,
        subjectType: 'document',
        subjectId: input.documentId,
        eventId: input.eventId,
        workflowId: input.workflowId,
        candidateRoles: invoiceReviewRoles,
      });
    },

    async closeInvoiceTask(input: {
      organisationId: string;
      taskId: string;
      status: 'done' | 'cancelled';
      actorId: string | null;
    }): Promise<void> {
      await repo(input.organisationId).closeTask(input.taskId, input.status, input.actorId);
    },

    /** Stores what a review brings beyond field corrections: a new supplier, an exchange rate, supplier hints. */
    async applyInvoiceReview(input: ApplyReviewInput): Promise<{ supplierId: string | null }> {
      const intake = repo(input.organisationId);
      const { review } = input;
      let supplierId = review.supplierId ?? input.supplierId;
      if (review.newSupplier) {
        const register = deps.supplierRegister(input.organisationId);
        const existing = await register.findById(input.newSupplierId);
        if (!existing) {
          await deps.db.supplier.createMany({
            data: [
              {
                id: input.newSupplierId,
                organisationId: input.organisationId,
                name: review.newSupplier.name,
                vatNumber: review.newSupplier.vatNumber,
                email: review.newSupplier.email,
                documentLocale: review.supplierHints?.documentLocale,
              },
            ],
            skipDuplicates: true,
          });
        }
        supplierId = input.newSupplierId;
      }
      if (review.fxRate && input.currency) {
        const settings = await intake.organisationSettings();
        await intake.recordFxRate({
          from: input.currency,
          to: settings.baseCurrency,
          rate: review.fxRate.rate,
          date: review.fxRate.date,
          source: review.fxRate.source,
          enteredBy: review.userId,
        });
      }
      if (review.supplierHints?.documentLocale && supplierId) {
        await intake.setSupplierDocumentLocale(supplierId, review.supplierHints.documentLocale);
      }
      return { supplierId };
    },

    async recordInvoiceForApproval(input: {
      organisationId: string;
      invoiceId: string;
      documentId: string;
      assessment: InvoiceAssessment;
      actorId: string | null;
    }): Promise<void> {
      const { assessment } = input;
      if (!assessment.supplier || !assessment.eventId || !assessment.budgetLineId) {
        throw new Error('An invoice goes to approval only with its supplier, event and budget line.');
      }
      await repo(input.organisationId).recordInvoice(
        {
          invoiceId: input.invoiceId,
          documentId: input.documentId,
          supplierId: assessment.supplier.id,
          eventId: assessment.eventId,
          budgetLineId: assessment.budgetLineId,
          purchaseOrderId: assessment.purchaseOrderId,
          draft: assessment.draft,
        },
        input.actorId,
      );
    },

    async transitionInvoiceStatus(input: {
      organisationId: string;
      invoiceId: string;
      to: InvoiceStatus;
      from: InvoiceStatus[];
      actorId: string | null;
      reason?: string;
    }): Promise<boolean> {
      return repo(input.organisationId).transitionInvoice(input.invoiceId, input.to, input.from, {
        actorId: input.actorId,
        reason: input.reason,
      });
    },

    async postInvoiceToJournal(input: {
      organisationId: string;
      invoiceId: string;
      fxRateId: string | null;
      postedBy: string | null;
    }) {
      return posting(input.organisationId).postInvoice(input.invoiceId, {
        fxRateId: input.fxRateId,
        postedBy: input.postedBy,
      });
    },

    async scheduleInvoicePayment(input: { organisationId: string; invoiceId: string }) {
      return posting(input.organisationId).schedulePayment(input.invoiceId);
    },

    async notifySupplierOfInvoice(input: {
      organisationId: string;
      invoiceId: string;
      kind: SupplierNotificationKind;
      payload: Prisma.InputJsonObject;
    }): Promise<void> {
      await posting(input.organisationId).notifySupplier(input.invoiceId, input.kind, input.payload);
    },
  };
}

export type InvoiceIntakeActivities = ReturnType<typeof createInvoiceIntakeActivities>;

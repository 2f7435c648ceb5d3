import { Injectable } from '@nestjs/common';
import {
  invoiceIntakeWorkflowId,
  type InvoiceDetail,
  type InvoiceFilter,
  type InvoiceRecord,
  InvoiceRepository,
  type KeysetPage,
  type PageRequest,
} from '@eventvault/activities';
import { DatabaseClient } from '../clients/database-client';
import { DocumentLinks } from '../documents/document-links';
import { isoDay } from '../graphql/keyset-page';
import { money } from '../graphql/money-fields';
import { type InvoiceModel, type InvoiceSummaryModel } from './invoice.model';

export function toInvoiceSummary(invoice: InvoiceRecord): InvoiceSummaryModel {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    supplierId: invoice.supplierId,
    eventId: invoice.eventId,
    budgetLineId: invoice.budgetLineId,
    invoiceDate: isoDay(invoice.invoiceDate),
    dueDate: invoice.dueDate ? isoDay(invoice.dueDate) : null,
    receivedAt: invoice.receivedAt,
    net: money(invoice.netAmount, invoice.currency),
    vat: money(invoice.vatAmount, invoice.currency),
    gross: money(invoice.grossAmount, invoice.currency),
  };
}

/** Invoices as the finance views and the supplier portal show them, documents with short-lived links. */
@Injectable()
export class InvoiceViews {
  constructor(
    private readonly database: DatabaseClient,
    private readonly links: DocumentLinks,
  ) {}

  repository(organisationId: string): InvoiceRepository {
    return new InvoiceRepository(this.database.db, organisationId);
  }

  page(
    organisationId: string,
    filter: InvoiceFilter,
    page: PageRequest<{ value: Date; id: string }>,
  ): Promise<KeysetPage<InvoiceRecord>> {
    return this.repository(organisationId).page(filter, page);
  }

  async detail(organisationId: string, id: string, filter: InvoiceFilter): Promise<InvoiceModel | null> {
    const invoice = await this.repository(organisationId).detail(id, filter);
    return invoice ? this.toModel(organisationId, invoice) : null;
  }

  private async toModel(organisationId: string, invoice: InvoiceDetail): Promise<InvoiceModel> {
    // A link is a bearer credential: only ever for objects under this organisation's prefix.
    const ours = (key: string) => key.startsWith(`organisations/${organisationId}/`);
    const documents = await Promise.all(
      invoice.documents.map(async (document) => ({
        id: document.id,
        kind: document.kind,
        title: document.title,
        versions: await Promise.all(
          document.versions
            .filter((v) => ours(v.s3Key))
            .map(async (v) => ({
              versionNo: v.versionNo,
              sha256: v.sha256,
              contentType: v.contentType,
              sizeBytes: Number(v.sizeBytes),
              uploadedAt: v.uploadedAt,
              download: await this.links.link(v.s3Key, {
                fileName: document.title,
                contentType: v.contentType,
              }),
              thumbnail:
                v.thumbnailKey && ours(v.thumbnailKey)
                  ? await this.links.link(v.thumbnailKey, { contentType: 'image/webp' })
                  : null,
            })),
        ),
      })),
    );
    return {
      ...toInvoiceSummary(invoice),
      lines: invoice.lines.map((line) => ({
        lineNo: line.lineNo,
        description: line.description,
        quantity: line.quantity,
        unitPrice: money(line.unitPrice, line.currency),
        vatRate: line.vatRate,
        vatCategory: line.vatCategory,
        budgetLineId: line.budgetLineId,
        net: money(line.netAmount, line.currency),
        vat: money(line.vatAmount, line.currency),
        gross: money(line.grossAmount, line.currency),
      })),
      statusHistory: invoice.statusHistory.map((change) => ({ ...change })),
      documents,
      intakeWorkflowId: intakeWorkflowOf(organisationId, invoice),
    };
  }
}

/**
 * Intake keys its workflow by the first version of the invoice document (organisation + sha256), so the id follows
 * from the documents; an invoice without an invoice document was recorded without intake.
 */
function intakeWorkflowOf(organisationId: string, invoice: InvoiceDetail): string | null {
  const first = invoice.documents.find((document) => document.kind === 'invoice')?.versions[0];
  return first?.versionNo === 1 ? invoiceIntakeWorkflowId(organisationId, first.sha256) : null;
}

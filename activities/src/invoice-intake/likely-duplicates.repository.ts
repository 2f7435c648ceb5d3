import { normaliseInvoiceNumber } from '@eventvault/domain';
import type { DatabaseSession } from '../database/client';
import { Prisma } from '../generated/prisma/client';

/** Why an earlier invoice looks like the one under review: the same file, or the supplier's same invoice number. */
export type DuplicateMatch = 'same-content' | 'same-number';

/** An earlier invoice of the organisation that the duplicate checks would point at, with its newest document. */
export interface LikelyDuplicate {
  readonly invoiceId: string;
  readonly number: string;
  readonly supplierId: string;
  readonly supplierName: string;
  /** YYYY-MM-DD. */
  readonly invoiceDate: string;
  readonly dueDate: string | null;
  readonly currency: string;
  /** Exact decimal text as stored (4 decimals). */
  readonly netAmount: string;
  readonly vatAmount: string;
  readonly grossAmount: string;
  readonly status: string;
  readonly receivedAt: Date;
  readonly matchedBy: readonly DuplicateMatch[];
  readonly document: { readonly objectKey: string; readonly contentType: string } | null;
}

/** What is known of the invoice under review; anything unknown simply finds nothing. */
export interface DuplicateQuestion {
  /** Its document: other documents with the same content count, this one does not. */
  readonly documentId: string | null;
  /** The content hash intake checked; the document's newest version when not given. */
  readonly sha256?: string | null;
  /** Its own invoice (once recorded), never its own duplicate. */
  readonly invoiceId: string | null;
  readonly supplierId: string | null;
  readonly invoiceNumber: string | null;
}

interface DuplicateRow {
  id: string;
  number: string;
  supplier_id: string;
  supplier_name: string;
  invoice_date: string;
  due_date: string | null;
  currency: string;
  net_amount: string;
  vat_amount: string;
  gross_amount: string;
  status: string;
  received_at: Date;
  same_content: boolean;
  same_number: boolean;
  s3_key: string | null;
  content_type: string | null;
}

const noId = '00000000-0000-0000-0000-000000000000';

/** How many likely duplicates a reviewer is shown at most (newest first); more would not be read. */
const MAX_DUPLICATES = 10;

/**
 * The earlier invoices the intake duplicate checks match (see duplicateIssues in invoice-checks.ts): invoices whose
 * document holds a version with the same content hash, and the supplier's invoices with the same normalised number.
 */
export class LikelyDuplicatesRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  async find(question: DuplicateQuestion): Promise<LikelyDuplicate[]> {
    const sha256 = question.sha256 ?? (await this.newestContentHash(question.documentId));
    const normalised =
      question.supplierId && question.invoiceNumber ? normaliseInvoiceNumber(question.invoiceNumber) : null;
    if (sha256 === null && normalised === null) return [];
    const org = this.organisationId;
    const sameContent = Prisma.sql`i.id IN (
      SELECT d.invoice_id FROM document d
      JOIN document_version v ON v.organisation_id = d.organisation_id AND v.document_id = d.id
      WHERE d.organisation_id = ${org}::uuid AND v.sha256 = ${sha256 ?? ''}
        AND d.id <> ${question.documentId ?? noId}::uuid AND d.invoice_id IS NOT NULL)`;
    const sameNumber = Prisma.sql`(i.supplier_id = ${question.supplierId ?? noId}::uuid
      AND i.normalised_number = ${normalised ?? ''})`;
    const rows = await this.db.$queryRaw<DuplicateRow[]>(Prisma.sql`
      SELECT i.id, i.number, i.supplier_id, s.name AS supplier_name, i.invoice_date::text AS invoice_date,
             i.due_date::text AS due_date, i.currency::text AS currency, i.net_amount::text AS net_amount,
             i.vat_amount::text AS vat_amount, i.gross_amount::text AS gross_amount, i.status, i.received_at,
             ${sha256 === null ? Prisma.sql`false` : sameContent} AS same_content,
             ${normalised === null ? Prisma.sql`false` : sameNumber} AS same_number,
             doc.s3_key, doc.content_type
      FROM invoice i
      JOIN supplier s ON s.organisation_id = i.organisation_id AND s.id = i.supplier_id
      LEFT JOIN LATERAL (
        SELECT v.s3_key, v.content_type FROM document d
        JOIN document_version v ON v.organisation_id = d.organisation_id AND v.document_id = d.id
        WHERE d.organisation_id = i.organisation_id AND d.invoice_id = i.id
        ORDER BY d.created_at, v.version_no DESC LIMIT 1
      ) doc ON true
      WHERE i.organisation_id = ${org}::uuid AND i.id <> ${question.invoiceId ?? noId}::uuid
        AND (${sha256 === null ? Prisma.sql`false` : sameContent}
          OR ${normalised === null ? Prisma.sql`false` : sameNumber})
      ORDER BY i.received_at DESC, i.id
      LIMIT ${MAX_DUPLICATES}`);
    return rows.map((row) => ({
      invoiceId: row.id,
      number: row.number,
      supplierId: row.supplier_id,
      supplierName: row.supplier_name,
      invoiceDate: row.invoice_date,
      dueDate: row.due_date,
      currency: row.currency,
      netAmount: row.net_amount,
      vatAmount: row.vat_amount,
      grossAmount: row.gross_amount,
      status: row.status,
      receivedAt: row.received_at,
      matchedBy: [
        ...(row.same_content ? (['same-content'] as const) : []),
        ...(row.same_number ? (['same-number'] as const) : []),
      ],
      document:
        row.s3_key !== null && row.content_type !== null
          ? { objectKey: row.s3_key, contentType: row.content_type }
          : null,
    }));
  }

  private async newestContentHash(documentId: string | null): Promise<string | null> {
    if (documentId === null) return null;
    const version = await this.db.documentVersion.findFirst({
      where: { organisationId: this.organisationId, documentId },
      orderBy: { versionNo: 'desc' },
      select: { sha256: true },
    });
    return version?.sha256 ?? null;
  }
}

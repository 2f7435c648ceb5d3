import type { DatabaseSession } from '../database/client';
import { Prisma } from '../generated/prisma/client';

/** Whose inbox: the app_user (null for a caller without a user row) and their realm roles. */
export interface InboxViewer {
  readonly userId: string | null;
  readonly roles: readonly string[];
}

export type TaskInboxStatus = 'open' | 'closed';
export type TaskSortField = 'created' | 'due' | 'amount';
export type SortDirection = 'asc' | 'desc';

export interface TaskInboxFilter {
  /** Open (the default) or closed (done or cancelled). */
  readonly status?: TaskInboxStatus;
  readonly kinds?: readonly string[];
  readonly eventId?: string;
  readonly supplierId?: string;
  /** Inclusive bounds on the task's amount, exact decimal text. */
  readonly amountMin?: string;
  readonly amountMax?: string;
  readonly dueBefore?: Date;
  /** Words to find in the title, the supplier's name or the invoice number (case-insensitive, substring). */
  readonly search?: string;
}

export interface TaskInboxSort {
  readonly field: TaskSortField;
  readonly direction: SortDirection;
}

/** Where the previous page ended: its last item's sort key (as the database printed it) and id. */
export type TaskInboxCursor = readonly [sortKey: string, id: string];

export interface InboxTask {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly status: 'open' | 'done' | 'cancelled';
  readonly subjectType: string;
  readonly subjectId: string;
  readonly eventId: string | null;
  readonly supplierId: string | null;
  readonly supplierName: string | null;
  readonly assigneeId: string | null;
  readonly approverId: string | null;
  readonly assignmentReason: string | null;
  readonly candidateRoles: readonly string[];
  readonly workflowId: string | null;
  readonly approvalLevel: number | null;
  /** Exact decimal text with 4 decimals, or null for tasks without an amount (reviews). */
  readonly amount: string | null;
  readonly currency: string | null;
  readonly dueAt: Date | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

export interface TaskInboxPage {
  readonly items: readonly InboxTask[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: TaskInboxCursor | null;
  readonly totalCount: number;
}

export interface TaskKindCount {
  readonly kind: string;
  readonly count: number;
}

/** What a task's detail adds to its inbox row: the document it is about and the invoice behind it. */
export interface TaskSubjectDetail {
  readonly documentId: string | null;
  readonly documentTitle: string | null;
  readonly objectKey: string | null;
  readonly thumbnailKey: string | null;
  readonly contentType: string | null;
  readonly invoiceId: string | null;
  readonly invoiceNumber: string | null;
  readonly invoiceStatus: string | null;
  readonly budgetLineId: string | null;
  readonly grossAmount: string | null;
  readonly netAmount: string | null;
  readonly vatAmount: string | null;
  readonly invoiceCurrency: string | null;
  /** What the invoice's VAT and currency mean for its cost: the organisation's base currency and VAT registration. */
  readonly baseCurrency: string;
  readonly vatRegistered: boolean;
  /** Who uploaded the document's first version: the submitter, who never approves it or takes it over. */
  readonly submittedBy: string | null;
}

interface TaskRow {
  id: string;
  kind: string;
  title: string;
  status: InboxTask['status'];
  subject_type: string;
  subject_id: string;
  event_id: string | null;
  supplier_id: string | null;
  supplier_name: string | null;
  assignee_id: string | null;
  approver_id: string | null;
  assignment_reason: string | null;
  candidate_roles: string[];
  workflow_id: string | null;
  approval_level: number | null;
  amount: string | null;
  currency: string | null;
  due_at: Date | null;
  created_at: Date;
  completed_at: Date | null;
  sort_key: string;
}

// Sort keys never null, so the keyset comparison is a plain row comparison: tasks without a due date come last when
// sorting by due date ascending, tasks without an amount lowest by amount.
const sortKeys: Record<TaskSortField, { expression: Prisma.Sql; type: Prisma.Sql }> = {
  created: { expression: Prisma.sql`t.created_at`, type: Prisma.sql`timestamptz` },
  due: {
    expression: Prisma.sql`coalesce(t.due_at, 'infinity'::timestamptz)`,
    type: Prisma.sql`timestamptz`,
  },
  amount: {
    expression: Prisma.sql`coalesce(t.amount, -100000000000000000000)`,
    type: Prisma.sql`numeric`,
  },
};

const decimal = /^-?\d{1,20}(\.\d{1,4})?$/;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toTask(row: TaskRow): InboxTask {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    eventId: row.event_id,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    assigneeId: row.assignee_id,
    approverId: row.approver_id,
    assignmentReason: row.assignment_reason,
    candidateRoles: row.candidate_roles,
    workflowId: row.workflow_id,
    approvalLevel: row.approval_level,
    amount: row.amount,
    currency: row.currency,
    dueAt: row.due_at,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/**
 * The task inbox of one organisation: the tasks a viewer may work (assigned or delegated to them, or unassigned and
 * open to one of their roles), filtered, searched and sorted, in keyset pages.
 */
export class TaskInboxRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  /** The WHERE clause of everything the viewer sees through `filter` (kept public for the plan test). */
  visibleWhere(
    viewer: InboxViewer,
    filter: TaskInboxFilter = {},
    options: { anyStatus?: boolean } = {},
  ): Prisma.Sql {
    const conditions: Prisma.Sql[] = [Prisma.sql`t.organisation_id = ${this.organisationId}::uuid`];
    const pool = Prisma.sql`(t.assignee_id IS NULL AND t.candidate_roles && ${[...viewer.roles]}::text[])`;
    conditions.push(
      viewer.userId === null ? pool : Prisma.sql`(t.assignee_id = ${viewer.userId}::uuid OR ${pool})`,
    );
    if (!options.anyStatus) {
      conditions.push(
        (filter.status ?? 'open') === 'open'
          ? Prisma.sql`t.status = 'open'`
          : Prisma.sql`t.status IN ('done', 'cancelled')`,
      );
    }
    if (filter.kinds && filter.kinds.length > 0) {
      conditions.push(Prisma.sql`t.kind = ANY(${[...filter.kinds]}::text[])`);
    }
    if (filter.eventId) conditions.push(Prisma.sql`t.event_id = ${filter.eventId}::uuid`);
    if (filter.supplierId) conditions.push(Prisma.sql`t.supplier_id = ${filter.supplierId}::uuid`);
    for (const [bound, value] of [
      ['>=', filter.amountMin],
      ['<=', filter.amountMax],
    ] as const) {
      if (value === undefined) continue;
      if (!decimal.test(value)) throw new RangeError(`amount bound "${value}" is not a decimal`);
      conditions.push(Prisma.sql`t.amount ${Prisma.raw(bound)} ${value}::numeric`);
    }
    if (filter.dueBefore) conditions.push(Prisma.sql`t.due_at < ${filter.dueBefore}`);
    const search = filter.search?.trim().toLowerCase();
    if (search) {
      for (const word of search.split(/\s+/).slice(0, 8)) {
        conditions.push(Prisma.sql`t.search_text LIKE ${`%${escapeLike(word)}%`}`);
      }
    }
    return Prisma.join(conditions, ' AND ');
  }

  /** The SELECT of one page, for `page` and for EXPLAIN. */
  pageQuery(
    viewer: InboxViewer,
    options: {
      filter?: TaskInboxFilter;
      sort?: TaskInboxSort;
      first: number;
      after?: TaskInboxCursor | null;
    },
  ): Prisma.Sql {
    const sort = options.sort ?? { field: 'created', direction: 'desc' };
    const key = sortKeys[sort.field];
    const direction = Prisma.raw(sort.direction === 'asc' ? 'ASC' : 'DESC');
    const where = [this.visibleWhere(viewer, options.filter)];
    if (options.after) {
      const [afterKey, afterId] = options.after;
      const comparison = Prisma.raw(sort.direction === 'asc' ? '>' : '<');
      where.push(
        Prisma.sql`(${key.expression}, t.id) ${comparison} (${afterKey}::${key.type}, ${afterId}::uuid)`,
      );
    }
    return Prisma.sql`
      SELECT t.id, t.kind, t.title, t.status, t.subject_type, t.subject_id, t.event_id, t.supplier_id,
             s.name AS supplier_name, t.assignee_id, t.approver_id, t.assignment_reason, t.candidate_roles,
             t.workflow_id, t.approval_level, t.amount::text AS amount, t.currency::text AS currency, t.due_at,
             t.created_at, t.completed_at, (${key.expression})::text AS sort_key
      FROM task t
      LEFT JOIN supplier s ON s.organisation_id = t.organisation_id AND s.id = t.supplier_id
      WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY ${key.expression} ${direction}, t.id ${direction}
      LIMIT ${options.first + 1}`;
  }

  async page(
    viewer: InboxViewer,
    options: {
      filter?: TaskInboxFilter;
      sort?: TaskInboxSort;
      first: number;
      after?: TaskInboxCursor | null;
    },
  ): Promise<TaskInboxPage> {
    if (!Number.isInteger(options.first) || options.first < 1) throw new RangeError('first must be ≥ 1');
    const [rows, total] = await Promise.all([
      this.db.$queryRaw<TaskRow[]>(this.pageQuery(viewer, options)),
      this.db.$queryRaw<{ count: number }[]>(
        Prisma.sql`SELECT count(*)::int AS count FROM task t WHERE ${this.visibleWhere(viewer, options.filter)}`,
      ),
    ]);
    const items = rows.slice(0, options.first);
    const last = rows.length > options.first ? rows[options.first - 1] : undefined;
    return {
      items: items.map(toTask),
      next: last ? [last.sort_key, last.id] : null,
      totalCount: total[0]?.count ?? 0,
    };
  }

  /** How many tasks of each kind the viewer sees (open by default), most first. */
  async counts(viewer: InboxViewer, filter: TaskInboxFilter = {}): Promise<TaskKindCount[]> {
    const rows = await this.db.$queryRaw<{ kind: string; count: number }[]>(Prisma.sql`
      SELECT t.kind, count(*)::int AS count FROM task t WHERE ${this.visibleWhere(viewer, filter)}
      GROUP BY t.kind ORDER BY count(*) DESC, t.kind`);
    return rows.map((row) => ({ kind: row.kind, count: row.count }));
  }

  /** One task the viewer may see, open or closed; null when there is none (or it is someone else's). */
  async find(viewer: InboxViewer, taskId: string): Promise<InboxTask | null> {
    const rows = await this.db.$queryRaw<TaskRow[]>(Prisma.sql`
      SELECT t.id, t.kind, t.title, t.status, t.subject_type, t.subject_id, t.event_id, t.supplier_id,
             s.name AS supplier_name, t.assignee_id, t.approver_id, t.assignment_reason, t.candidate_roles,
             t.workflow_id, t.approval_level, t.amount::text AS amount, t.currency::text AS currency, t.due_at,
             t.created_at, t.completed_at, '' AS sort_key
      FROM task t
      LEFT JOIN supplier s ON s.organisation_id = t.organisation_id AND s.id = t.supplier_id
      WHERE ${this.visibleWhere(viewer, {}, { anyStatus: true })} AND t.id = ${taskId}::uuid`);
    const row = rows[0];
    return row ? toTask(row) : null;
  }

  /** One task of the organisation whoever holds it (for actions, where the workflow decides who may act). */
  async byId(taskId: string): Promise<InboxTask | null> {
    const rows = await this.db.$queryRaw<TaskRow[]>(Prisma.sql`
      SELECT t.id, t.kind, t.title, t.status, t.subject_type, t.subject_id, t.event_id, t.supplier_id,
             s.name AS supplier_name, t.assignee_id, t.approver_id, t.assignment_reason, t.candidate_roles,
             t.workflow_id, t.approval_level, t.amount::text AS amount, t.currency::text AS currency, t.due_at,
             t.created_at, t.completed_at, '' AS sort_key
      FROM task t
      LEFT JOIN supplier s ON s.organisation_id = t.organisation_id AND s.id = t.supplier_id
      WHERE t.organisation_id = ${this.organisationId}::uuid AND t.id = ${taskId}::uuid`);
    const row = rows[0];
    return row ? toTask(row) : null;
  }

  /** The document (newest version) and invoice a task is about. */
  async subjectOf(task: Pick<InboxTask, 'subjectType' | 'subjectId'>): Promise<TaskSubjectDetail> {
    const documentCondition =
      task.subjectType === 'invoice'
        ? Prisma.sql`d.invoice_id = ${task.subjectId}::uuid`
        : Prisma.sql`d.id = ${task.subjectId}::uuid`;
    const rows = await this.db.$queryRaw<
      {
        document_id: string | null;
        document_title: string | null;
        s3_key: string | null;
        thumbnail_key: string | null;
        content_type: string | null;
        invoice_id: string | null;
        number: string | null;
        status: string | null;
        budget_line_id: string | null;
        gross_amount: string | null;
        net_amount: string | null;
        vat_amount: string | null;
        currency: string | null;
        base_currency: string;
        vat_registered: boolean;
        submitted_by: string | null;
      }[]
    >(Prisma.sql`
      WITH doc AS (
        SELECT d.id, d.title, d.invoice_id FROM document d
        WHERE d.organisation_id = ${this.organisationId}::uuid AND ${documentCondition}
        ORDER BY d.created_at LIMIT 1
      ), version AS (
        SELECT v.s3_key, v.thumbnail_key, v.content_type FROM document_version v JOIN doc ON v.document_id = doc.id
        WHERE v.organisation_id = ${this.organisationId}::uuid ORDER BY v.version_no DESC LIMIT 1
      ), first_version AS (
        SELECT v.uploaded_by FROM document_version v JOIN doc ON v.document_id = doc.id
        WHERE v.organisation_id = ${this.organisationId}::uuid ORDER BY v.version_no LIMIT 1
      )
      SELECT doc.id AS document_id, doc.title AS document_title, version.s3_key, version.thumbnail_key,
             version.content_type, i.id AS invoice_id, i.number, i.status, i.budget_line_id,
             i.gross_amount::text AS gross_amount, i.net_amount::text AS net_amount,
             i.vat_amount::text AS vat_amount, i.currency::text AS currency,
             o.base_currency::text AS base_currency, o.vat_registered,
             first_version.uploaded_by AS submitted_by
      FROM organisation o
      LEFT JOIN doc ON true
      LEFT JOIN version ON true
      LEFT JOIN first_version ON true
      LEFT JOIN invoice i ON i.organisation_id = ${this.organisationId}::uuid
        AND i.id = coalesce(${task.subjectType === 'invoice' ? task.subjectId : null}::uuid, doc.invoice_id)
      WHERE o.id = ${this.organisationId}::uuid`);
    const row = rows[0];
    return {
      documentId: row?.document_id ?? null,
      documentTitle: row?.document_title ?? null,
      objectKey: row?.s3_key ?? null,
      thumbnailKey: row?.thumbnail_key ?? null,
      contentType: row?.content_type ?? null,
      invoiceId: row?.invoice_id ?? null,
      invoiceNumber: row?.number ?? null,
      invoiceStatus: row?.status ?? null,
      budgetLineId: row?.budget_line_id ?? null,
      grossAmount: row?.gross_amount ?? null,
      netAmount: row?.net_amount ?? null,
      vatAmount: row?.vat_amount ?? null,
      invoiceCurrency: row?.currency ?? null,
      baseCurrency: row?.base_currency ?? '',
      vatRegistered: row?.vat_registered ?? false,
      submittedBy: row?.submitted_by ?? null,
    };
  }
}

import type { DatabaseSession } from '../database/client';
import { inTransaction } from '../database/transaction';
import { afterKey, type KeysetPage, pageOf, type PageRequest } from '../database/keyset';
import { AuditLogRepository } from '../ledger/audit-log.repository';

export interface EventRecord {
  readonly id: string;
  readonly templateId: string | null;
  readonly seriesKey: string | null;
  readonly name: string;
  readonly venue: string | null;
  readonly startsOn: Date;
  readonly endsOn: Date;
  readonly status: string;
}

export interface EventTemplateRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
}

export interface EventFilter {
  readonly status?: string | null;
  readonly seriesKey?: string | null;
  /** Only events this user is a stakeholder of (owner, budget holder, approver, finance). */
  readonly stakeholderId?: string | null;
}

export interface NewEventFromTemplate {
  readonly templateId: string;
  readonly name: string;
  readonly venue?: string | null;
  readonly startsOn: Date;
  readonly endsOn: Date;
  readonly seriesKey?: string | null;
}

export class EventInputError extends Error {
  override readonly name = 'EventInputError';

  constructor(
    readonly reason: 'not-found' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

const eventFields = {
  id: true,
  templateId: true,
  seriesKey: true,
  name: true,
  venue: true,
  startsOn: true,
  endsOn: true,
  status: true,
} as const;

/** The events and event templates of one organisation. */
export class EventRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  /** Events by start date, then id. */
  async page(
    filter: EventFilter,
    page: PageRequest<{ value: Date; id: string }>,
  ): Promise<KeysetPage<EventRecord>> {
    const where = {
      organisationId: this.organisationId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.seriesKey ? { seriesKey: filter.seriesKey } : {}),
      ...(filter.stakeholderId ? { id: { in: await this.stakeholderEventIds(filter.stakeholderId) } } : {}),
    };
    const [rows, totalCount] = await Promise.all([
      this.db.event.findMany({
        where: { ...where, ...afterKey('startsOn', page.after) },
        orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
        take: page.first + 1,
        select: eventFields,
      }),
      this.db.event.count({ where }),
    ]);
    return pageOf(rows, page.first, totalCount);
  }

  findById(id: string): Promise<EventRecord | null> {
    return this.db.event.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id } },
      select: eventFields,
    });
  }

  async stakeholderEventIds(userId: string): Promise<string[]> {
    const rows = await this.db.stakeholderAssignment.findMany({
      where: { organisationId: this.organisationId, userId },
      select: { eventId: true },
      distinct: ['eventId'],
    });
    return rows.map((row) => row.eventId);
  }

  /** Templates by name, then id. */
  async templates(
    page: PageRequest<{ value: string; id: string }>,
  ): Promise<KeysetPage<EventTemplateRecord>> {
    const where = { organisationId: this.organisationId };
    const [rows, totalCount] = await Promise.all([
      this.db.eventTemplate.findMany({
        where: { ...where, ...afterKey('name', page.after) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: page.first + 1,
        select: { id: true, name: true, description: true },
      }),
      this.db.eventTemplate.count({ where }),
    ]);
    return pageOf(rows, page.first, totalCount);
  }

  /** Creates the template unless one of that name exists; returns the template either way. */
  async ensureTemplate(name: string, description: string | null): Promise<EventTemplateRecord> {
    return this.db.eventTemplate.upsert({
      where: { organisationId_name: { organisationId: this.organisationId, name } },
      create: { organisationId: this.organisationId, name, description },
      update: {},
      select: { id: true, name: true, description: true },
    });
  }

  /** The event of a series by name, e.g. the demo seed's marker. */
  async findInSeries(seriesKey: string, name: string): Promise<EventRecord | null> {
    return this.db.event.findFirst({
      where: { organisationId: this.organisationId, seriesKey, name },
      select: eventFields,
    });
  }

  /** An event as it is (imports, the demo seed); planning tools use createFromTemplate. */
  async create(event: {
    readonly name: string;
    readonly seriesKey?: string | null;
    readonly venue?: string | null;
    readonly startsOn: Date;
    readonly endsOn: Date;
    readonly status?: string;
    readonly templateId?: string | null;
  }): Promise<EventRecord> {
    return this.db.event.create({
      data: { ...event, organisationId: this.organisationId },
      select: eventFields,
    });
  }

  async allIds(): Promise<string[]> {
    const rows = await this.db.event.findMany({
      where: { organisationId: this.organisationId },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Adds stakeholders (owner, budget_holder, approver, finance); ones already there are kept. Returns how many. */
  async addStakeholders(
    assignments: readonly { readonly eventId: string; readonly userId: string; readonly role: string }[],
  ): Promise<number> {
    const { count } = await this.db.stakeholderAssignment.createMany({
      data: assignments.map((a) => ({ ...a, organisationId: this.organisationId })),
      skipDuplicates: true,
    });
    return count;
  }

  /** Records that the series' events (those without a template) were made from this template; returns how many. */
  async attachSeriesToTemplate(seriesKey: string, templateId: string): Promise<number> {
    const { count } = await this.db.event.updateMany({
      where: { organisationId: this.organisationId, seriesKey, templateId: null },
      data: { templateId },
    });
    return count;
  }

  /**
   * A new event in planning from a template, with a budget for the fiscal year it starts in. Its first (draft)
   * version copies the lines of the current version of the newest earlier event made from the same template, so a
   * recurring festival starts from last year's figures; a template used for the first time gives an empty draft.
   */
  async createFromTemplate(input: NewEventFromTemplate, actorId: string | null): Promise<EventRecord> {
    if (input.endsOn.getTime() < input.startsOn.getTime()) {
      throw new EventInputError('invalid', 'An event cannot end before it starts.');
    }
    if (input.name.trim() === '') throw new EventInputError('invalid', 'An event needs a name.');
    const org = this.organisationId;
    return inTransaction(this.db, async (tx) => {
      const template = await tx.eventTemplate.findUnique({
        where: { organisationId_id: { organisationId: org, id: input.templateId } },
        select: { id: true, name: true },
      });
      if (!template)
        throw new EventInputError(
          'not-found',
          `Your organisation has no event template ${input.templateId}.`,
        );
      const organisation = await tx.organisation.findUniqueOrThrow({
        where: { id: org },
        select: { baseCurrency: true, fiscalYearStartMonth: true },
      });
      const previous = await tx.event.findFirst({
        where: { organisationId: org, templateId: template.id },
        orderBy: [{ startsOn: 'desc' }, { id: 'desc' }],
        select: { id: true, seriesKey: true },
      });
      const event = await tx.event.create({
        data: {
          organisationId: org,
          templateId: template.id,
          seriesKey: input.seriesKey ?? previous?.seriesKey ?? null,
          name: input.name.trim(),
          venue: input.venue ?? null,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
        },
        select: eventFields,
      });
      const fiscalYear = fiscalYearOf(input.startsOn, organisation.fiscalYearStartMonth);
      const budget = await tx.budget.create({
        data: {
          organisationId: org,
          eventId: event.id,
          name: 'Event budget',
          currency: organisation.baseCurrency,
          fiscalYear,
        },
        select: { id: true },
      });
      const version = await tx.budgetVersion.create({
        data: {
          organisationId: org,
          budgetId: budget.id,
          versionNo: 1,
          note: `From template ${template.name}`,
        },
        select: { id: true },
      });
      const lines = previous ? await currentLinesOfEvent(tx, org, previous.id) : [];
      if (lines.length > 0) {
        await tx.budgetLine.createMany({
          data: lines.map((line) => ({
            organisationId: org,
            budgetVersionId: version.id,
            categoryId: line.categoryId,
            code: line.code,
            description: line.description,
            amount: line.amount,
            currency: line.currency,
            ownerId: line.ownerId,
          })),
        });
      }
      await new AuditLogRepository(tx, org).append({
        actorId: actorId ?? undefined,
        action: 'event.created_from_template',
        subjectType: 'event',
        subjectId: event.id,
        payload: { template: template.name, copiedLines: lines.length, fiscalYear },
      });
      return event;
    });
  }
}

/** Fiscal years are labelled by the calendar year they start in (see accounting_period.fiscal_year). */
export function fiscalYearOf(day: Date, startMonth: number): number {
  const month = day.getUTCMonth() + 1;
  return month >= startMonth ? day.getUTCFullYear() : day.getUTCFullYear() - 1;
}

async function currentLinesOfEvent(tx: DatabaseSession, organisationId: string, eventId: string) {
  const budget = await tx.budget.findFirst({
    where: { organisationId, eventId },
    orderBy: [{ fiscalYear: 'desc' }, { id: 'asc' }],
    select: { id: true },
  });
  if (!budget) return [];
  const versions = await tx.budgetVersion.findMany({
    where: { organisationId, budgetId: budget.id },
    orderBy: { versionNo: 'desc' },
    select: { id: true, status: true },
  });
  const current = versions.find((v) => v.status === 'approved') ?? versions[0];
  if (!current) return [];
  return tx.budgetLine.findMany({
    where: { organisationId, budgetVersionId: current.id },
    orderBy: { code: 'asc' },
    select: { categoryId: true, code: true, description: true, amount: true, currency: true, ownerId: true },
  });
}

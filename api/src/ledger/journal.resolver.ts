import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { type JournalEntryRecord, JournalRepository } from '@eventvault/activities';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { DatabaseClient } from '../clients/database-client';
import { CallerDirectory } from '../directory/caller-directory';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { optionalId, requireId } from '../graphql/ids';
import { datePage, isoDay, parseDay, toPage } from '../graphql/keyset-page';
import { money } from '../graphql/money-fields';
import { type PageOf } from '../graphql/pagination';
import { JournalEntriesArgs, JournalEntryModel, JournalEntryPage } from './journal-entry.model';

function toEntryModel(entry: JournalEntryRecord): JournalEntryModel {
  return {
    id: entry.id,
    entryDate: isoDay(entry.entryDate),
    description: entry.description,
    sourceType: entry.sourceType,
    sourceId: entry.sourceId,
    periodId: entry.periodId,
    fiscalYear: entry.fiscalYear,
    periodLocked: entry.periodLocked,
    postedAt: entry.postedAt,
    lines: entry.lines.map((line) => ({
      lineNo: line.lineNo,
      accountCode: line.accountCode,
      description: line.description,
      debit: money(line.debit, line.currency),
      credit: money(line.credit, line.currency),
      eventId: line.eventId,
      budgetLineId: line.budgetLineId,
    })),
  };
}

// The journal is the accountants' book: finance, admins and auditors only.
@Resolver(() => JournalEntryModel)
export class JournalResolver {
  constructor(
    private readonly database: DatabaseClient,
    private readonly callers: CallerDirectory,
  ) {}

  private async journal(principal: Principal): Promise<JournalRepository> {
    const caller = await this.callers.resolve(principal);
    return new JournalRepository(this.database.db, caller.organisationId);
  }

  @Query(() => JournalEntryPage, { description: 'Newest entry date first.' })
  @Roles('admin', 'finance', 'auditor')
  async journalEntries(
    @CurrentPrincipal() principal: Principal,
    @Args() args: JournalEntriesArgs,
  ): Promise<PageOf<JournalEntryModel>> {
    const filter = args.filter ?? {};
    const journal = await this.journal(principal);
    const page = await journal.entries(
      {
        fiscalYear: filter.fiscalYear ?? null,
        periodId: optionalId(filter.periodId, 'filter.periodId'),
        sourceType: filter.sourceType ?? null,
        sourceId: optionalId(filter.sourceId, 'filter.sourceId'),
        accountCode: filter.accountCode ?? null,
        eventId: optionalId(filter.eventId, 'filter.eventId'),
        budgetLineId: optionalId(filter.budgetLineId, 'filter.budgetLineId'),
        from: filter.from ? parseDay(filter.from, 'filter.from') : null,
        to: filter.to ? parseDay(filter.to, 'filter.to') : null,
      },
      datePage(args),
    );
    return toPage(page, toEntryModel, (e) => e.entryDate);
  }

  @Query(() => JournalEntryModel)
  @Roles('admin', 'finance', 'auditor')
  async journalEntry(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<JournalEntryModel> {
    const entry = await (await this.journal(principal)).entry(requireId(id, 'id'));
    if (!entry) throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no journal entry ${id}`);
    return toEntryModel(entry);
  }
}

import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { Args, ArgsType, Field, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { CallerDirectory } from '../directory/caller-directory';
import { seesWholeOrganisation } from '../directory/finance-access';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { optionalId, requireId } from '../graphql/ids';
import { datePage, toPage } from '../graphql/keyset-page';
import { PageArgs, type PageOf } from '../graphql/pagination';
import {
  InvoiceFilterInput,
  InvoiceModel,
  type InvoiceSummaryModel,
  InvoiceSummaryPage,
} from './invoice.model';
import { InvoiceViews, toInvoiceSummary } from './invoice-views';

@ArgsType()
class InvoicesArgs extends PageArgs {
  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceFilterInput)
  @Field(() => InvoiceFilterInput, { nullable: true })
  filter?: InvoiceFilterInput | null;
}

const NOBODY = '00000000-0000-0000-0000-000000000000';

// Finance, admins and auditors see every invoice of the organisation; approvers and event managers the invoices they
// take part in (a task or decision of theirs, a budget line they own, an event they hold a stake in).
@Resolver(() => InvoiceModel)
export class InvoicesResolver {
  constructor(
    private readonly callers: CallerDirectory,
    private readonly views: InvoiceViews,
  ) {}

  private async scope(principal: Principal) {
    const caller = await this.callers.resolve(principal);
    const participantId = seesWholeOrganisation(principal) ? null : (caller.userId ?? NOBODY);
    return { organisationId: caller.organisationId, participantId };
  }

  @Query(() => InvoiceSummaryPage, { description: 'Newest received first.' })
  @Roles('admin', 'finance', 'auditor', 'approver', 'event_manager')
  async invoices(
    @CurrentPrincipal() principal: Principal,
    @Args() args: InvoicesArgs,
  ): Promise<PageOf<InvoiceSummaryModel>> {
    const { organisationId, participantId } = await this.scope(principal);
    const page = await this.views.page(
      organisationId,
      {
        status: args.filter?.status ?? null,
        eventId: optionalId(args.filter?.eventId, 'filter.eventId'),
        supplierId: optionalId(args.filter?.supplierId, 'filter.supplierId'),
        participantId,
      },
      datePage(args),
    );
    return toPage(page, toInvoiceSummary, (i) => i.receivedAt);
  }

  @Query(() => InvoiceModel)
  @Roles('admin', 'finance', 'auditor', 'approver', 'event_manager')
  async invoice(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<InvoiceModel> {
    const { organisationId, participantId } = await this.scope(principal);
    const invoice = await this.views.detail(organisationId, requireId(id, 'id'), { participantId });
    if (!invoice) throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no invoice ${id}`);
    return invoice;
  }
}

import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { StepUpPolicy } from '../auth/step-up.policy';
import { InvoicePage, type InvoiceModel } from '../invoices/invoice.model';
import { PageArgs, type PageOf } from '../graphql/pagination';
import { SupplierModel } from '../suppliers/supplier.model';
import {
  BankDetailsChangeModel,
  BankDetailsChangePage,
  BankDetailsChangesArgs,
  BankDetailsInput,
  DecideBankDetailsChangeInput,
  PortalEventModel,
  QuotePage,
  type QuoteModel,
  SupplierPaymentPage,
  type SupplierPaymentModel,
} from './portal.model';
import { SupplierPortal } from './supplier-portal.service';

@Resolver(() => SupplierModel)
export class SupplierPortalResolver {
  constructor(
    private readonly portal: SupplierPortal,
    private readonly stepUp: StepUpPolicy,
  ) {}

  @Query(() => SupplierModel, { description: 'The supplier the caller speaks for; bank details masked.' })
  @Roles('supplier')
  mySupplierProfile(@CurrentPrincipal() principal: Principal): Promise<SupplierModel> {
    return this.portal.profile(principal);
  }

  @Query(() => InvoicePage, {
    description: 'The caller’s supplier’s invoices, newest first, with status history and reasons.',
  })
  @Roles('supplier')
  mySubmissions(
    @CurrentPrincipal() principal: Principal,
    @Args() args: PageArgs,
  ): Promise<PageOf<InvoiceModel>> {
    return this.portal.submissions(principal, args);
  }

  @Query(() => [PortalEventModel], {
    description:
      'Events the caller’s supplier can send quotes and invoices for, soonest first: those it has dealt with and those open for business.',
  })
  @Roles('supplier')
  portalEvents(@CurrentPrincipal() principal: Principal): Promise<PortalEventModel[]> {
    return this.portal.events(principal);
  }

  @Query(() => QuotePage, { description: 'The caller’s supplier’s quotes, newest first.' })
  @Roles('supplier')
  myQuotes(@CurrentPrincipal() principal: Principal, @Args() args: PageArgs): Promise<PageOf<QuoteModel>> {
    return this.portal.quotes(principal, args);
  }

  @Query(() => SupplierPaymentPage, { description: 'Payments to the caller’s supplier, newest first.' })
  @Roles('supplier')
  myPayments(
    @CurrentPrincipal() principal: Principal,
    @Args() args: PageArgs,
  ): Promise<PageOf<SupplierPaymentModel>> {
    return this.portal.payments(principal, args);
  }

  @Query(() => BankDetailsChangePage, {
    description: 'The caller’s supplier’s bank-details changes and decisions.',
  })
  @Roles('supplier')
  myBankDetailsChanges(
    @CurrentPrincipal() principal: Principal,
    @Args() args: PageArgs,
  ): Promise<PageOf<BankDetailsChangeModel>> {
    return this.portal.myChanges(principal, args);
  }

  @Mutation(() => BankDetailsChangeModel, {
    description:
      'Asks finance to verify new bank details; the current ones stay in use until finance approves.',
  })
  @Roles('supplier')
  requestBankDetailsChange(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: BankDetailsInput,
  ): Promise<BankDetailsChangeModel> {
    return this.portal.requestBankDetailsChange(principal, input);
  }

  @Query(() => BankDetailsChangePage, { description: 'Bank-details changes of all suppliers, newest first.' })
  @Roles('admin', 'finance')
  bankDetailsChanges(
    @CurrentPrincipal() principal: Principal,
    @Args() args: BankDetailsChangesArgs,
  ): Promise<PageOf<BankDetailsChangeModel>> {
    return this.portal.changes(principal, args);
  }

  @Mutation(() => BankDetailsChangeModel, {
    description: 'Finance’s verification of new bank details (needs fresh MFA): approval puts them into use.',
  })
  @Roles('admin', 'finance')
  decideBankDetailsChange(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: DecideBankDetailsChangeInput,
  ): Promise<BankDetailsChangeModel> {
    // Where payments go is as sensitive as a payment release.
    this.stepUp.require(principal);
    return this.portal.decide(principal, input);
  }
}

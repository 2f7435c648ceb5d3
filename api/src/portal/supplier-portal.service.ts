import { Injectable } from '@nestjs/common';
import {
  type BankDetailsChangeRecord,
  BankDetailsChangeError,
  BankDetailsError,
  findOrganisationBySlug,
  SupplierPortalRepository,
} from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { DatabaseClient } from '../clients/database-client';
import { CallerDirectory } from '../directory/caller-directory';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { InvoiceViews, toInvoiceSummary } from '../invoices/invoice-views';
import { type InvoiceModel } from '../invoices/invoice.model';
import { requireId } from '../graphql/ids';
import { datePage, isoDay, toPage } from '../graphql/keyset-page';
import { money } from '../graphql/money-fields';
import { type PageArgs, type PageOf } from '../graphql/pagination';
import { type SupplierModel } from '../suppliers/supplier.model';
import { SupplierRegister, toSupplierModel } from '../suppliers/supplier-register';
import {
  type BankDetailsChangeModel,
  type BankDetailsChangesArgs,
  type BankDetailsInput,
  type DecideBankDetailsChangeInput,
  type PortalEventModel,
  type QuoteModel,
  type SupplierPaymentModel,
} from './portal.model';

export function toChangeModel(change: BankDetailsChangeRecord): BankDetailsChangeModel {
  return { ...change };
}

function refused(error: unknown): never {
  if (error instanceof BankDetailsChangeError) {
    throw new ApiError(
      error.reason === 'not-found' ? ApiErrorCode.NOT_FOUND : ApiErrorCode.VALIDATION,
      error.message,
      { reason: error.reason },
    );
  }
  if (error instanceof BankDetailsError) throw new ApiError(ApiErrorCode.VALIDATION, error.message);
  throw error;
}

/** The supplier portal: a supplier's user sees and acts for their own supplier only. */
@Injectable()
export class SupplierPortal {
  constructor(
    private readonly database: DatabaseClient,
    private readonly callers: CallerDirectory,
    private readonly register: SupplierRegister,
    private readonly invoices: InvoiceViews,
  ) {}

  private portal(organisationId: string): SupplierPortalRepository {
    return new SupplierPortalRepository(this.database.db, organisationId, this.register.bankDetailsCipher);
  }

  /** The caller's organisation, user and the supplier they speak for; refused when they speak for none. */
  async supplierCaller(principal: Principal) {
    const caller = await this.callers.resolve(principal);
    const supplierId =
      caller.userId === null ? null : await this.portal(caller.organisationId).supplierOf(caller.userId);
    if (supplierId === null) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        'Your user is not linked to a supplier; ask the organisation’s finance team',
      );
    }
    return { organisationId: caller.organisationId, userId: caller.userId, supplierId };
  }

  /** The currency a quote is in when the supplier names none. */
  async baseCurrency(principal: Principal): Promise<string> {
    const organisation = await findOrganisationBySlug(this.database.db, principal.organisation);
    if (!organisation)
      throw new ApiError(ApiErrorCode.FORBIDDEN, 'Your organisation is not set up in EventVault');
    return organisation.baseCurrency;
  }

  async profile(principal: Principal): Promise<SupplierModel> {
    const { organisationId, supplierId } = await this.supplierCaller(principal);
    const profile = await this.register.of(organisationId).profile(supplierId);
    if (!profile) throw new ApiError(ApiErrorCode.NOT_FOUND, 'Your supplier is no longer in the register');
    return toSupplierModel(profile);
  }

  async submissions(principal: Principal, args: PageArgs): Promise<PageOf<InvoiceModel>> {
    const { organisationId, supplierId } = await this.supplierCaller(principal);
    const page = await this.invoices.page(organisationId, { supplierId }, datePage(args));
    const details = await Promise.all(
      page.items.map((invoice) => this.invoices.detail(organisationId, invoice.id, { supplierId })),
    );
    return toPage(
      page,
      (invoice) =>
        details.find((d) => d?.id === invoice.id) ?? {
          ...toInvoiceSummary(invoice),
          lines: [],
          statusHistory: [],
          documents: [],
          intakeWorkflowId: null,
        },
      (invoice) => invoice.receivedAt,
    );
  }

  async events(principal: Principal): Promise<PortalEventModel[]> {
    const { organisationId, supplierId } = await this.supplierCaller(principal);
    const events = await this.portal(organisationId).portalEvents(supplierId);
    return events.map((event) => ({
      id: event.id,
      name: event.name,
      startsOn: isoDay(event.startsOn),
      endsOn: isoDay(event.endsOn),
    }));
  }

  async quotes(principal: Principal, args: PageArgs): Promise<PageOf<QuoteModel>> {
    const { organisationId, supplierId } = await this.supplierCaller(principal);
    const page = await this.portal(organisationId).quotes(supplierId, datePage(args));
    return toPage(
      page,
      (q) => ({
        id: q.id,
        eventId: q.eventId,
        reference: q.reference,
        status: q.status,
        quotedOn: q.quotedOn ? isoDay(q.quotedOn) : null,
        validUntil: q.validUntil ? isoDay(q.validUntil) : null,
        net: money(q.netAmount, q.currency),
        vat: money(q.vatAmount, q.currency),
        gross: money(q.grossAmount, q.currency),
        submittedAt: q.createdAt,
      }),
      (q) => q.createdAt,
    );
  }

  async payments(principal: Principal, args: PageArgs): Promise<PageOf<SupplierPaymentModel>> {
    const { organisationId, supplierId } = await this.supplierCaller(principal);
    const page = await this.portal(organisationId).payments(supplierId, datePage(args));
    return toPage(
      page,
      (p) => ({
        id: p.id,
        kind: p.kind,
        invoiceId: p.invoiceId,
        paidOn: isoDay(p.paidOn),
        reference: p.reference,
        amount: money(p.amount, p.currency),
      }),
      (p) => p.paidOn,
    );
  }

  async requestBankDetailsChange(
    principal: Principal,
    input: BankDetailsInput,
  ): Promise<BankDetailsChangeModel> {
    const { organisationId, userId, supplierId } = await this.supplierCaller(principal);
    const change = await this.portal(organisationId)
      .requestBankDetailsChange(
        supplierId,
        {
          accountHolder: input.accountHolder,
          bankName: input.bankName,
          accountNumber: input.accountNumber,
          branchCode: input.branchCode ?? undefined,
          iban: input.iban ?? undefined,
          swiftBic: input.swiftBic ?? undefined,
        },
        userId,
      )
      .catch(refused);
    return toChangeModel(change);
  }

  /** The supplier's own requests (to see finance's decision and reason). */
  async myChanges(principal: Principal, args: PageArgs): Promise<PageOf<BankDetailsChangeModel>> {
    const { organisationId, supplierId } = await this.supplierCaller(principal);
    const page = await this.portal(organisationId).changes({ supplierId }, datePage(args));
    return toPage(page, toChangeModel, (c) => c.requestedAt);
  }

  async changes(principal: Principal, args: BankDetailsChangesArgs): Promise<PageOf<BankDetailsChangeModel>> {
    const caller = await this.callers.resolve(principal);
    const page = await this.portal(caller.organisationId).changes(
      { status: args.status ?? null },
      datePage(args),
    );
    return toPage(page, toChangeModel, (c) => c.requestedAt);
  }

  async decide(principal: Principal, input: DecideBankDetailsChangeInput): Promise<BankDetailsChangeModel> {
    const caller = await this.callers.resolve(principal);
    const change = await this.portal(caller.organisationId)
      .decideBankDetailsChange(
        requireId(input.changeId, 'changeId'),
        { approve: input.approve, reason: input.reason?.trim() || null },
        caller.userId,
      )
      .catch(refused);
    return toChangeModel(change);
  }
}

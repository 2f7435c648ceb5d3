import { Money, type RoundingMode, convertMoney, fxRate as checkedFxRate } from '@eventvault/domain';

/** Chart of accounts used by invoice posting (the same codes as the demo seed's ledger). */
export const postingAccounts = {
  vatInput: '1400',
  payables: '2000',
  /** Where an expense goes when its budget category names no account. */
  defaultExpense: '5000',
} as const;

export interface InvoiceForPosting {
  readonly supplierName: string;
  readonly number: string;
  readonly currency: string;
  readonly net: string;
  readonly vat: string;
  readonly gross: string;
  readonly eventId: string;
  readonly budgetLineId: string;
}

export interface PostingLine {
  readonly accountCode: string;
  readonly debit?: string;
  readonly credit?: string;
  readonly currency: string;
  readonly description: string;
  readonly eventId?: string;
  readonly budgetLineId?: string;
}

/** How an invoice's amounts come into base currency, and whether its VAT can be claimed. */
export interface InvoiceCostOptions {
  readonly baseCurrency: string;
  readonly vatRegistered: boolean;
  readonly rate: { readonly rate: string; readonly date: string; readonly source: string } | null;
  readonly roundingMode?: RoundingMode;
}

/** A rate as the fx_rate table stores it, in the form invoiceCost takes. */
export function costRate(row: {
  readonly rate: { toFixed(): string };
  readonly rateDate: Date;
  readonly source: string;
}): NonNullable<InvoiceCostOptions['rate']> {
  return { rate: row.rate.toFixed(), date: row.rateDate.toISOString().slice(0, 10), source: row.source };
}

/**
 * An invoice's net and VAT in base currency, and what it costs its budget line: the net when the VAT can be
 * claimed, else net and VAT together. VAT is claimable only when the organisation is VAT-registered and the invoice
 * is in base currency (a foreign supplier's VAT cannot be claimed here). A foreign invoice converts what is owed (net
 * and VAT together) and the VAT at the stored rate, each rounded on its own; the net is what is owed less the VAT. So
 * the parts add up to the converted total, which is the amount its approvers were shown.
 */
export function invoiceCost(
  invoice: Pick<InvoiceForPosting, 'number' | 'currency' | 'net' | 'vat'>,
  options: InvoiceCostOptions,
): { readonly net: Money; readonly vat: Money; readonly onBudgetLine: Money; readonly vatClaimed: boolean } {
  const mode = options.roundingMode ?? 'half-up';
  let net = Money.of(invoice.net, invoice.currency);
  let vat = Money.of(invoice.vat, invoice.currency);
  if (invoice.currency !== options.baseCurrency) {
    if (!options.rate) {
      throw new Error(
        `Invoice ${invoice.number} is in ${invoice.currency}: posting needs its exchange rate.`,
      );
    }
    const [year, month, dayOfMonth] = options.rate.date.split('-').map(Number);
    const rate = checkedFxRate({
      from: invoice.currency,
      to: options.baseCurrency,
      rate: options.rate.rate,
      date: { year: year ?? 0, month: month ?? 0, day: dayOfMonth ?? 0 },
      source: options.rate.source,
    });
    const owed = convertMoney(net.add(vat), rate, mode).converted;
    vat = convertMoney(vat, rate, mode).converted;
    net = owed.subtract(vat);
  }
  const vatClaimed = options.vatRegistered && invoice.currency === options.baseCurrency && !vat.isZero();
  return { net, vat, onBudgetLine: vatClaimed ? net : net.add(vat), vatClaimed };
}

/**
 * The lines of an invoice's journal entry, in base currency: the expense debit on the budget line (its cost, see
 * invoiceCost), input VAT where it can be claimed, and the payable credit, net and VAT together, so the entry
 * balances exactly whatever the rounding did.
 */
export function invoiceJournalLines(
  invoice: InvoiceForPosting,
  options: InvoiceCostOptions & { readonly expenseAccount: string },
): PostingLine[] {
  const { net, vat, onBudgetLine: expense, vatClaimed: claimVat } = invoiceCost(invoice, options);
  const payable = net.add(vat);
  const currency = options.baseCurrency;
  const label = `${invoice.supplierName} invoice ${invoice.number}`;
  const lines: PostingLine[] = [];
  if (!expense.isZero()) {
    lines.push({
      accountCode: options.expenseAccount,
      debit: expense.amount.toFixed(),
      currency,
      description: label,
      eventId: invoice.eventId,
      budgetLineId: invoice.budgetLineId,
    });
  }
  if (claimVat) {
    lines.push({
      accountCode: postingAccounts.vatInput,
      debit: vat.amount.toFixed(),
      currency,
      description: 'Input VAT',
    });
  }
  if (!payable.isZero()) {
    lines.push({
      accountCode: postingAccounts.payables,
      credit: payable.amount.toFixed(),
      currency,
      description: label,
    });
  }
  return lines;
}

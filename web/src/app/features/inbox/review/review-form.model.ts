import {
  Money,
  MoneyError,
  currency as currencyOf,
  isCurrencyCode,
  isValidPlainDate,
} from '@eventvault/domain';

import type {
  CompleteInvoiceReviewInput,
  InvoiceCorrectionsInput,
} from '../../../core/api/generated/graphql';

/** The extracted fields a reviewer can put right, in the order they are read off an invoice. */
export type CorrectableField = keyof Omit<Required<InvoiceCorrectionsInput>, '__typename'>;
export type FieldValues = Readonly<Record<CorrectableField, string>>;

export interface FieldSpec {
  readonly key: CorrectableField;
  readonly label: string;
  readonly kind: 'text' | 'date' | 'currency' | 'amount';
  /** An invoice cannot be recorded without it. */
  readonly required: boolean;
}

export const correctableFields: readonly FieldSpec[] = [
  { key: 'supplierName', label: 'Supplier name', kind: 'text', required: false },
  { key: 'supplierVatNumber', label: 'Supplier VAT number', kind: 'text', required: false },
  { key: 'invoiceNumber', label: 'Invoice number', kind: 'text', required: true },
  { key: 'issueDate', label: 'Issue date', kind: 'date', required: true },
  { key: 'dueDate', label: 'Due date', kind: 'date', required: false },
  { key: 'currency', label: 'Currency', kind: 'currency', required: true },
  { key: 'net', label: 'Net', kind: 'amount', required: true },
  { key: 'vat', label: 'VAT', kind: 'amount', required: true },
  { key: 'gross', label: 'Gross', kind: 'amount', required: true },
];

type Draft = Readonly<Partial<Record<CorrectableField, string | null>>>;
type Extracted = Readonly<Partial<Record<CorrectableField, { readonly value?: string | null }>>>;

/** What intake holds for each field now: its draft (earlier corrections included), else what extraction read. */
export function currentValues(
  draft: Draft | null | undefined,
  extracted: Extracted | null | undefined,
): FieldValues {
  const value = (key: CorrectableField) => draft?.[key] ?? extracted?.[key]?.value ?? '';
  return Object.fromEntries(correctableFields.map(({ key }) => [key, value(key)])) as Record<
    CorrectableField,
    string
  >;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const plainDecimal = /^\d+(\.\d+)?$/;

function isDate(text: string): boolean {
  const match = isoDate.exec(text);
  return (
    match !== null &&
    isValidPlainDate({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) })
  );
}

/** Money from the form, or null while the amount or the currency is not right (their own messages say why). */
function moneyOf(amount: string, currency: string): Money | null {
  if (!plainDecimal.test(amount) || !isCurrencyCode(currency)) return null;
  try {
    return Money.of(amount, currency);
  } catch {
    return null;
  }
}

export type FieldProblems = Readonly<Partial<Record<CorrectableField, string>>>;

/**
 * What is wrong with the fields as typed, in words, per field: required values, dates as YYYY-MM-DD, an ISO 4217
 * currency, amounts as exact decimals with at most the currency's decimals, net + VAT = gross, due after issue.
 */
export function fieldProblems(values: FieldValues): FieldProblems {
  const problems: Partial<Record<CorrectableField, string>> = {};
  const text = (key: CorrectableField) => values[key].trim();
  const currency = text('currency').toUpperCase();
  for (const field of correctableFields) {
    const value = text(field.key);
    if (value === '') {
      if (field.required) problems[field.key] = `${field.label} is needed to accept the invoice.`;
      continue;
    }
    if (field.kind === 'date' && !isDate(value)) {
      problems[field.key] = 'A date as YYYY-MM-DD, e.g. 2026-12-01.';
    } else if (field.kind === 'currency' && !isCurrencyCode(value.toUpperCase())) {
      problems[field.key] = 'An ISO 4217 currency code such as ZAR.';
    } else if (field.kind === 'amount') {
      if (!plainDecimal.test(value)) {
        problems[field.key] =
          'An exact amount with a point for decimals, e.g. 1234.50 (no spaces, commas or sign).';
      } else if (isCurrencyCode(currency)) {
        try {
          Money.of(value, currency);
        } catch (error) {
          if (!(error instanceof MoneyError)) throw error;
          const decimals = currencyOf(currency).minorUnits;
          problems[field.key] =
            `${currency} amounts have ${decimals === 0 ? 'no' : `at most ${decimals}`} decimals.`;
        }
      }
    }
  }
  const issue = text('issueDate');
  const due = text('dueDate');
  if (!problems.issueDate && !problems.dueDate && due !== '' && due < issue) {
    problems.dueDate = 'The due date is before the issue date.';
  }
  const [net, vat, gross] = (['net', 'vat', 'gross'] as const).map((key) => moneyOf(text(key), currency));
  if (net && vat && gross && !net.add(vat).equals(gross)) {
    const sum = net.add(vat).amount.toFixed(net.currency.minorUnits);
    problems.gross = `Net + VAT is ${sum}, not ${text('gross')}: correct one of the three.`;
  }
  return problems;
}

/** Only the fields the reviewer changed from what intake holds, trimmed (currency in capitals). */
export function changedFields(current: FieldValues, values: FieldValues): InvoiceCorrectionsInput {
  const corrections: Partial<Record<CorrectableField, string>> = {};
  for (const { key, kind } of correctableFields) {
    const value = kind === 'currency' ? values[key].trim().toUpperCase() : values[key].trim();
    if (value !== '' && value !== current[key].trim()) corrections[key] = value;
  }
  return corrections;
}

export type SupplierChoice =
  | { readonly kind: 'register'; readonly id: string; readonly name: string }
  | { readonly kind: 'new'; readonly name: string };

export interface ExchangeRateValue {
  readonly rate: string;
  readonly date: string;
  readonly source: string;
}

/** Everything a reviewer decides besides the fields. */
export interface ReviewChoices {
  readonly supplier: SupplierChoice | null;
  readonly eventId: string | null;
  readonly budgetLineId: string | null;
  readonly purchaseOrderNumber: string;
  readonly fxRate: ExchangeRateValue;
  readonly comment: string;
}

export type ChoiceField =
  'supplier' | 'eventId' | 'budgetLineId' | 'fxRate.rate' | 'fxRate.date' | 'fxRate.source';
export type ChoiceProblems = Readonly<Partial<Record<ChoiceField, string>>>;

const positiveDecimal = /^(?=.*[1-9])\d{1,12}(\.\d{1,12})?$/;

/** An invoice goes to approval only with its supplier, event and budget line; a rate is all three parts or none. */
export function choiceProblems(choices: ReviewChoices, fxRateRequired: boolean): ChoiceProblems {
  const problems: Partial<Record<ChoiceField, string>> = {};
  if (choices.supplier === null) problems.supplier = 'Choose the supplier from the register, or create it.';
  if (choices.eventId === null) problems.eventId = 'Choose the event the invoice belongs to.';
  if (choices.budgetLineId === null) problems.budgetLineId = 'Choose the budget line to book it on.';
  const { rate, date, source } = choices.fxRate;
  if (fxRateRequired || rate.trim() !== '' || date.trim() !== '' || source.trim() !== '') {
    if (!positiveDecimal.test(rate.trim()))
      problems['fxRate.rate'] = 'A positive exact decimal, e.g. 18.2345.';
    if (!isDate(date.trim())) problems['fxRate.date'] = 'A date as YYYY-MM-DD.';
    if (source.trim() === '') problems['fxRate.source'] = 'Say where the rate comes from, e.g. SARB.';
  }
  return problems;
}

/** What intake had chosen before the review, so only changes are sent. */
export interface IntakeChoices {
  readonly supplierId: string | null;
  readonly eventId: string | null;
  readonly budgetLineId: string | null;
}

export function acceptInput(
  intake: IntakeChoices,
  current: FieldValues,
  values: FieldValues,
  choices: ReviewChoices,
): CompleteInvoiceReviewInput {
  const corrections = changedFields(current, values);
  const { supplier, fxRate } = choices;
  const comment = choices.comment.trim();
  const purchaseOrderNumber = choices.purchaseOrderNumber.trim();
  const vatNumber = values.supplierVatNumber.trim();
  return {
    decision: 'ACCEPT',
    ...(comment === '' ? {} : { comment }),
    ...(Object.keys(corrections).length === 0 ? {} : { corrections }),
    ...(supplier?.kind === 'register' && supplier.id !== intake.supplierId
      ? { supplierId: supplier.id }
      : {}),
    ...(supplier?.kind === 'new'
      ? { newSupplier: { name: supplier.name.trim(), ...(vatNumber === '' ? {} : { vatNumber }) } }
      : {}),
    ...(choices.eventId !== null && choices.eventId !== intake.eventId ? { eventId: choices.eventId } : {}),
    ...(choices.budgetLineId !== null && choices.budgetLineId !== intake.budgetLineId
      ? { budgetLineId: choices.budgetLineId }
      : {}),
    ...(purchaseOrderNumber === '' ? {} : { purchaseOrderNumber }),
    ...(fxRate.rate.trim() === ''
      ? {}
      : { fxRate: { rate: fxRate.rate.trim(), date: fxRate.date.trim(), source: fxRate.source.trim() } }),
  };
}

/** The form field an API refusal names (details.field), e.g. "corrections.net" → "net". */
export function formFieldOf(apiField: string | undefined): CorrectableField | ChoiceField | null {
  if (apiField === undefined) return null;
  const field = apiField.replace(/^input\./, '');
  if (field.startsWith('corrections.')) {
    const key = field.slice('corrections.'.length);
    return correctableFields.some((spec) => spec.key === key) ? (key as CorrectableField) : null;
  }
  if (field === 'supplierId' || field.startsWith('newSupplier')) return 'supplier';
  if (field === 'eventId' || field === 'budgetLineId') return field;
  if (field === 'fxRate.rate' || field === 'fxRate.date' || field === 'fxRate.source') return field;
  return null;
}

import { Money, currency as currencyOf, isCurrencyCode } from '@eventvault/domain';

import { type MoneyValue, formatMoney } from '../../../shared/money';
import { shortDate } from '../task-labels';

/** The key fields of an invoice, as a reviewer compares two of them. */
export interface ComparableInvoice {
  readonly number: string | null;
  readonly supplierName: string | null;
  readonly issueDate: string | null;
  readonly dueDate: string | null;
  readonly gross: { readonly amount: string; readonly currency: string } | null;
}

export interface ComparedField {
  readonly key: keyof ComparableInvoice;
  readonly label: string;
  readonly current: string;
  readonly earlier: string;
  readonly differs: boolean;
}

function moneyOf(value: ComparableInvoice['gross']): Money | null {
  if (value === null || !isCurrencyCode(value.currency)) return null;
  try {
    return Money.of(value.amount, value.currency);
  } catch {
    return null;
  }
}

function showMoney(value: ComparableInvoice['gross']): string {
  if (value === null) return '—';
  const money: MoneyValue = {
    amount: value.amount,
    currency: value.currency,
    minorUnits: isCurrencyCode(value.currency) ? currencyOf(value.currency).minorUnits : 2,
  };
  return formatMoney(money);
}

const text = (value: string | null) => value?.trim() ?? '';

/**
 * Field by field, what the document under review says beside the earlier invoice, and whether they differ: amounts
 * compared as exact money ("1150" equals "1150.00"), everything else as written (so "INV-001" and "INV001",
 * one invoice number to the duplicate check, show as different).
 */
export function compareInvoices(current: ComparableInvoice, earlier: ComparableInvoice): ComparedField[] {
  const [mine, theirs] = [moneyOf(current.gross), moneyOf(earlier.gross)];
  const grossDiffers =
    mine !== null && theirs !== null
      ? !mine.equals(theirs)
      : `${text(current.gross?.amount ?? null)} ${current.gross?.currency ?? ''}` !==
        `${text(earlier.gross?.amount ?? null)} ${earlier.gross?.currency ?? ''}`;
  const plain = (key: 'number' | 'supplierName', label: string): ComparedField => ({
    key,
    label,
    current: text(current[key]) || '—',
    earlier: text(earlier[key]) || '—',
    differs: text(current[key]) !== text(earlier[key]),
  });
  const date = (key: 'issueDate' | 'dueDate', label: string): ComparedField => ({
    key,
    label,
    current: shortDate(current[key]),
    earlier: shortDate(earlier[key]),
    differs: text(current[key]) !== text(earlier[key]),
  });
  return [
    plain('number', 'Invoice number'),
    plain('supplierName', 'Supplier'),
    date('issueDate', 'Issue date'),
    date('dueDate', 'Due date'),
    {
      key: 'gross',
      label: 'Gross',
      current: showMoney(current.gross),
      earlier: showMoney(earlier.gross),
      differs: grossDiffers,
    },
  ];
}

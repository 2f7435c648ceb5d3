import { type Decimal } from 'decimal.js';
import { ExactDecimal } from './rounding';

export type DecimalSeparator = ',' | '.';

/** What is known about how a supplier writes numbers, e.g. `{ decimalSeparator: ',' }` for "1.234,56". */
export interface AmountLocaleHint {
  readonly decimalSeparator: DecimalSeparator;
}

export type ParsedAmount =
  | { readonly kind: 'amount'; readonly value: Decimal }
  /** Both readings are plausible ("1,234": 1.234 or 1234); the caller must ask, not guess. */
  | { readonly kind: 'ambiguous'; readonly readings: readonly Decimal[]; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const invalid = (reason: string): ParsedAmount => ({ kind: 'invalid', reason });

// Spaces of every width (NBSP, thin, narrow NBSP) and apostrophes ("1'234.50") only ever group digits.
const groupingMarks = /[\s\u00a0\u2007\u2009\u202f'\u2019]+/g;
const minusSigns = /[-\u2212\u2013]/;

function groupsAreValid(integerPart: string, separator: string): boolean {
  if (separator === '') return true;
  const groups = integerPart.split(separator);
  const [first, ...rest] = groups;
  if (!first || first.length > 3 || rest.length === 0) return false;
  const last = rest[rest.length - 1];
  // Western grouping is 3-3-3; Indian grouping ("1,23,45,678.00") is 2-2-3.
  return last?.length === 3 && rest.slice(0, -1).every((group) => group.length === 3 || group.length === 2);
}

function spaceGroupsAreValid(groups: readonly string[]): boolean {
  return groups.every((group, index) =>
    index === 0
      ? /^\d{1,3}$/.test(group)
      : index === groups.length - 1
        ? /^\d{3}([.,]\d*)?$/.test(group)
        : /^\d{3}$/.test(group),
  );
}

function build(
  digits: string,
  decimalSeparator: DecimalSeparator | '',
  groupSeparator: string,
  negative: boolean,
): Decimal | undefined {
  const decimalIndex = decimalSeparator ? digits.lastIndexOf(decimalSeparator) : -1;
  const integerPart = decimalIndex >= 0 ? digits.slice(0, decimalIndex) : digits;
  const fraction = decimalIndex >= 0 ? digits.slice(decimalIndex + 1) : '';
  if (decimalSeparator && integerPart.includes(decimalSeparator)) return undefined;
  if (fraction.includes(',') || fraction.includes('.')) return undefined;
  if (
    groupSeparator &&
    integerPart.includes(groupSeparator) &&
    !groupsAreValid(integerPart, groupSeparator)
  ) {
    return undefined;
  }
  const whole = groupSeparator ? integerPart.split(groupSeparator).join('') : integerPart;
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole + fraction === '') return undefined;
  const value = new ExactDecimal(`${whole || '0'}.${fraction || '0'}`);
  return negative && !value.isZero() ? value.negated() : value;
}

/**
 * Reads an amount as suppliers print it: "27,80", "1.234,56", "1,234.56", "R 12 345,67", "(1,234.00)", "-1 234,5",
 * "1,23,456.00". Currency symbols and codes are dropped. A lone separator followed by exactly three digits ("1,234")
 * is ambiguous unless a locale hint says which separator is the decimal one.
 */
export function parseAmount(text: string, hint?: AmountLocaleHint): ParsedAmount {
  let body = text
    .replace(/\p{Sc}/gu, ' ')
    .replace(/\p{L}+\.?/gu, ' ')
    .trim();
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  const sign = new RegExp(`^(${minusSigns.source}|\\+)|(${minusSigns.source})$`).exec(body);
  if (sign) {
    if (negative) return invalid('Both parentheses and a minus sign.');
    negative = sign[0] !== '+';
    body = body.slice(sign.index === 0 ? 1 : 0, sign.index === 0 ? undefined : -1).trim();
  }
  const spaceGrouped = /\d[\s\u00a0\u2007\u2009\u202f'\u2019]+\d/.test(body);
  if (spaceGrouped && !spaceGroupsAreValid(body.split(groupingMarks))) {
    return invalid(`Digits grouped by spaces must come in threes: "${text}"`);
  }
  const digits = body.replace(groupingMarks, '');
  if (!/^[\d.,]*\d[\d.,]*$/.test(digits)) return invalid(`Not an amount: "${text}"`);

  const result = (value: Decimal | undefined): ParsedAmount =>
    value ? { kind: 'amount', value } : invalid(`Not an amount in the expected format: "${text}"`);

  if (hint) {
    const decimal = hint.decimalSeparator;
    return result(build(digits, decimal, decimal === ',' ? '.' : ',', negative));
  }
  const lastComma = digits.lastIndexOf(',');
  const lastDot = digits.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    return result(build(digits, decimal, decimal === ',' ? '.' : ',', negative));
  }
  const separator = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : '';
  if (separator === '') return result(build(digits, '', '', negative));
  const occurrences = digits.split(separator).length - 1;
  if (occurrences > 1) return result(build(digits, '', separator, negative));
  if (spaceGrouped) return result(build(digits, separator, '', negative));
  const [before = '', after = ''] = digits.split(separator);
  if (after.length !== 3 || before.length > 3 || before === '' || /^0+$/.test(before)) {
    return result(build(digits, separator, '', negative));
  }
  const asDecimal = build(digits, separator, '', negative);
  const asGrouping = build(digits, '', separator, negative);
  if (!asDecimal || !asGrouping) return result(asDecimal ?? asGrouping);
  return {
    kind: 'ambiguous',
    readings: [asDecimal, asGrouping],
    reason: `"${text}" reads as ${asDecimal.toString()} or ${asGrouping.toString()}; the supplier's locale decides.`,
  };
}

/**
 * How an invoice's supplier is recognised in the supplier register: by VAT number when the invoice prints one,
 * else by name with legal-form words, punctuation and case ignored ("Coolblue B.V." is "COOLBLUE").
 */

/** A VAT number with spaces, dots and dashes removed, upper case ("nl 8104.33941-b01" → "NL810433941B01"). */
export function normaliseVatNumber(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

const legalForms = new Set([
  'PTY',
  'PROPRIETARY',
  'LTD',
  'LIMITED',
  'INC',
  'INCORPORATED',
  'LLC',
  'LLP',
  'PLC',
  'CORP',
  'CORPORATION',
  'CO',
  'COMPANY',
  'CC',
  'NPC',
  'SOC',
  'BV',
  'NV',
  'GMBH',
  'AG',
  'KG',
  'SA',
  'SAS',
  'SARL',
  'SPA',
  'SRL',
  'AB',
  'AS',
  'OY',
  'THE',
]);

/** The words that identify a supplier by name, in order, without legal forms ("The Stage Co (Pty) Ltd" → "STAGE"). */
export function supplierNameKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    // "B.V." and "(Pty)" become BV and PTY before splitting on the remaining punctuation.
    .replace(/\b([A-Z])\.(?=[A-Z]\.)/g, '$1')
    .replace(/\./g, '')
    .split(/[^A-Z0-9&]+/)
    .filter((word) => word !== '' && !legalForms.has(word));
  return words.join(' ');
}

/** Below this a name match is too weak to act on: intake asks a person instead. */
export const MIN_SUPPLIER_NAME_SIMILARITY = 0.6;

/** How sure a name match is: 1 for the same key, less when one name only contains the other. */
export function supplierNameSimilarity(a: string, b: string): number {
  const left = supplierNameKey(a);
  const right = supplierNameKey(b);
  if (left === '' || right === '') return 0;
  if (left === right) return 1;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  const containsAsWords = ` ${longer} `.includes(` ${shorter} `);
  return containsAsWords ? 0.5 + 0.4 * (shorter.length / longer.length) : 0;
}

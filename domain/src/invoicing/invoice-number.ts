/**
 * An invoice number as the duplicate check compares it: upper case, every separator and space removed, so
 * "INV-001", "inv 001" and "INV001" are one number. Leading zeros are kept ("INV-1" is not "INV-001"): suppliers
 * print them consistently, and dropping them would merge genuinely different numbers.
 */
export function normaliseInvoiceNumber(printed: string): string {
  return printed
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

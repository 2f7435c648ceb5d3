import fs from 'node:fs';
import path from 'node:path';
import { ExactDecimal } from '../../domain/src';
import { repoRoot } from '../stack/profile';

/**
 * Invoice folders with known answers (../shared/fixtures/invoices: NAME.pdf|png beside NAME.json, the values a
 * careful reader takes from the document), as the acceptance script and the demo read them.
 */

export const defaultFixtureDir = path.resolve(repoRoot, '../shared/fixtures/invoices');

const documentExtensions = new Set(['.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp']);

/** Indicative rates (one unit in ZAR), entered by "finance" where a rate is missing. Not market data. */
export const indicativeRates: Readonly<Record<string, string>> = {
  USD: '18.25',
  EUR: '19.80',
  INR: '0.2205',
  GBP: '23.10',
};

/** One entry of a fixture's JSON, as invoice2data writes it. */
export interface FixtureFields {
  issuer?: string;
  partner_name?: string;
  invoice_number?: string;
  date?: string;
  currency?: string;
  amount?: number;
  amount_untaxed?: number;
  amount_tax?: number;
}

/** The documents of a folder, sorted by name (so NAME.pdf comes before its scan NAME.png). */
export function invoiceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((file) => documentExtensions.has(path.extname(file).toLowerCase()))
    .sort();
}

/** The known answers beside a document (NAME.json), or none. */
export function fixtureFields(dir: string, file: string): FixtureFields {
  const jsonPath = path.join(dir, `${path.basename(file, path.extname(file))}.json`);
  if (!fs.existsSync(jsonPath)) return {};
  return (JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as FixtureFields[])[0] ?? {};
}

// JSON numbers in the fixtures are printed decimals; toFixed(2) restores the printed cents without arithmetic.
export const cents = (value: number | undefined): string | undefined =>
  value === undefined ? undefined : value.toFixed(2);

/** Known values of an invoice as exact text: amounts as decimals, dates as YYYY-MM-DD. */
export interface KnownAnswers {
  readonly supplierName?: string;
  readonly invoiceNumber?: string;
  readonly issueDate?: string;
  readonly currency?: string;
  readonly net?: string;
  readonly vat?: string;
  readonly gross?: string;
}

export function knownAnswers(fixture: FixtureFields): KnownAnswers {
  const answers: Record<string, string | undefined> = {
    supplierName: fixture.issuer,
    invoiceNumber: fixture.invoice_number,
    issueDate: fixture.date,
    currency: fixture.currency,
    net: cents(fixture.amount_untaxed),
    vat: cents(fixture.amount_tax),
    gross: cents(fixture.amount),
  };
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== undefined));
}

/** What intake read (its draft), as far as a reviewer's corrections are concerned. */
export interface DraftFields {
  readonly supplierName?: string | null;
  readonly invoiceNumber?: string | null;
  readonly issueDate?: string | null;
  readonly currency?: string | null;
  readonly net?: string | null;
  readonly vat?: string | null;
  readonly gross?: string | null;
}

export interface ReviewCorrections {
  readonly supplierName: string;
  readonly invoiceNumber: string;
  readonly issueDate: string;
  readonly currency: string;
  readonly net?: string;
  readonly vat?: string;
  readonly gross?: string;
}

/**
 * The fields a reviewer confirms: the known values where there are some, else what intake read; VAT as gross − net
 * where only those are known, and a gross alone taken as net with no VAT. `fallback` names what is read nowhere.
 */
export function reviewCorrections(
  known: KnownAnswers,
  draft: DraftFields | null | undefined,
  fallback: { readonly label: string; readonly today: string },
): ReviewCorrections {
  const gross = known.gross ?? draft?.gross ?? undefined;
  let net = known.net ?? draft?.net ?? undefined;
  let vat = known.vat;
  if (gross && net && !vat) vat = new ExactDecimal(gross).minus(net).toFixed(2);
  if (gross && (!net || !vat)) {
    net = gross;
    vat = '0.00';
  }
  return {
    supplierName: known.supplierName ?? draft?.supplierName ?? fallback.label,
    invoiceNumber: known.invoiceNumber ?? draft?.invoiceNumber ?? fallback.label,
    issueDate: known.issueDate ?? draft?.issueDate ?? fallback.today,
    currency: known.currency ?? draft?.currency ?? 'ZAR',
    ...(net ? { net } : {}),
    ...(vat ? { vat } : {}),
    ...(gross ? { gross } : {}),
  };
}

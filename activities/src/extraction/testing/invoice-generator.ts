import { spawn } from 'node:child_process';
import { ExactAmount, Money } from '@eventvault/domain';
import { PDFDocument, type PDFFont, StandardFonts, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { parsePgm } from '../page-images';

/**
 * Builds realistic invoices for tests from a spec, so no test depends on someone else's documents: a text PDF laid
 * out like a real invoice (supplier block, customer block, meta fields, a line table, totals), and a "scan" of it
 * (rasterised, slightly rotated, speckled).
 */
export type InvoiceLanguage = 'en' | 'fr' | 'nl' | 'de';
/** How amounts are printed: "1,234.56", "1.234,56", "1 234,56". */
export type AmountStyle = 'comma-thousands' | 'dot-thousands' | 'space-thousands';
export type DateStyle = 'iso' | 'day-first' | 'month-first' | 'long';
/** "€ 12,00", "12,00 €", "EUR 12,00", "R 12,00". */
export type CurrencyDisplay = 'symbol-before' | 'symbol-after' | 'code-before';

export interface InvoiceLineSpec {
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
}

export interface InvoiceSpec {
  readonly language: InvoiceLanguage;
  readonly supplier: {
    readonly name: string;
    readonly vatNumber?: string;
    readonly address: readonly string[];
  };
  readonly customer: { readonly name: string; readonly address: readonly string[] };
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate?: string;
  readonly currency: string;
  readonly vatPercent: string;
  readonly lines: readonly InvoiceLineSpec[];
  readonly amountStyle: AmountStyle;
  readonly dateStyle: DateStyle;
  readonly currencyDisplay: CurrencyDisplay;
}

export interface InvoiceTotals {
  readonly lineNets: readonly string[];
  readonly net: string;
  readonly vat: string;
  readonly gross: string;
}

/** The amounts the invoice prints: each line rounded half-up, VAT on the document's net, gross = net + VAT. */
export function invoiceTotals(spec: InvoiceSpec): InvoiceTotals {
  const lineNets = spec.lines.map((line) =>
    ExactAmount.of(line.unitPrice, spec.currency).times(line.quantity).round('half-up'),
  );
  const net = Money.sum(lineNets, spec.currency);
  const vat = ExactAmount.of(net.amount, spec.currency)
    .times(spec.vatPercent)
    .dividedBy('100')
    .round('half-up');
  const gross = net.add(vat);
  const text = (money: Money) => money.amount.toFixed(money.currency.minorUnits);
  return { lineNets: lineNets.map(text), net: text(net), vat: text(vat), gross: text(gross) };
}

const symbols: Readonly<Record<string, string>> = { EUR: '€', USD: '$', GBP: '£', ZAR: 'R' };

export function formatAmount(value: string, spec: InvoiceSpec): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  const [group, decimal] =
    spec.amountStyle === 'comma-thousands'
      ? [',', '.']
      : spec.amountStyle === 'dot-thousands'
        ? ['.', ',']
        : [' ', ','];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const number = `${negative ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
  const symbol = symbols[spec.currency] ?? spec.currency;
  switch (spec.currencyDisplay) {
    case 'symbol-before':
      return `${symbol} ${number}`;
    case 'symbol-after':
      return `${number} ${symbol}`;
    case 'code-before':
      return `${spec.currency} ${number}`;
  }
}

const monthNames: Readonly<Record<InvoiceLanguage, readonly string[]>> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
};

export function formatDate(iso: string, spec: InvoiceSpec): string {
  const [year = '', month = '', day = ''] = iso.split('-');
  switch (spec.dateStyle) {
    case 'iso':
      return iso;
    case 'day-first':
      return `${day}/${month}/${year}`;
    case 'month-first':
      return `${month}/${day}/${year}`;
    case 'long':
      return spec.language === 'en'
        ? `${monthNames.en[Number(month) - 1]} ${Number(day)}, ${year}`
        : `${Number(day)} ${monthNames[spec.language][Number(month) - 1]} ${year}`;
  }
}

const words: Readonly<
  Record<
    InvoiceLanguage,
    {
      title: string;
      number: string;
      date: string;
      due: string;
      billTo: string;
      vatNumber: string;
      columns: readonly [string, string, string, string];
      net: string;
      vat: string;
      gross: string;
    }
  >
> = {
  en: {
    title: 'INVOICE',
    number: 'Invoice number:',
    date: 'Invoice date:',
    due: 'Due date:',
    billTo: 'Bill to:',
    vatNumber: 'VAT number:',
    columns: ['Description', 'Qty', 'Unit price', 'Amount'],
    net: 'Subtotal',
    vat: 'VAT',
    gross: 'Total due',
  },
  fr: {
    title: 'FACTURE',
    number: 'Facture n°',
    date: 'Date de facture :',
    due: "Date d'échéance :",
    billTo: 'Facturé à :',
    vatNumber: 'N° de TVA :',
    columns: ['Désignation', 'Quantité', 'Prix unitaire', 'Montant HT'],
    net: 'Total HT',
    vat: 'TVA',
    gross: 'Total TTC',
  },
  nl: {
    title: 'FACTUUR',
    number: 'Factuurnummer:',
    date: 'Factuurdatum:',
    due: 'Vervaldatum:',
    billTo: 'Klant:',
    vatNumber: 'BTW-nummer:',
    columns: ['Omschrijving', 'Aantal', 'Prijs', 'Bedrag'],
    net: 'Subtotaal',
    vat: 'BTW',
    gross: 'Totaal',
  },
  de: {
    title: 'RECHNUNG',
    number: 'Rechnungsnummer:',
    date: 'Rechnungsdatum:',
    due: 'Fälligkeitsdatum:',
    billTo: 'Kunde:',
    vatNumber: 'USt-IdNr.:',
    columns: ['Bezeichnung', 'Menge', 'Einzelpreis', 'Betrag'],
    net: 'Nettobetrag',
    vat: 'MwSt',
    gross: 'Gesamtbetrag',
  },
};

/**
 * A one-page A4 invoice with a real text layer. Stamped with the time it is made, unless `producedAt` is given: then
 * the same spec always gives the same bytes (the demo relies on it to find its invoices again).
 */
export async function generateInvoicePdf(
  spec: InvoiceSpec,
  options: { readonly producedAt?: Date } = {},
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(`${words[spec.language].title} ${spec.number}`);
  if (options.producedAt) {
    document.setCreationDate(options.producedAt);
    document.setModificationDate(options.producedAt);
  }
  const page = document.addPage([595.28, 841.89]);
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const black = rgb(0, 0, 0);
  const write = (text: string, x: number, y: number, size = 10, font: PDFFont = regular) =>
    page.drawText(text, { x, y, size, font, color: black });
  const writeRight = (text: string, right: number, y: number, size = 10, font: PDFFont = regular) =>
    write(text, right - font.widthOfTextAtSize(text, size), y, size, font);
  const w = words[spec.language];
  const totals = invoiceTotals(spec);

  write(spec.supplier.name, 50, 780, 16, bold);
  spec.supplier.address.forEach((line, i) => write(line, 50, 762 - i * 13));
  if (spec.supplier.vatNumber)
    write(`${w.vatNumber} ${spec.supplier.vatNumber}`, 50, 762 - spec.supplier.address.length * 13);
  writeRight(w.title, 545, 780, 20, bold);

  write(w.billTo, 50, 680, 10, bold);
  write(spec.customer.name, 50, 666);
  spec.customer.address.forEach((line, i) => write(line, 50, 653 - i * 13));

  const meta: [string, string][] = [
    [w.number, spec.number],
    [w.date, formatDate(spec.issueDate, spec)],
    ...(spec.dueDate ? [[w.due, formatDate(spec.dueDate, spec)] as [string, string]] : []),
  ];
  meta.forEach(([label, value], i) => {
    write(label, 330, 680 - i * 15, 10, bold);
    writeRight(value, 545, 680 - i * 15);
  });

  const columns = [50, 330, 420, 545];
  let y = 580;
  write(w.columns[0], columns[0] ?? 50, y, 10, bold);
  writeRight(w.columns[1], (columns[1] ?? 330) + 30, y, 10, bold);
  writeRight(w.columns[2], (columns[2] ?? 420) + 40, y, 10, bold);
  writeRight(w.columns[3], columns[3] ?? 545, y, 10, bold);
  page.drawLine({ start: { x: 50, y: y - 5 }, end: { x: 545, y: y - 5 }, thickness: 0.5, color: black });
  spec.lines.forEach((line, i) => {
    y -= 20;
    write(line.description, 50, y);
    writeRight(line.quantity, 360, y);
    writeRight(formatAmount(line.unitPrice, spec), 460, y);
    writeRight(formatAmount(totals.lineNets[i] ?? '0', spec), 545, y);
  });
  y -= 40;
  const totalRows: [string, string][] = [
    [w.net, totals.net],
    [`${w.vat} ${spec.vatPercent}%`, totals.vat],
    [w.gross, totals.gross],
  ];
  totalRows.forEach(([label, value], i) => {
    write(label, 360, y - i * 18, 11, i === 2 ? bold : regular);
    writeRight(formatAmount(value, spec), 545, y - i * 18, 11, i === 2 ? bold : regular);
  });
  return document.save();
}

/** A deterministic pseudo-random sequence, so a "noisy" scan is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface ScanOptions {
  readonly dpi?: number;
  /** Degrees; a hand-fed scanner is rarely straight. */
  readonly rotation?: number;
  /** Fraction of pixels turned into random specks. */
  readonly noise?: number;
  readonly seed?: number;
}

/** A PNG "scan" of the PDF's first page: rasterised by pdftoppm, speckled, slightly rotated. */
export async function scanInvoicePdf(pdf: Uint8Array, options: ScanOptions = {}): Promise<Buffer> {
  const pgm = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn('pdftoppm', ['-r', String(options.dpi ?? 200), '-gray', '-f', '1', '-l', '1']);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`pdftoppm exited ${code}`)),
    );
    child.stdin.end(Buffer.from(pdf));
  });
  const image = parsePgm(pgm);
  const pixels = Buffer.from(image.pixels);
  const random = seeded(options.seed ?? 42);
  const specks = Math.round(pixels.length * (options.noise ?? 0.002));
  for (let i = 0; i < specks; i++) {
    const at = Math.floor(random() * pixels.length);
    pixels[at] = random() < 0.5 ? 40 : 230;
  }
  return sharp(pixels, { raw: { width: image.width, height: image.height, channels: 1 } })
    .rotate(options.rotation ?? 0.6, { background: '#ffffff' })
    .png()
    .toBuffer();
}

/** A plausible invoice spec; tests override what they exercise. */
export function sampleInvoiceSpec(overrides: Partial<InvoiceSpec> = {}): InvoiceSpec {
  return {
    language: 'en',
    supplier: {
      name: 'Karoo Sound Hire (Pty) Ltd',
      vatNumber: '4123456789',
      address: ['12 Long Street', 'Cape Town 8001', 'South Africa'],
    },
    customer: { name: 'Festival Events Co', address: ['4 Main Road', 'Stellenbosch 7600'] },
    number: 'KSH-2025-0147',
    issueDate: '2025-03-14',
    dueDate: '2025-04-13',
    currency: 'ZAR',
    vatPercent: '15',
    lines: [
      { description: 'Line array speakers, 3 days', quantity: '2', unitPrice: '12500.00' },
      { description: 'Mixing desk with operator', quantity: '3', unitPrice: '4150.50' },
      { description: 'Cable and rigging kit', quantity: '1', unitPrice: '899.99' },
    ],
    amountStyle: 'space-thousands',
    dateStyle: 'day-first',
    currencyDisplay: 'symbol-before',
    ...overrides,
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import {
  generateInvoicePdf,
  type InvoiceSpec,
  invoiceTotals,
  scanInvoicePdf,
} from '../../activities/src/extraction/testing/invoice-generator';
import { type DocumentFile } from '../testing/api-user';
import { fixtureFields, invoiceFiles, type KnownAnswers, knownAnswers } from '../testing/invoice-fixtures';

/** One document the demo's supplier submits. */
export interface DemoInvoice {
  /** The file name: how every step names it. */
  readonly label: string;
  readonly load: () => Promise<DocumentFile>;
  /** What a careful reader takes from it: finance's corrections in a review. */
  readonly known: KnownAnswers;
  /** The label of the document this one is a scan of (the same invoice submitted twice), or null. */
  readonly scanOf: string | null;
  /** The budget line finance books it on (its code); null for the demo's default line. */
  readonly budgetLineCode: string | null;
  /** What an approver may ask to change, and the corrected version the supplier then sends; null when none. */
  readonly correction: DemoCorrection | null;
}

export interface DemoCorrection {
  readonly comment: string;
  readonly corrected: () => Promise<DocumentFile>;
}

function stem(file: string): string {
  return path.basename(file, path.extname(file));
}

/**
 * The same invoice with one line added at the foot of its first page, everything else untouched (the text layer
 * reads as before). Saved without new metadata, so the same input gives the same bytes.
 */
export async function withFootnote(pdf: Uint8Array, text: string): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const font = await document.embedFont(StandardFonts.Helvetica);
  const [page] = document.getPages();
  if (page === undefined) throw new Error('The PDF has no page to correct');
  page.drawText(text, { x: 36, y: 14, size: 7, font, color: rgb(0.2, 0.2, 0.2) });
  return document.save();
}

/**
 * A folder of real invoices with known answers (NAME.json beside NAME.pdf|png). A PNG or JPEG whose name matches a
 * PDF of the folder is a scan of that invoice. An approver may ask for any PDF to name the event; the correction
 * is the same PDF with the event on its foot.
 */
export function fixtureInvoices(dir: string, context: { readonly eventName: string }): DemoInvoice[] {
  const files = invoiceFiles(dir);
  return files.map((file) => {
    const isPdf = path.extname(file).toLowerCase() === '.pdf';
    const original = isPdf
      ? undefined
      : files.find(
          (other) => other !== file && stem(other) === stem(file) && other.toLowerCase().endsWith('.pdf'),
        );
    const load = async (): Promise<DocumentFile> => ({
      bytes: await fs.promises.readFile(path.join(dir, file)),
      name: file,
    });
    return {
      label: file,
      load,
      known: knownAnswers(fixtureFields(dir, file)),
      scanOf: original ?? null,
      budgetLineCode: null,
      correction: isPdf
        ? {
            comment: `Please state our event "${context.eventName}" on the invoice, so it is booked to the festival.`,
            corrected: async () => ({
              bytes: await withFootnote(
                (await load()).bytes,
                `Event: ${context.eventName} - corrected copy for Kalahari Live Events (Pty) Ltd`,
              ),
              name: `${stem(file)}-corrected.pdf`,
            }),
          }
        : null,
    };
  });
}

const soundwave = {
  name: 'Soundwave Audio Hire (Pty) Ltd',
  vatNumber: '4230245781',
  address: ['14 Bree Street', 'Cape Town 8001', 'South Africa'],
} as const;

function knownOf(spec: InvoiceSpec): KnownAnswers {
  const totals = invoiceTotals(spec);
  return {
    supplierName: spec.supplier.name,
    invoiceNumber: spec.number,
    issueDate: spec.issueDate,
    currency: spec.currency,
    net: totals.net,
    vat: totals.vat,
    gross: totals.gross,
  };
}

export function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The project's own invoices, for a machine without the fixtures: Soundwave Audio Hire invoicing the event's three
 * sound lines (one above the step-up and director thresholds), a scan of the first, and one with a quantity an
 * approver sends back. The same batch and issue date always give the same bytes, so a second run finds them again.
 */
export function generatedInvoices(context: {
  readonly batch: string;
  readonly issueDate: string;
  readonly eventName: string;
}): DemoInvoice[] {
  const producedAt = new Date(`${context.issueDate}T08:00:00Z`);
  const prefix = `SW-${context.batch.toUpperCase()}`;
  const spec = (number: string, lines: InvoiceSpec['lines']): InvoiceSpec => ({
    language: 'en',
    supplier: soundwave,
    customer: { name: 'Kalahari Live Events (Pty) Ltd', address: ['22 Loop Street', 'Cape Town 8001'] },
    number,
    issueDate: context.issueDate,
    dueDate: addDays(context.issueDate, 30),
    currency: 'ZAR',
    vatPercent: '15',
    lines,
    amountStyle: 'space-thousands',
    dateStyle: 'iso',
    currencyDisplay: 'symbol-before',
  });
  const pdf = (invoiceSpec: InvoiceSpec) => async (): Promise<DocumentFile> => ({
    bytes: await generateInvoicePdf(invoiceSpec, { producedAt }),
    name: `${invoiceSpec.number}.pdf`,
  });

  const mainStage = spec(`${prefix}-101`, [
    { description: 'Main stage line array and monitors, 3 days', quantity: '3', unitPrice: '27500.00' },
    { description: 'Sound engineers, 2 x 3 days', quantity: '6', unitPrice: '2950.00' },
  ]);
  const duneTent = (days: string) =>
    spec(`${prefix}-102`, [
      { description: `Dune tent PA system, ${days} days`, quantity: days, unitPrice: '6200.00' },
      { description: 'Delivery and rigging', quantity: '1', unitPrice: '1850.00' },
    ]);
  const acoustic = spec(`${prefix}-103`, [
    { description: 'Acoustic stage PA and backline, 2 days', quantity: '2', unitPrice: '4380.00' },
  ]);

  const invoice = (
    invoiceSpec: InvoiceSpec,
    budgetLineCode: string,
    correction: DemoCorrection | null = null,
  ): DemoInvoice => ({
    label: `${invoiceSpec.number}.pdf`,
    load: pdf(invoiceSpec),
    known: knownOf(invoiceSpec),
    scanOf: null,
    budgetLineCode,
    correction,
  });
  return [
    invoice(mainStage, 'SND-01'),
    {
      label: `${mainStage.number}-scan.png`,
      load: async () => ({
        bytes: await scanInvoicePdf(await generateInvoicePdf(mainStage, { producedAt })),
        name: `${mainStage.number}-scan.png`,
      }),
      known: knownOf(mainStage),
      scanOf: `${mainStage.number}.pdf`,
      budgetLineCode: 'SND-01',
      correction: null,
    },
    invoice(duneTent('3'), 'SND-02', {
      comment: 'The Dune tent PA was booked for 2 days, as quoted, not 3: please correct line 1.',
      corrected: async () => ({
        bytes: await generateInvoicePdf(duneTent('2'), { producedAt }),
        name: `${prefix}-102-corrected.pdf`,
      }),
    }),
    invoice(acoustic, 'SND-03'),
  ];
}

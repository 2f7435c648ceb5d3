import { readDocumentText } from './document-text';
import { parseInvoiceText } from './parsing/invoice-text-parser';
import {
  generateInvoicePdf,
  type InvoiceSpec,
  invoiceTotals,
  sampleInvoiceSpec,
} from './testing/invoice-generator';

const noOcr = () => Promise.reject(new Error('a text PDF must not need OCR'));

const specs: [string, InvoiceSpec][] = [
  ['English, rand, "R 1 234,56", day-first', sampleInvoiceSpec()],
  [
    'English, US dollars, "$1,234.56", month-first',
    sampleInvoiceSpec({
      supplier: { name: 'Bright Stage Rentals LLC', address: ['500 Market Street', 'Austin TX 78701'] },
      currency: 'USD',
      vatPercent: '8.25',
      amountStyle: 'comma-thousands',
      dateStyle: 'month-first',
      number: 'BSR-1042',
      issueDate: '2024-04-03',
      dueDate: '2024-05-03',
    }),
  ],
  [
    'French, euros after the amount, long dates',
    sampleInvoiceSpec({
      language: 'fr',
      supplier: {
        name: 'Lumières du Sud SARL',
        vatNumber: 'FR12345678901',
        address: ['12 avenue de la Gare', '69002 Lyon'],
      },
      currency: 'EUR',
      vatPercent: '20',
      amountStyle: 'space-thousands',
      currencyDisplay: 'symbol-after',
      dateStyle: 'long',
      number: 'F-2024-017',
      issueDate: '2024-03-05',
      dueDate: '2024-04-04',
    }),
  ],
  [
    'Dutch, "€ 1.234,56", ISO dates',
    sampleInvoiceSpec({
      language: 'nl',
      supplier: {
        name: 'Podiumbouw Noord B.V.',
        vatNumber: 'NL123456789B01',
        address: ['Kade 4', '9711 AA Groningen'],
      },
      currency: 'EUR',
      vatPercent: '21',
      amountStyle: 'dot-thousands',
      dateStyle: 'iso',
      number: '2024/0042',
      issueDate: '2024-04-19',
      dueDate: '2024-05-19',
    }),
  ],
  [
    'German, "EUR 1.234,56", dotted day-first dates',
    sampleInvoiceSpec({
      language: 'de',
      supplier: {
        name: 'Bühnentechnik Berlin GmbH',
        vatNumber: 'DE123456789',
        address: ['Hauptstraße 1', '10115 Berlin'],
      },
      currency: 'EUR',
      vatPercent: '19',
      amountStyle: 'dot-thousands',
      currencyDisplay: 'code-before',
      dateStyle: 'day-first',
      number: 'RE-4711',
      issueDate: '2024-02-03',
      dueDate: '2024-02-17',
    }),
  ],
];

describe('generated text PDFs through the text layer and the parser', () => {
  it.each(specs)('%s', async (_name, spec) => {
    const pdf = await generateInvoicePdf(spec);
    const document = await readDocumentText(pdf, { ocr: noOcr });
    expect(document.pages.map((page) => page.method)).toEqual(['text-layer']);
    const invoice = parseInvoiceText(document.pages[0]?.text ?? '');
    const totals = invoiceTotals(spec);
    expect({
      supplier: invoice.supplierName.value,
      vatNumber: invoice.supplierVatNumber.value,
      number: invoice.invoiceNumber.value,
      issueDate: invoice.issueDate.value,
      dueDate: invoice.dueDate.value,
      currency: invoice.currency.value,
      net: invoice.net.value,
      vat: invoice.vat.value,
      gross: invoice.gross.value,
      lines: invoice.lines.map((line) => line.net),
    }).toEqual({
      supplier: spec.supplier.name,
      vatNumber: spec.supplier.vatNumber ?? null,
      number: spec.number,
      issueDate: spec.issueDate,
      dueDate: spec.dueDate ?? null,
      currency: spec.currency,
      net: totals.net,
      vat: totals.vat,
      gross: totals.gross,
      lines: totals.lineNets,
    });
    expect(invoice.arithmetic).toEqual({ linesSumToNet: true, netPlusVatIsGross: true });
  });
});

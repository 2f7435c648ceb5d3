import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDocumentText } from '../../activities/src/extraction/document-text';
import { parseInvoiceText } from '../../activities/src/extraction/parsing/invoice-text-parser';
import {
  generateInvoicePdf,
  sampleInvoiceSpec,
} from '../../activities/src/extraction/testing/invoice-generator';
import { budgetTable, type EventFigures } from './budget-figures';
import { parseDemoArguments } from './demo';
import { fixtureInvoices, generatedInvoices, withFootnote } from './demo-invoices';
import { formatStep } from './step-log';

describe('npm run demo arguments', () => {
  it('defaults to the dev stack, the fixture folder and the SND-01 line', () => {
    expect(parseDemoArguments([])).toEqual({
      stack: 'dev',
      dir: null,
      generated: false,
      batch: 'demo',
      eventName: undefined,
      budgetLine: 'SND-01',
    });
  });

  it('reads a folder, the stack, an event, generated invoices and a batch; refuses what it does not know', () => {
    expect(parseDemoArguments(['invoices', '--stack', 'test', '--event', 'Jazz 2026'])).toMatchObject({
      stack: 'test',
      dir: path.resolve('invoices'),
      eventName: 'Jazz 2026',
    });
    expect(parseDemoArguments(['--generated', '--batch', 'T1'])).toMatchObject({
      generated: true,
      batch: 'T1',
    });
    expect(() => parseDemoArguments(['--stack', 'prod'])).toThrow('--stack is dev or test');
    expect(() => parseDemoArguments(['--batch', 'a b'])).toThrow('--batch is 1-12 letters or digits');
    expect(() => parseDemoArguments(['--fast'])).toThrow('unknown option --fast');
    expect(() => parseDemoArguments(['--event'])).toThrow('--event needs a value');
    expect(() => parseDemoArguments(['dir', '--generated'])).toThrow('not both');
  });
});

describe('the step log', () => {
  it('prints one line per step: time, invoice, who, what, outcome and duration', () => {
    expect(
      formatStep(
        {
          invoice: 'AmazonWebServices.pdf',
          who: 'supplier@kalahari.demo',
          what: 'submit',
          outcome: 'accepted (202)',
        },
        new Date('2026-12-04T17:31:04.250Z'),
        0.43,
      ),
    ).toBe(
      '17:31:04  AmazonWebServices.pdf         supplier@kalahari.demo   submit                     → accepted (202) (0.4 s)',
    );
  });
});

describe('the demo invoices', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-invoices-'));
    for (const file of ['Acme.pdf', 'Acme.png', 'Lone.png', 'notes.txt'])
      fs.writeFileSync(path.join(dir, file), file);
    fs.writeFileSync(path.join(dir, 'Acme.json'), JSON.stringify([{ invoice_number: 'A-1', amount: 10.5 }]));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('pairs a scan with the PDF of the same name, reads the known answers, and corrects PDFs only', () => {
    const invoices = fixtureInvoices(dir, { eventName: 'Karoo Sunset Festival 2026' });
    expect(invoices.map((i) => [i.label, i.scanOf, i.correction !== null])).toEqual([
      ['Acme.pdf', null, true],
      ['Acme.png', 'Acme.pdf', false],
      ['Lone.png', null, false],
    ]);
    expect(invoices[0]?.known).toEqual({ invoiceNumber: 'A-1', gross: '10.50' });
    expect(invoices[0]?.correction?.comment).toContain('"Karoo Sunset Festival 2026"');
  });

  it('corrects a PDF by adding the event at its foot: it reads as before, with the event', async () => {
    const noOcr = () => Promise.reject(new Error('a text PDF needs no OCR'));
    const read = async (pdf: Uint8Array) =>
      (await readDocumentText(pdf, { ocr: noOcr })).pages[0]?.text ?? '';
    const original = await generateInvoicePdf(sampleInvoiceSpec({ number: 'KSH-77' }));
    const corrected = await withFootnote(original, 'Event: Karoo Sunset Festival 2026');
    const text = await read(corrected);
    expect(text).toContain('Event: Karoo Sunset Festival 2026');
    expect(parseInvoiceText(text)).toEqual(parseInvoiceText(await read(original)));
    expect(
      Buffer.from(await withFootnote(original, 'x')).equals(Buffer.from(await withFootnote(original, 'x'))),
    ).toBe(true);
  });

  it('generates the same documents for the same batch and date, one of them a scan and one sent back', async () => {
    const context = { batch: 'b7', issueDate: '2026-10-06', eventName: 'Karoo Sunset Festival 2026' };
    const [a, b] = [generatedInvoices(context), generatedInvoices(context)];
    expect(a.map((i) => i.label)).toEqual([
      'SW-B7-101.pdf',
      'SW-B7-101-scan.png',
      'SW-B7-102.pdf',
      'SW-B7-103.pdf',
    ]);
    expect(a.map((i) => i.scanOf)).toEqual([null, 'SW-B7-101.pdf', null, null]);
    expect(a[0]?.known).toMatchObject({ net: '100200.00', vat: '15030.00', gross: '115230.00' });
    expect(Buffer.from((await a[2]!.load()).bytes).equals(Buffer.from((await b[2]!.load()).bytes))).toBe(
      true,
    );
    const fixed = await a[2]!.correction!.corrected();
    expect(Buffer.from(fixed.bytes).equals(Buffer.from((await a[2]!.load()).bytes))).toBe(false);
  });
});

describe('the budget table', () => {
  const zar = (amount: string) => ({ amount, currency: 'ZAR', minorUnits: 2 });
  const row = (id: string, code: string, budget: string, actual: string, remaining: string) => ({
    budgetLineId: id,
    code,
    description: `${code} line`,
    category: 'Sound',
    budget: zar(budget),
    actual: zar(actual),
    remaining: zar(remaining),
  });
  const figures: EventFigures = {
    currency: 'ZAR',
    rows: [
      row('a', 'SND-01', '0.10', '0.20', '-0.10'),
      row('b', 'SND-02', '0.20', '0.10', '0.10'),
      row('c', 'X-1', '5.00', '0.00', '5.00'),
    ],
  };

  it('prints exact decimals for the chosen lines, a total equal to their sum, and the page’s headline totals', () => {
    const lines = budgetTable(figures, ['a', 'b'], new Map([['a', '0.05']]));
    expect(lines[1]).toMatch(/^SND-01\s+SND-01 line\s+0\.10\s+0\.05\s+0\.20\s+-0\.10$/);
    expect(lines[2]).toMatch(/^SND-02\s+SND-02 line\s+0\.20\s+0\.10\s+0\.10\s+0\.10$/);
    expect(lines[3]).toMatch(/total of these 2 lines \(ZAR\)\s+0\.30\s+0\.15\s+0\.30\s+0\.00$/);
    expect(lines[4]?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'On the event page (all 3 lines): budget R 5,30 · actual R 0,30 · remaining R 5,00',
    );
  });
});

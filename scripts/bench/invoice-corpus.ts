import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import {
  generateInvoicePdf,
  type InvoiceLanguage,
  type InvoiceSpec,
  sampleInvoiceSpec,
  scanInvoicePdf,
} from '../../activities/src/extraction/testing/invoice-generator';

/** One document the intake benchmark uploads and extracts. */
export interface BenchDocument {
  readonly name: string;
  readonly kind: 'text' | 'scan' | 'fixture';
  readonly bytes: Buffer;
  readonly sha256: string;
}

/** The supplier the demo supplier login speaks for, so uploads are the supplier's own. */
export const benchSupplier = {
  name: 'Soundwave Audio Hire (Pty) Ltd',
  vatNumber: '4230245781',
  address: ['1 Main Road', 'Cape Town 8001'],
} as const;

const layouts: readonly Pick<InvoiceSpec, 'language' | 'amountStyle' | 'dateStyle' | 'currencyDisplay'>[] = [
  { language: 'en', amountStyle: 'space-thousands', dateStyle: 'iso', currencyDisplay: 'symbol-before' },
  { language: 'en', amountStyle: 'comma-thousands', dateStyle: 'long', currencyDisplay: 'code-before' },
  { language: 'fr', amountStyle: 'space-thousands', dateStyle: 'long', currencyDisplay: 'symbol-after' },
  { language: 'nl', amountStyle: 'dot-thousands', dateStyle: 'iso', currencyDisplay: 'symbol-before' },
  { language: 'de', amountStyle: 'dot-thousands', dateStyle: 'long', currencyDisplay: 'symbol-after' },
];

const descriptions: Readonly<Record<InvoiceLanguage, readonly string[]>> = {
  en: ['Line array speakers', 'Mixing desk with operator', 'Stage lighting rig', 'Cable and rigging kit'],
  fr: ['Enceintes line array', 'Console de mixage', 'Éclairage de scène', 'Câblage et accroches'],
  nl: ['Line array luidsprekers', 'Mengtafel met technicus', 'Podiumverlichting', 'Kabels en rigging'],
  de: ['Line-Array-Lautsprecher', 'Mischpult mit Techniker', 'Bühnenbeleuchtung', 'Kabel und Rigging'],
};

/**
 * `count` distinct invoice specs of the demo supplier for one run: numbers carry the run id (so a run never meets a
 * previous run's duplicates), layouts rotate over five languages and number styles, one to six lines each, in rand,
 * dated `issueDate`. Deterministic for a given run id.
 */
export function benchInvoiceSpecs(
  runId: string,
  prefix: string,
  count: number,
  issueDate: string,
): InvoiceSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const layout = layouts[i % layouts.length] ?? layouts[0]!;
    const words = descriptions[layout.language];
    const lines = Array.from({ length: 1 + (i % 6) }, (_, l) => ({
      description: `${words[l % words.length] ?? 'Item'} ${l + 1}`,
      quantity: String(1 + ((i + l) % 4)),
      unitPrice: `${1000 + ((i * 7919 + l * 104729) % 90000)}.${String((i + l * 13) % 100).padStart(2, '0')}`,
    }));
    return sampleInvoiceSpec({
      ...layout,
      supplier: benchSupplier,
      number: `EVB-${runId}-${prefix}${String(i + 1).padStart(4, '0')}`,
      issueDate,
      dueDate: issueDate,
      lines,
    });
  });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The specs rendered: text-layer PDFs, or scans of them (rasterised, rotated a little, speckled). */
export async function renderInvoices(
  specs: readonly InvoiceSpec[],
  kind: 'text' | 'scan',
): Promise<BenchDocument[]> {
  const documents: BenchDocument[] = [];
  for (const [i, spec] of specs.entries()) {
    const pdf = await generateInvoicePdf(spec);
    const bytes =
      kind === 'text'
        ? Buffer.from(pdf)
        : await scanInvoicePdf(pdf, { seed: 17 + i, rotation: ((i % 5) - 2) * 0.3 });
    documents.push({
      name: `${spec.number}.${kind === 'text' ? 'pdf' : 'png'}`,
      kind,
      bytes,
      sha256: sha256(bytes),
    });
  }
  return documents;
}

function pngTextChunk(keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const type = Buffer.from('tEXt', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  return Buffer.concat([length, type, data, crc]);
}

/**
 * The same document with a run-specific marker that no reader interprets (a PDF comment after the end, a PNG tEXt
 * chunk before IEND), so each run's upload gets an intake of its own instead of finding the earlier run's.
 */
export function markedForRun(bytes: Buffer, name: string, runId: string): Buffer {
  const extension = extname(name).toLowerCase();
  if (extension === '.pdf') return Buffer.concat([bytes, Buffer.from(`\n%eventvault-bench ${runId}\n`)]);
  if (extension === '.png') {
    const iend = bytes.length - 12;
    if (bytes.subarray(iend + 4, iend + 8).toString('latin1') !== 'IEND') {
      throw new Error(`${name} does not end with a PNG IEND chunk`);
    }
    return Buffer.concat([
      bytes.subarray(0, iend),
      pngTextChunk('eventvault-bench', runId),
      bytes.subarray(iend),
    ]);
  }
  throw new Error(`${name}: only PDF and PNG fixtures are read`);
}

/** Every NAME.pdf / NAME.png in `directory`, marked for this run. */
export async function readFixtures(directory: string, runId: string): Promise<BenchDocument[]> {
  const names = (await readdir(directory)).filter((name) => /\.(pdf|png)$/i.test(name)).sort();
  const documents: BenchDocument[] = [];
  for (const name of names) {
    const bytes = markedForRun(await readFile(join(directory, name)), name, runId);
    documents.push({ name, kind: 'fixture', bytes, sha256: sha256(bytes) });
  }
  return documents;
}

import sharp from 'sharp';
import { invoiceTotals } from '../../activities/src/extraction/testing/invoice-generator';
import { benchInvoiceSpecs, benchSupplier, markedForRun, sha256 } from './invoice-corpus';

describe('the intake benchmark corpus', () => {
  it('makes distinct, deterministic invoices of the demo supplier for one run', () => {
    const specs = benchInvoiceSpecs('r1', 't', 12, '2026-12-04');
    expect(new Set(specs.map((s) => s.number)).size).toBe(12);
    expect(specs[0]?.number).toBe('EVB-r1-t0001');
    expect(new Set(specs.map((s) => s.language))).toEqual(new Set(['en', 'fr', 'nl', 'de']));
    expect(specs.map((s) => s.lines.length)).toEqual([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]);
    for (const spec of specs) {
      expect(spec.supplier).toEqual(benchSupplier);
      expect(spec.currency).toBe('ZAR');
      expect(spec.issueDate).toBe('2026-12-04');
      for (const line of spec.lines) expect(line.unitPrice).toMatch(/^\d+\.\d{2}$/);
      expect(invoiceTotals(spec).gross).toMatch(/^\d+\.\d{2}$/);
    }
    expect(benchInvoiceSpecs('r1', 't', 12, '2026-12-04')).toEqual(specs);
    expect(benchInvoiceSpecs('r2', 't', 1, '2026-12-04')[0]?.number).toBe('EVB-r2-t0001');
  });

  it('marks a PDF or PNG for a run without changing what it shows', async () => {
    const pdf = Buffer.from('%PDF-1.7\n...\n%%EOF\n');
    const marked = markedForRun(pdf, 'a.pdf', 'r1');
    expect(marked.subarray(0, pdf.length)).toEqual(pdf);
    expect(sha256(marked)).not.toBe(sha256(markedForRun(pdf, 'a.pdf', 'r2')));

    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const markedPng = markedForRun(png, 'a.PNG', 'r1');
    expect(markedPng.toString('latin1')).toContain('eventvault-bench\u0000r1');
    const before = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const after = await sharp(markedPng).raw().toBuffer({ resolveWithObject: true });
    expect(after.info).toMatchObject({ width: 4, height: 3 });
    expect(after.data).toEqual(before.data);
    expect(() => markedForRun(png.subarray(0, png.length - 1), 'b.png', 'r1')).toThrow('IEND');
    expect(() => markedForRun(pdf, 'c.tiff', 'r1')).toThrow('only PDF and PNG');
  });
});

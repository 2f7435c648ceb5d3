/**
 * `npm run bench:extraction [-- DIR] [--min-score 0.9]`: extracts every NAME.pdf / NAME.png in DIR (default
 * ../shared/fixtures/invoices beside the repository), scores it against NAME.json with the reference scorer's rules,
 * writes bench/results/extraction.json and prints a table. One OCR pool serves the whole run.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { basename, extname, join, relative, resolve } from 'node:path';
import { extractInvoice } from '../../activities/src/extraction/invoice-extractor';
import { defaultOcrPoolSize, OcrPool } from '../../activities/src/extraction/ocr-pool';
import { preparePdfReader } from '../../activities/src/extraction/pdf-text-layer';
import { type FieldScore, scoreExtraction, type ScoredField } from './scoring';

const repository = resolve(__dirname, '..', '..');

function parseArguments(args: readonly string[]): { directory: string; minScore: number } {
  let directory = resolve(repository, '..', 'shared', 'fixtures', 'invoices');
  let minScore = 0.9;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--min-score') minScore = Number(args[++i]);
    else if (arg.startsWith('--min-score=')) minScore = Number(arg.slice('--min-score='.length));
    else directory = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  }
  if (!(minScore >= 0 && minScore <= 1)) throw new Error('--min-score must be between 0 and 1');
  return { directory, minScore };
}

interface FileResult {
  readonly file: string;
  readonly method: string;
  readonly pages: number;
  readonly seconds: number;
  readonly secondsPerPage: number;
  readonly exact: number;
  readonly scored: number;
  readonly fields: Partial<Record<ScoredField, FieldScore>>;
  readonly error?: string;
}

async function main(): Promise<number> {
  const { directory, minScore } = parseArguments(process.argv.slice(2));
  if (!existsSync(directory)) {
    console.log(`No invoice folder at ${directory}: nothing scored.`);
    return 0;
  }
  const names = (await readdir(directory)).filter((name) => /\.(pdf|png)$/i.test(name)).sort();
  const documents = names.filter((name) =>
    existsSync(join(directory, `${basename(name, extname(name))}.json`)),
  );
  let pool: Promise<OcrPool> | undefined;
  // Starting the pool (loading the model into each worker) happens once per process: it is reported on its own, not
  // charged to whichever page happened to need OCR first.
  let poolStartSeconds: number | null = null;
  const ocr = () =>
    (pool ??= (async () => {
      const started = performance.now();
      const startedPool = await OcrPool.start({ size: defaultOcrPoolSize(), log: (m) => console.error(m) });
      poolStartSeconds = (performance.now() - started) / 1000;
      return startedPool;
    })());
  const results: FileResult[] = [];
  const loadStarted = performance.now();
  await preparePdfReader();
  const pdfReaderLoadSeconds = (performance.now() - loadStarted) / 1000;
  try {
    // Files are read one after another so each file's seconds are its own; the pool is started once.
    for (const name of documents) {
      const expected = JSON.parse(
        await readFile(join(directory, `${basename(name, extname(name))}.json`), 'utf8'),
      ) as Record<string, unknown>[] | Record<string, unknown> as unknown;
      const answer = (Array.isArray(expected) ? expected[0] : expected) as Record<string, never>;
      const started = performance.now();
      const poolStartedBefore = poolStartSeconds !== null;
      try {
        const { invoice } = await extractInvoice(await readFile(join(directory, name)), { ocr });
        const seconds =
          (performance.now() - started) / 1000 - (poolStartedBefore ? 0 : (poolStartSeconds ?? 0));
        const fields = scoreExtraction({ file: name, seconds, ...invoice } as never, answer);
        const values = Object.values(fields);
        results.push({
          file: name,
          method: invoice.method,
          pages: invoice.pageCount,
          seconds: Math.round(seconds * 1000) / 1000,
          secondsPerPage: Math.round((seconds / invoice.pageCount) * 1000) / 1000,
          exact: values.filter((v) => v.ok).length,
          scored: values.length,
          fields,
        });
      } catch (error) {
        const fields = scoreExtraction({}, answer);
        results.push({
          file: name,
          method: 'failed',
          pages: 0,
          seconds: (performance.now() - started) / 1000,
          secondsPerPage: 0,
          exact: 0,
          scored: Object.keys(fields).length,
          fields,
          error: (error as Error).message,
        });
      }
    }
  } finally {
    if (pool) await (await pool.catch(() => undefined))?.terminate();
  }
  const exact = results.reduce((sum, r) => sum + r.exact, 0);
  const scored = results.reduce((sum, r) => sum + r.scored, 0);
  const fraction = scored === 0 ? 0 : exact / scored;
  const perPage = (method: string) => {
    const matching = results.filter((r) => r.method === method);
    const pages = matching.reduce((sum, r) => sum + r.pages, 0);
    return pages === 0
      ? null
      : Math.round((matching.reduce((sum, r) => sum + r.seconds, 0) / pages) * 1000) / 1000;
  };
  const report = {
    generatedAt: new Date().toISOString(),
    directory: relative(repository, directory) || '.',
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    ocrPoolSize: defaultOcrPoolSize(),
    pdfReaderLoadSeconds: Math.round(pdfReaderLoadSeconds * 1000) / 1000,
    ocrPoolStartSeconds: poolStartSeconds === null ? null : Math.round(poolStartSeconds * 1000) / 1000,
    overall: { exact, scored, fraction: Math.round(fraction * 10000) / 10000, minScore },
    secondsPerPage: { 'text-layer': perPage('text-layer'), ocr: perPage('ocr'), mixed: perPage('mixed') },
    files: results,
  };
  await mkdir(join(repository, 'bench', 'results'), { recursive: true });
  await writeFile(
    join(repository, 'bench', 'results', 'extraction.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );

  const pad = (text: string, width: number) => text.padEnd(width);
  console.log(`${pad('file', 30)}${pad('method', 12)}${pad('s/page', 8)}fields`);
  for (const r of results) {
    const detail = Object.entries(r.fields)
      .map(([field, s]) => (s.ok ? field : `${field}✗(${JSON.stringify(s.got)}≠${JSON.stringify(s.want)})`))
      .join(' ');
    console.log(
      `${pad(r.file, 30)}${pad(r.method, 12)}${pad(r.secondsPerPage.toFixed(2), 8)}${r.exact}/${r.scored} ${detail}${r.error ? ` ERROR ${r.error}` : ''}`,
    );
  }
  console.log(
    `extraction: ${exact}/${scored} fields exact (${(fraction * 100).toFixed(1)} %), minimum ${minScore * 100} %`,
  );
  console.log(`written: bench/results/extraction.json`);
  return scored > 0 && fraction < minScore ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

/**
 * Copies pdf.js's worker and data files (fonts, CMaps, WebAssembly decoders, colour profiles) from the installed
 * pdfjs-dist into generated/pdfjs, which the build serves under /pdfjs/: the browser never fetches them from a CDN.
 * Runs before every build; the package is outside the Angular workspace, so the build cannot take them directly.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(__filename);
const packageDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
const target = path.resolve(__dirname, '../generated/pdfjs');

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
cpSync(path.join(packageDir, 'build/pdf.worker.min.mjs'), path.join(target, 'pdf.worker.min.mjs'));
for (const folder of ['cmaps', 'standard_fonts', 'wasm', 'iccs']) {
  cpSync(path.join(packageDir, folder), path.join(target, folder), { recursive: true });
}

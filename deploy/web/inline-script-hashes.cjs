'use strict';
// Prints the Content-Security-Policy sources that let the built app's own inline code run, and nothing else:
// a 'sha256-…' hash per inline <script> and per inline event handler in the HTML files of a directory
// (Angular's critical-CSS loader `onload="this.media='all'"`, keycloak-js's silent-check-sso.html), plus
// 'unsafe-hashes' when there are handlers. Run by deploy/web.Dockerfile on the production build; the
// container's start script puts the result into script-src.
//   node deploy/web/inline-script-hashes.cjs web/dist/web/browser
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const directory = process.argv[2];
if (!directory) {
  console.error('usage: node inline-script-hashes.cjs <directory of built HTML files>');
  process.exit(2);
}

const entities = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#34': '"' };
const decode = (text) => text.replace(/&(amp|quot|apos|lt|gt|#39|#34);/g, (_, name) => entities[name]);
const hash = (code) => `'sha256-${crypto.createHash('sha256').update(code, 'utf8').digest('base64')}'`;

const sources = new Set();
let handlers = false;
for (const file of fs
  .readdirSync(directory)
  .filter((name) => name.endsWith('.html'))
  .sort()) {
  const html = fs.readFileSync(path.join(directory, file), 'utf8');
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes, code] = match;
    if (!/\bsrc\s*=/i.test(attributes) && code.trim() !== '') sources.add(hash(code));
  }
  for (const tag of html.matchAll(/<[a-z][^>]*>/gi)) {
    for (const handler of tag[0].matchAll(/\son[a-z]+\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      handlers = true;
      sources.add(hash(decode(handler[1] ?? handler[2] ?? '')));
    }
  }
}
if (handlers) sources.add("'unsafe-hashes'");
process.stdout.write(`${[...sources].join(' ')}\n`);

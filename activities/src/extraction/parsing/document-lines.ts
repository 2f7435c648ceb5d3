import { isCurrencyCode } from '@eventvault/domain';
import { fold, findLabel } from './text-values';
import { type Language, languageMarkers } from './invoice-labels';

export interface Cell {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface DocumentLine {
  readonly index: number;
  readonly text: string;
  readonly folded: string;
  /** Pieces of the line separated by two or more spaces: the columns of a layout. */
  readonly cells: readonly Cell[];
}

export function splitLines(text: string): DocumentLine[] {
  return text
    .split(/\r?\n|\f/)
    .map((line) => line.replace(/\t/g, '    ').replace(/\s+$/, ''))
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const cells: Cell[] = [];
      for (const match of line.matchAll(/\S+(?: \S+)*/g)) {
        cells.push({ text: match[0], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
      }
      return { index, text: line, folded: fold(line), cells };
    });
}

/** Label occurrences in a line, longest labels first, never overlapping. */
export function findLabels<F extends string>(
  line: DocumentLine,
  labels: readonly (readonly [string, F])[],
): { field: F; label: string; start: number; end: number }[] {
  const found: { field: F; label: string; start: number; end: number }[] = [];
  // OCR often drops the space inside a label ("InvoiceNo"): each label is also tried without its spaces.
  const variants = labels.flatMap(([label, field]) =>
    label.includes(' ')
      ? [[label, field] as const, [label.replace(/ /g, ''), field] as const]
      : [[label, field] as const],
  );
  const sorted = [...variants].sort((a, b) => b[0].length - a[0].length);
  for (const [label, field] of sorted) {
    let from = 0;
    for (;;) {
      const hit = findLabel(line.folded, label, from);
      if (!hit) break;
      from = hit.start + 1;
      if (found.some((f) => hit.start < f.end && hit.end > f.start)) continue;
      found.push({ field, label, ...hit });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export function labelTable<F extends string>(table: Readonly<Record<F, readonly string[]>>): [string, F][] {
  return (Object.entries(table) as [F, readonly string[]][]).flatMap(([field, labels]) =>
    labels.map((label): [string, F] => [label, field]),
  );
}

/** The document's language from marker words; a locale hint ("fr-BE") wins. */
export function detectLanguage(lines: readonly DocumentLine[], locale?: string): Language | undefined {
  const hinted = locale?.slice(0, 2).toLowerCase();
  if (hinted === 'en' || hinted === 'fr' || hinted === 'nl' || hinted === 'de') return hinted;
  const words = new Map<string, number>();
  for (const line of lines) {
    for (const word of line.folded.match(/\p{L}+/gu) ?? []) words.set(word, (words.get(word) ?? 0) + 1);
  }
  let best: Language | undefined;
  let bestScore = 0;
  for (const [language, markers] of Object.entries(languageMarkers) as [Language, readonly string[]][]) {
    const score = markers.reduce((sum, marker) => sum + Math.min(words.get(marker) ?? 0, 5), 0);
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return best;
}

/** Signs of a currency other than its code or symbol: names, countries, company forms. Weak evidence. */
const currencyClues: readonly (readonly [string, string])[] = [
  ['euro', 'EUR'],
  ['euros', 'EUR'],
  ['us dollars', 'USD'],
  ['dollars', 'USD'],
  ['rupees', 'INR'],
  ['rand', 'ZAR'],
  ['pounds', 'GBP'],
  ['india', 'INR'],
  ['pvt. ltd', 'INR'],
  ['pvt ltd', 'INR'],
  ['private limited', 'INR'],
  ['south africa', 'ZAR'],
  ['(pty) ltd', 'ZAR'],
  ['united states', 'USD'],
  ['united kingdom', 'GBP'],
  ['nederland', 'EUR'],
  ['b.v.', 'EUR'],
  ['france', 'EUR'],
  ['sarl', 'EUR'],
  ['sas', 'EUR'],
  ['belgique', 'EUR'],
  ['belgie', 'EUR'],
  ['deutschland', 'EUR'],
  ['gmbh', 'EUR'],
];

export interface CurrencyGuess {
  readonly code: string | null;
  readonly confidence: number;
}

/** The invoice's currency: ISO codes weigh most, then symbols, then names, countries and company forms. */
export function detectCurrency(lines: readonly DocumentLine[]): CurrencyGuess {
  const votes = new Map<string, number>();
  const vote = (code: string, weight: number) => votes.set(code, (votes.get(code) ?? 0) + weight);
  let strongest = 0;
  for (const line of lines) {
    for (const match of line.text.matchAll(/(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])/g)) {
      const code = match[1] ?? '';
      if (isCurrencyCode(code)) {
        vote(code, 3);
        strongest = Math.max(strongest, 3);
      }
    }
    for (const match of line.text.matchAll(/[€$£₹]|(?<![\p{L}])Rs\.?(?=\s?-?\d)|(?<![\p{L}])R(?=\s?\d)/gu)) {
      const symbol = match[0];
      const code =
        symbol === '€'
          ? 'EUR'
          : symbol === '$'
            ? 'USD'
            : symbol === '£'
              ? 'GBP'
              : symbol === '₹' || symbol.startsWith('Rs')
                ? 'INR'
                : 'ZAR';
      // "$" is also the sign of other dollars: it counts, but less than an unambiguous symbol.
      const weight = symbol === '$' || symbol === 'R' ? 1 : 2;
      vote(code, weight);
      strongest = Math.max(strongest, weight);
    }
    for (const [clue, code] of currencyClues) {
      if (findLabel(line.folded, clue)) vote(code, 0.5);
    }
  }
  let best: string | null = null;
  let bestVotes = 0;
  for (const [code, count] of votes) {
    if (count > bestVotes) {
      best = code;
      bestVotes = count;
    }
  }
  if (!best) return { code: null, confidence: 0 };
  const total = [...votes.values()].reduce((a, b) => a + b, 0);
  const share = bestVotes / total;
  const base = strongest >= 3 ? 0.95 : strongest >= 2 ? 0.9 : strongest >= 1 ? 0.75 : 0.5;
  return { code: best, confidence: Math.round(base * (0.5 + share / 2) * 100) / 100 };
}

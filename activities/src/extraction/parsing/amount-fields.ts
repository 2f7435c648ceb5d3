import { type DecimalSeparator, ExactDecimal } from '@eventvault/domain';
import { type DocumentLine, findLabels, labelTable } from './document-lines';
import { type AmountField, amountLabels, amountSuffixes } from './invoice-labels';
import { type AmountToken, findAmounts, findLabel } from './text-values';

export interface AmountCandidate {
  readonly field: AmountField;
  readonly value: string;
  /** How strongly the layout says this amount is this field (0-1). */
  readonly score: number;
  readonly reason: string;
  /** Set when the amount is an OCR misreading put right, saying how; such an amount never wins on its label alone. */
  readonly repair?: string;
}

export interface CandidateOptions {
  readonly decimalSeparator?: DecimalSeparator;
  /** The text came from OCR: also try the readings OCR typically garbles (a stray minus, a lost decimal mark). */
  readonly ocr?: boolean;
  /** Minor units of the document's currency (the decimals a lost decimal mark took away); 2 when unknown. */
  readonly minorUnits?: number;
}

const repairPenalty = 0.3;

/**
 * The readings an OCR'd amount may have been before OCR garbled it: "R-38 351,49" (a speck or rule read as a minus)
 * and "R 575272" (the decimal comma lost). They only score with a penalty, so they win only where the arithmetic
 * (net + VAT = gross, the line items) confirms them.
 */
function ocrRepairs(amount: AmountToken, minorUnits: number): { value: string; repair: string }[] {
  const repairs: { value: string; repair: string }[] = [];
  if (amount.value.startsWith('-')) {
    repairs.push({
      value: amount.value.slice(1),
      repair: `OCR read "${amount.value}": minus sign taken as noise`,
    });
  }
  const digits = amount.value.replace(/^-/, '');
  if (!amount.hasDecimals && minorUnits > 0 && /^\d+$/.test(digits) && digits.length > minorUnits) {
    const value = new ExactDecimal(digits).dividedBy(new ExactDecimal(10 ** minorUnits)).toFixed();
    repairs.push({ value, repair: `OCR read "${digits}": a lost decimal mark restored` });
  }
  return repairs;
}

const labels = labelTable(amountLabels);
/** Labels that name a total without saying which: "total" alone, "totaal", "gesamt". */
const genericGrossLabels = new Set(['total', 'totaal', 'gesamt']);

function same(a: string, b: string): boolean {
  return new ExactDecimal(a).equals(new ExactDecimal(b));
}

function sum(a: string, b: string): string {
  return new ExactDecimal(a).plus(new ExactDecimal(b)).toFixed();
}

/**
 * Amounts that labels tie to net, VAT and gross. A label's amounts are those after it on its line up to the next
 * label ("Exclusief BTW € 593,36   Subtotaal € 717,97"), or those on the next line in the same column when the label
 * stands alone. A total row printing three amounts where the first two add up to the third reads as net, VAT, gross.
 */
export function findAmountCandidates(
  lines: readonly DocumentLine[],
  options: CandidateOptions = {},
): AmountCandidate[] {
  const { decimalSeparator } = options;
  const candidates: AmountCandidate[] = [];
  const push = (candidate: AmountCandidate, amount: AmountToken) => {
    candidates.push(candidate);
    if (!options.ocr) return;
    for (const { value, repair } of ocrRepairs(amount, options.minorUnits ?? 2)) {
      candidates.push({ ...candidate, value, score: candidate.score - repairPenalty, repair });
    }
  };
  lines.forEach((line, lineIndex) => {
    const amounts = findAmounts(line.text, decimalSeparator);
    const found = findLabels(line, labels).filter((hit) => !/%\s*$/.test(line.text.slice(0, hit.start)));
    found.forEach((hit, hitIndex) => {
      const until = found[hitIndex + 1]?.start ?? line.text.length;
      let own: AmountToken[] = amounts.filter((a) => a.start >= hit.end && a.start < until);
      let score = genericGrossLabels.has(hit.label) ? 0.6 : 0.8;
      if (own.length === 0 && hitIndex === found.length - 1) {
        const next = lines[lineIndex + 1];
        const column = line.cells.find((cell) => cell.start <= hit.start && cell.end >= hit.end);
        if (next && column) {
          own = findAmounts(next.text, decimalSeparator).filter(
            (a) => a.end >= column.start - 2 && a.start <= column.end + 12,
          );
          score -= 0.2;
        }
      }
      own.forEach((amount, position) => {
        // "Tax 15% on $ 112.90   $ 16.94": the first amount is usually the field, later ones slightly less likely.
        push(
          {
            field: hit.field,
            value: amount.value,
            score: position === 0 ? score : score - 0.1,
            reason: `labelled "${hit.label}"`,
          },
          amount,
        );
      });
      if (own.length >= 3 && (hit.field === 'gross' || hit.field === 'net')) {
        const [net, vat, gross] = own.slice(-3).map((a) => a.value);
        if (net && vat && gross && same(sum(net, vat), gross)) {
          candidates.push({ field: 'net', value: net, score: 0.9, reason: 'total row: net, VAT, gross' });
          candidates.push({ field: 'vat', value: vat, score: 0.9, reason: 'total row: net, VAT, gross' });
          candidates.push({ field: 'gross', value: gross, score: 0.9, reason: 'total row: net, VAT, gross' });
        }
      }
    });
    for (const amount of amounts) {
      const after = line.folded.slice(amount.end, amount.end + 14);
      for (const [field, suffixes] of Object.entries(amountSuffixes) as [AmountField, readonly string[]][]) {
        for (const suffix of suffixes) {
          const hit = findLabel(after, suffix);
          if (hit && after.slice(0, hit.start).trim() === '') {
            push({ field, value: amount.value, score: 0.7, reason: `followed by "${suffix}"` }, amount);
          }
        }
      }
    }
  });
  return candidates;
}

export interface ChosenAmounts {
  readonly net: { value: string; confidence: number } | null;
  readonly vat: { value: string; confidence: number } | null;
  readonly gross: { value: string; confidence: number } | null;
  readonly netPlusVatIsGross: boolean | null;
  readonly notes: readonly string[];
}

function bestByValue(candidates: readonly AmountCandidate[], field: AmountField): Map<string, number> {
  const byValue = new Map<string, number>();
  for (const candidate of candidates) {
    if (candidate.field !== field) continue;
    const key = new ExactDecimal(candidate.value).toFixed();
    // Seeing the same amount under the same kind of label twice makes it a little more certain.
    const previous = byValue.get(key);
    byValue.set(
      key,
      previous === undefined ? candidate.score : Math.min(1, Math.max(previous, candidate.score) + 0.05),
    );
  }
  return byValue;
}

/**
 * Chooses net, VAT and gross among the candidates: the combination whose labels score best, where net + VAT = gross
 * weighs more than any single label (this is what catches a misread digit: the misread amount does not add up) and
 * a line-item total equal to the net or gross counts too. Missing fields are derived from the other two.
 */
export function chooseAmounts(
  candidates: readonly AmountCandidate[],
  lineTotal: string | null,
): ChosenAmounts {
  const options = (field: AmountField) => [
    ...[...bestByValue(candidates, field)].map(([value, score]) => ({ value, score })),
    null,
  ];
  let best: { net: string | null; vat: string | null; gross: string | null; score: number; adds: boolean } = {
    net: null,
    vat: null,
    gross: null,
    score: -1,
    adds: false,
  };
  for (const net of options('net')) {
    for (const vat of options('vat')) {
      for (const gross of options('gross')) {
        let score = (net?.score ?? 0) + (vat?.score ?? 0) + (gross?.score ?? 0);
        const adds = Boolean(net && vat && gross && same(sum(net.value, vat.value), gross.value));
        if (adds) score += 1.5;
        if (net && gross && !vat && same(net.value, gross.value)) score += 0.2;
        if (net && gross && new ExactDecimal(net.value).greaterThan(new ExactDecimal(gross.value)))
          score -= 1;
        if (lineTotal && net && same(lineTotal, net.value)) score += 0.5;
        else if (lineTotal && gross && same(lineTotal, gross.value)) score += 0.3;
        if (score > best.score) {
          best = {
            net: net?.value ?? null,
            vat: vat?.value ?? null,
            gross: gross?.value ?? null,
            score,
            adds,
          };
        }
      }
    }
  }
  const notes: string[] = [];
  const repairOf = (field: AmountField, value: string): string | undefined => {
    const readings = candidates.filter(
      (candidate) => candidate.field === field && same(candidate.value, value),
    );
    return readings.every((candidate) => candidate.repair) ? readings[0]?.repair : undefined;
  };
  const confidenceOf = (field: AmountField, value: string | null) => {
    if (value === null) return 0;
    const score = bestByValue(candidates, field).get(value) ?? 0.5;
    const repair = repairOf(field, value);
    if (repair) {
      notes.push(`${field}: ${repair}, because the amounts add up that way`);
      // Put right by arithmetic, not read: below the review threshold, so a person confirms it.
      return 0.5;
    }
    return best.adds ? Math.min(1, 0.8 + score * 0.2) : Math.min(0.8, score);
  };
  let net = best.net ? { value: best.net, confidence: confidenceOf('net', best.net) } : null;
  let vat = best.vat ? { value: best.vat, confidence: confidenceOf('vat', best.vat) } : null;
  let gross = best.gross ? { value: best.gross, confidence: confidenceOf('gross', best.gross) } : null;
  if (!net && vat && gross) {
    net = { value: new ExactDecimal(gross.value).minus(vat.value).toFixed(), confidence: 0.6 };
    notes.push('net derived as gross − VAT');
  } else if (net && vat && !gross) {
    gross = { value: sum(net.value, vat.value), confidence: 0.6 };
    notes.push('gross derived as net + VAT');
  } else if (net && gross && !vat && !same(net.value, gross.value)) {
    const difference = new ExactDecimal(gross.value).minus(net.value);
    if (difference.greaterThan(0)) {
      vat = { value: difference.toFixed(), confidence: 0.5 };
      notes.push('VAT derived as gross − net');
    }
  }
  // Judged on printed amounts only: a derived amount adds up by construction.
  const netPlusVatIsGross = best.adds ? true : best.net && best.vat && best.gross ? false : null;
  return { net, vat, gross, netPlusVatIsGross, notes };
}

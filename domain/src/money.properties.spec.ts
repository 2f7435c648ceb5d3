import { allocateMinorUnits } from './allocation';
import { Money } from './money';
import { type RoundingMode } from './rounding';
import { calculateInvoiceVat, type VatPricing, type VatRate, vatRate, type VatRounding } from './vat';

/** sfc32: a small seeded generator, so every run checks the same invoices and a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

const invoiceCount = 100_000;
const currencies = ['ZAR', 'USD', 'EUR', 'INR', 'JPY', 'KRW', 'BHD', 'KWD', 'OMR'];
const rates: VatRate[] = [
  vatRate('STD15', '15'),
  vatRate('ZERO', '0', 'zero-rated'),
  vatRate('EXEMPT', '0', 'exempt'),
  vatRate('TEN', '10'),
  vatRate('R7.5', '7.5', 'reduced'),
  vatRate('R5.5', '5.5', 'reduced'),
  vatRate('STD21', '21'),
  vatRate('STD8.1', '8.1'),
  vatRate('R12.5', '12.5', 'reduced'),
  vatRate('STD27', '27'),
];
const modes: RoundingMode[] = ['half-up', 'half-even'];

/** The independent oracle: VAT as a bigint fraction of minor units, rounded by hand. */
function roundFraction(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = 2n * (magnitude % denominator);
  if (
    twiceRemainder > denominator ||
    (twiceRemainder === denominator && (mode === 'half-up' || quotient % 2n === 1n))
  ) {
    quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

function oracleVat(amount: bigint, rate: VatRate, pricing: VatPricing, mode: RoundingMode): bigint {
  const [whole = '0', fraction = ''] = rate.percent.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const percent = BigInt(whole + fraction);
  const denominator = pricing === 'exclusive' ? 100n * scale : 100n * scale + percent;
  return roundFraction(amount * percent, denominator, mode);
}

describe('no minor unit is created or lost', () => {
  it(`in ${invoiceCount.toLocaleString('en')} random invoices, any currency, rounding and pricing`, () => {
    const random = seededRandom(20260403);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const failures: string[] = [];
    const fail = (invoice: number, what: string) => {
      if (failures.length < 10) failures.push(`invoice ${invoice}: ${what}`);
      else failures.length = 10;
    };

    for (let n = 0; n < invoiceCount; n++) {
      const currency = pick(currencies);
      const pricing = pick<VatPricing>(['exclusive', 'inclusive']);
      const rounding = pick<VatRounding>(['per-line', 'per-document']);
      const roundingMode = pick(modes);
      const lineCount = 1 + Math.floor(random() * 8);
      const inputs = Array.from({ length: lineCount }, () => {
        const digits = 1 + Math.floor(random() * 12);
        const units = BigInt(Math.floor(random() * 10 ** digits)) * (random() < 0.1 ? -1n : 1n);
        return { units, amount: Money.fromMinorUnits(units, currency), rate: pick(rates) };
      });
      const invoice = calculateInvoiceVat(
        { currency, pricing, lines: inputs.map(({ amount, rate }) => ({ amount, rate })) },
        { rounding, roundingMode },
      );

      const sums = { net: 0n, vat: 0n, gross: 0n };
      invoice.lines.forEach((line, index) => {
        const input = inputs[index];
        const [net, vat, gross] = [line.net, line.vat, line.gross].map((money) => money.toMinorUnits()) as [
          bigint,
          bigint,
          bigint,
        ];
        if (net + vat !== gross) fail(n, `line ${index}: ${net} + ${vat} != ${gross}`);
        if (input && (pricing === 'exclusive' ? net : gross) !== input.units)
          fail(n, `line ${index} changed`);
        if (
          input &&
          rounding === 'per-line' &&
          vat !== oracleVat(input.units, input.rate, pricing, roundingMode)
        ) {
          fail(n, `line ${index}: VAT ${vat} is not the oracle's`);
        }
        sums.net += net;
        sums.vat += vat;
        sums.gross += gross;
      });
      const document = {
        net: invoice.net.toMinorUnits(),
        vat: invoice.vat.toMinorUnits(),
        gross: invoice.gross.toMinorUnits(),
      };
      if (document.net + document.vat !== document.gross) fail(n, 'document net + VAT != gross');
      if (sums.net !== document.net || sums.vat !== document.vat || sums.gross !== document.gross) {
        fail(n, 'lines do not add up to the document');
      }
      const byRate = { net: 0n, vat: 0n, gross: 0n };
      for (const total of invoice.byRate) {
        const [net, vat, gross] = [total.net, total.vat, total.gross].map((money) =>
          money.toMinorUnits(),
        ) as [bigint, bigint, bigint];
        if (net + vat !== gross) fail(n, `rate ${total.rate.code}: net + VAT != gross`);
        byRate.net += net;
        byRate.vat += vat;
        byRate.gross += gross;
        if (rounding === 'per-document') {
          const summed = inputs
            .filter((input) => input.rate === total.rate)
            .reduce((a, input) => a + input.units, 0n);
          if (vat !== oracleVat(summed, total.rate, pricing, roundingMode)) {
            fail(n, `rate ${total.rate.code}: VAT ${vat} is not the oracle's`);
          }
        }
      }
      if (byRate.net !== document.net || byRate.vat !== document.vat || byRate.gross !== document.gross) {
        fail(n, 'rate totals do not add up to the document');
      }
    }
    expect(failures).toEqual([]);
  });

  it('when allocating 100,000 random amounts over random ratios', () => {
    const random = seededRandom(42);
    const failures: string[] = [];
    for (let n = 0; n < 100_000 && failures.length < 10; n++) {
      const total =
        BigInt(Math.floor(random() * 10 ** (1 + Math.floor(random() * 14)))) * (random() < 0.2 ? -1n : 1n);
      const weights = Array.from({ length: 1 + Math.floor(random() * 10) }, () =>
        BigInt(Math.floor(random() * 10 ** Math.floor(random() * 7))),
      );
      const weightSum = weights.reduce((a, b) => a + b, 0n);
      if (weightSum === 0n) continue;
      const parts = allocateMinorUnits(total, weights);
      if (parts.reduce((a, b) => a + b, 0n) !== total)
        failures.push(`${total} over ${weights.join(':')}: sum`);
      parts.forEach((part, index) => {
        const deviation = part * weightSum - total * (weights[index] ?? 0n);
        if (deviation <= -weightSum || deviation >= weightSum) {
          failures.push(`${total} over ${weights.join(':')}: part ${index} is a unit or more off`);
        }
      });
    }
    expect(failures).toEqual([]);
  });

  it('when Money allocates over decimal ratios in 0, 2 and 3 decimal currencies', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 2_000; n++) {
      const currency = currencies[n % currencies.length] ?? 'ZAR';
      const whole = Money.fromMinorUnits(BigInt(Math.floor(random() * 1e9)), currency);
      const ratios = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        (random() * 100 + 0.001).toFixed(3),
      );
      expect(Money.sum(whole.allocate(ratios), currency).equals(whole)).toBe(true);
    }
  });
});

export type AllocationErrorCode = 'INVALID_RATIOS';

export class AllocationError extends Error {
  readonly code: AllocationErrorCode = 'INVALID_RATIOS';
  constructor(message: string) {
    super(message);
    this.name = 'AllocationError';
  }
}

function floorDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n !== denominator < 0n ? quotient - 1n : quotient;
}

/**
 * Splits `total` whole minor units over integer weights by the largest-remainder method: every part gets the floor of
 * its exact share, and the units left over go one each to the parts with the largest remainders (earlier parts win
 * ties). The parts always sum to `total`. Weights may carry either sign as long as their sum is not zero (VAT spread
 * over credit lines); a total of zero gives zero parts whatever the weights.
 */
export function allocateMinorUnits(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) throw new AllocationError('Nothing to allocate over: no parts given.');
  if (total === 0n) return weights.map(() => 0n);
  let sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new AllocationError('The ratios sum to zero.');
  const sign = sum < 0n ? -1n : 1n;
  sum *= sign;
  const parts = weights.map((weight) => {
    const numerator = total * weight * sign;
    const share = floorDiv(numerator, sum);
    return { share, remainder: numerator - share * sum };
  });
  let left = total - parts.reduce((a, p) => a + p.share, 0n);
  const order = parts
    .map((part, index) => ({ remainder: part.remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0n) break;
    const part = parts[index];
    if (part) part.share += 1n;
    left -= 1n;
  }
  return parts.map((part) => part.share);
}

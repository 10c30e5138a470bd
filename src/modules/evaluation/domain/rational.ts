import { DomainError } from '../../../common/errors/domain-error';

/** An exact fraction, always reduced, with a positive denominator. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function toSafe(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new DomainError('VALIDATION_FAILED', `${what} exceeds the safe integer range`);
  return n;
}

function fromBig(numerator: bigint, denominator: bigint): Ratio {
  if (denominator === 0n) throw new DomainError('VALIDATION_FAILED', 'Ratio denominator must not be zero');
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator) || 1n;
  return {
    numerator: toSafe((sign * numerator) / divisor, 'Ratio numerator'),
    denominator: toSafe((sign * denominator) / divisor, 'Ratio denominator'),
  };
}

/** The reduced fraction numerator / denominator (integers, denominator ≠ 0). */
export function ratio(numerator: number, denominator: number): Ratio {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new DomainError('VALIDATION_FAILED', 'Ratio terms must be safe integers');
  }
  return fromBig(BigInt(numerator), BigInt(denominator));
}

/** Exact sum of fractions. */
export function sumRatios(terms: readonly Ratio[]): Ratio {
  let [n, d] = [0n, 1n];
  for (const t of terms) {
    [n, d] = [n * BigInt(t.denominator) + BigInt(t.numerator) * d, d * BigInt(t.denominator)];
    const g = gcd(n, d) || 1n;
    [n, d] = [n / g, d / g];
  }
  return fromBig(n, d);
}

/** Exact product of a fraction by an integer. */
export function scaleRatio(r: Ratio, factor: number): Ratio {
  return fromBig(BigInt(r.numerator) * BigInt(factor), BigInt(r.denominator));
}

/**
 * round(r × unit), halves rounded up (towards +∞): 2.5 → 3, 14.505 hundredths → 1451.
 * `unit` is 1 for a whole score, 100 for hundredths.
 */
export function roundHalfUp(r: Ratio, unit = 1): number {
  const twice = 2n * BigInt(r.numerator) * BigInt(unit) + BigInt(r.denominator);
  const den = 2n * BigInt(r.denominator);
  const q = twice / den;
  // BigInt division truncates toward zero; floor it for negatives.
  return toSafe(twice < 0n && q * den !== twice ? q - 1n : q, 'Rounded value');
}

/** French display of hundredths: 1450 → "14,50", -5 → "-0,05". */
export function formatHundredths(hundredths: number): string {
  const abs = Math.abs(hundredths);
  const sign = hundredths < 0 ? '-' : '';
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

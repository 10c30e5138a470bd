import { frenchEuros, frenchRate } from '../fr/format';
import { DomainError } from '../errors/domain-error';

declare const centsBrand: unique symbol;
declare const basisPointsBrand: unique symbol;

/** Integer euro cents (a safe integer). Branded: a plain number becomes cents only through `cents()` or `toCents()`. */
export type Cents = number & { readonly [centsBrand]: true };
/** Integer basis points: 10 000 = 100 %. Branded: a plain number becomes a rate only through `bp()`. */
export type BasisPoints = number & { readonly [basisPointsBrand]: true };

export function assertCents(value: number, path = 'amountCents'): asserts value is Cents {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError('VALIDATION_FAILED', `${path} must be an integer number of cents`, {
      errors: [{ path, code: 'NOT_AN_INTEGER', message: 'Le montant doit être un nombre entier de centimes.' }],
    });
  }
}

/** Brands a literal or validated integer as cents; throws VALIDATION_FAILED on anything but a safe integer. */
export function cents(value: number, path = 'amountCents'): Cents {
  assertCents(value, path);
  return value;
}

/** Brands an integer 0..10 000 as basis points; throws VALIDATION_FAILED otherwise. */
export function bp(value: number, path = 'rateBp'): BasisPoints {
  assertBasisPoints(value, path);
  return value;
}

/**
 * Decodes a money column read from PostgreSQL: `bigint` arrives as a string (or a bigint/number from a computed
 * expression). The one place a database value becomes cents; refuses anything that is not an exact safe integer
 * (a cast to a float type would print "1.5e+21" or lose cents, so money columns are selected as bigint).
 */
export function toCents(raw: string | number | bigint): Cents {
  const value = typeof raw === 'bigint' ? Number(raw) : typeof raw === 'number' ? raw : /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || (typeof raw === 'bigint' && BigInt(value) !== raw)) {
    throw new RangeError(`not a safe integer number of cents: ${String(raw)}`);
  }
  return value as Cents;
}

/** {@link toCents} for a nullable column. */
export function toCentsOrNull(raw: string | number | bigint | null | undefined): Cents | null {
  return raw === null || raw === undefined ? null : toCents(raw);
}

export function assertBasisPoints(value: number, path = 'rateBp'): asserts value is BasisPoints {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) {
    throw new DomainError('VALIDATION_FAILED', `${path} must be an integer between 0 and 10000`, {
      errors: [{ path, code: 'OUT_OF_RANGE', message: 'Le taux doit être un entier entre 0 et 10 000 points de base.' }],
    });
  }
}

/** floor(amount × rate / 10 000) computed exactly with BigInt: the EU share never exceeds the rate (docs/domain/cofinancing.md). */
export function applyRateFloor(amount: Cents | number, rate: BasisPoints | number): Cents {
  assertCents(amount);
  assertBasisPoints(rate);
  const product = BigInt(amount) * BigInt(rate);
  const q = product / 10_000n;
  // BigInt division truncates toward zero; floor for negatives.
  return Number(product < 0n && q * 10_000n !== product ? q - 1n : q) as Cents;
}

/**
 * The share `part / whole` in basis points, rounded DOWN: a printed or stored rate never overstates the exact share
 * (an EU rate shown as 95 % is at most 95 %). 0 when either amount is 0 or negative (no meaningful share). Exact with
 * BigInt; not clamped, since a consumed envelope may exceed 100 %: callers that need a ceiling apply it.
 */
export function shareBp(part: Cents, whole: Cents): BasisPoints {
  if (whole <= 0 || part <= 0) return 0 as BasisPoints;
  const q = (BigInt(part) * 10_000n) / BigInt(whole);
  return Number(q) as BasisPoints;
}

/** French display of cents, « 1 234 567,89 € » (src/common/fr); validates like the other money helpers. */
export function formatEuros(cents: Cents | number): string {
  assertCents(cents);
  return frenchEuros(cents);
}

/** French display of a rate: 9500 → « 95 % », 1525 → « 15,25 % » (src/common/fr). */
export function formatRate(bp: BasisPoints | number): string {
  assertBasisPoints(bp);
  return frenchRate(bp);
}

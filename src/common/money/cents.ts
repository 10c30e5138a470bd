import { DomainError } from '../errors/domain-error';

/** Integer euro cents. */
export type Cents = number;
/** Integer basis points: 10 000 = 100 %. */
export type BasisPoints = number;

export function assertCents(value: number, path = 'amountCents'): asserts value is Cents {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError('VALIDATION_FAILED', `${path} must be an integer number of cents`, {
      errors: [{ path, code: 'NOT_AN_INTEGER', message: 'Le montant doit être un nombre entier de centimes.' }],
    });
  }
}

export function assertBasisPoints(value: number, path = 'rateBp'): asserts value is BasisPoints {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) {
    throw new DomainError('VALIDATION_FAILED', `${path} must be an integer between 0 and 10000`, {
      errors: [{ path, code: 'OUT_OF_RANGE', message: 'Le taux doit être un entier entre 0 et 10 000 points de base.' }],
    });
  }
}

/** floor(amount × rate / 10 000) computed exactly with BigInt: the EU share never exceeds the rate (docs/domain/cofinancing.md). */
export function applyRateFloor(amount: Cents, rate: BasisPoints): Cents {
  assertCents(amount);
  assertBasisPoints(rate);
  const product = BigInt(amount) * BigInt(rate);
  const q = product / 10_000n;
  // BigInt division truncates toward zero; floor for negatives.
  return Number(product < 0n && q * 10_000n !== product ? q - 1n : q);
}

const NBSP = '\u202f';

/** French display: 1 234 567,89 € (narrow no-break space as thousands separator). */
export function formatEuros(cents: Cents): string {
  assertCents(cents);
  const negative = cents < 0;
  const abs = BigInt(Math.abs(cents));
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${euros},${rest}${NBSP}€`;
}

/** French display of a rate: 9500 → "95 %", 1525 → "15,25 %". */
export function formatRate(bp: BasisPoints): string {
  assertBasisPoints(bp);
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return `${whole}${frac ? ',' + String(frac).padStart(2, '0').replace(/0$/, '') : ''}${NBSP}%`;
}

import { applyRateFloor } from '../../../common/money/cents';

export const PAYMENT_KINDS = ['INTERIM', 'FINAL'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** Default interim cap: interim payments stop at 80 % of the EU amount programmed until the balance (call setting). */
export const DEFAULT_INTERIM_CAP_BP = 8_000;

/** Every amount is cumulative over the operation, in cents; rates in basis points. */
export interface AmountDueInput {
  readonly euCeilingCents: number;
  readonly rateBp: number;
  readonly retainedEligibleCents: number;
  readonly otherResourcesCents: number;
  readonly paidCents: number;
  readonly kind: PaymentKind;
  readonly interimCapBp: number;
}

export interface AmountDue {
  readonly euDueCents: number;
  readonly payableCents: number;
  readonly recoveryCents: number;
  readonly releasedCents: number;
}

/**
 * The EU amount due on an operation and what a payment may pay (docs/domain/payments.md):
 * - due = min(ceiling, floor(retained × rate), max(0, retained − other resources)): the rate share is floored (the EU
 *   share never exceeds the rate) and the EU never funds more than the gap other resources leave (no profit, CPR art.
 *   53(1) and the no-double-funding rule);
 * - an interim payment is capped at `interimCapBp` of the ceiling; the balance may reach the ceiling;
 * - at the balance, what was paid above the amount due is recovered and what the ceiling exceeds it by is released.
 */
export function computeAmountDue(input: AmountDueInput): AmountDue {
  const { euCeilingCents, rateBp, retainedEligibleCents, otherResourcesCents, paidCents, kind, interimCapBp } = input;
  const rateShare = applyRateFloor(retainedEligibleCents, rateBp);
  const gap = Math.max(0, retainedEligibleCents - otherResourcesCents);
  const euDueCents = Math.min(euCeilingCents, rateShare, gap);
  const cap = kind === 'INTERIM' ? applyRateFloor(euCeilingCents, interimCapBp) : euCeilingCents;
  const payableCents = Math.max(0, Math.min(euDueCents, cap) - paidCents);
  const recoveryCents = kind === 'FINAL' ? Math.max(0, paidCents - euDueCents) : 0;
  const releasedCents = kind === 'FINAL' ? euCeilingCents - euDueCents : 0;
  return { euDueCents, payableCents, recoveryCents, releasedCents };
}

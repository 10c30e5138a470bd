import { DomainError } from '../../../common/errors/domain-error';
import { cents, formatEuros, shareBp } from '../../../common/money/cents';

export interface EnvelopeUse {
  envelopeCents: number;
  /** Σ EU amounts of the call's favorable decisions. */
  consumedCents: number;
  remainingCents: number;
  /** Consumption in basis points of the envelope, floored (a gauge, never a rule). */
  consumedBp: number;
}

export function envelopeUse(envelopeCents: number, consumedCents: number): EnvelopeUse {
  const consumedBp = shareBp(cents(consumedCents), cents(envelopeCents));
  return { envelopeCents, consumedCents, remainingCents: envelopeCents - consumedCents, consumedBp: Math.min(consumedBp, 10_000) };
}

/**
 * The programme envelope of a call is never exceeded: Σ programmed EU amounts ≤ envelope (docs/domain/cofinancing.md).
 * @throws DomainError ENVELOPE_EXCEEDED with the figures.
 */
export function assertFitsEnvelope(use: EnvelopeUse, euCents: number): void {
  if (euCents <= use.remainingCents) return;
  throw new DomainError(
    'ENVELOPE_EXCEEDED',
    `Avis favorable impossible : ${formatEuros(euCents)} demandés, il reste ${formatEuros(use.remainingCents)} sur l'enveloppe de ${formatEuros(use.envelopeCents)}.`,
    { envelopeCents: use.envelopeCents, consumedCents: use.consumedCents, remainingCents: use.remainingCents, requestedCents: euCents },
  );
}

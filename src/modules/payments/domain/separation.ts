import { DomainError } from '../../../common/errors/domain-error';

export interface PaymentActors {
  proposedBy: string;
  /** `verification.finalised_by` of the verification the payment comes from; null for an advance. */
  verifiedBy: string | null;
}

/**
 * Separation of functions (CPR art. 72(1)(a), 74(1)(a), Annex XI): whoever validates a payment order neither proposed
 * it nor verified the expenditure it pays. The database enforces the same rule (`payment_separation_check`).
 */
export function separationRefusal(validatorId: string, p: PaymentActors): string | null {
  if (validatorId === p.proposedBy) return 'Vous avez proposé ce paiement : sa validation revient à une autre personne (séparation des fonctions).';
  if (p.verifiedBy !== null && validatorId === p.verifiedBy)
    return 'Vous avez vérifié les dépenses de ce paiement : sa validation revient à une autre personne (séparation des fonctions).';
  return null;
}

export function assertSeparated(validatorId: string, p: PaymentActors): void {
  const refusal = separationRefusal(validatorId, p);
  if (refusal) throw new DomainError('FORBIDDEN', refusal, { rule: 'SEPARATION_OF_FUNCTIONS' });
}

import { type AmountDue, computeAmountDue } from './amount-due';

/** What the operation stands at, cumulative, when a verification is turned into a payment (docs/domain/payments.md). */
export interface OperationLedger {
  /** EU amount programmed (convention, amendments included). */
  euCeilingCents: number;
  rateBp: number;
  /** Σ retained_cents of the FINALISED verifications of the operation's reports. */
  retainedEligibleCents: number;
  otherResourcesCents: number;
  /** Σ validated payments (advance included) less the recoveries settled. */
  paidCents: number;
  interimCapBp: number;
}

export type Proposal =
  | { action: 'PAY'; kind: 'INTERIM' | 'BALANCE'; amountCents: number; due: AmountDue }
  | { action: 'RECOVER'; amountCents: number; due: AmountDue }
  | { action: 'NOTHING'; due: AmountDue };

/**
 * An intermediate report's verification yields an interim payment (capped, CPR art. 91-92 practice: 80 % by default);
 * the final report's yields the balance, or a recovery order when more was paid than is due, or nothing when the
 * payments already match the amount due.
 */
export function proposalFor(reportKind: 'INTERMEDIATE' | 'FINAL', l: OperationLedger): Proposal {
  const due = computeAmountDue({ ...l, kind: reportKind === 'FINAL' ? 'FINAL' : 'INTERIM' });
  if (due.payableCents > 0) return { action: 'PAY', kind: reportKind === 'FINAL' ? 'BALANCE' : 'INTERIM', amountCents: due.payableCents, due };
  if (due.recoveryCents > 0) return { action: 'RECOVER', amountCents: due.recoveryCents, due };
  return { action: 'NOTHING', due };
}

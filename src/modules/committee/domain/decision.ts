import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import type { ApplicationStatus } from '../../applications/domain/application-status';

export const DECISION_OUTCOMES = ['FAVORABLE', 'DEFAVORABLE', 'POSTPONED'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const REFUSAL_REASONS = ['QUALITY', 'BUDGET', 'INELIGIBLE'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const OUTCOME_LABELS: Readonly<Record<DecisionOutcome, string>> = { FAVORABLE: 'Avis favorable', DEFAVORABLE: 'Avis défavorable', POSTPONED: 'Ajourné' };
export const REASON_LABELS: Readonly<Record<RefusalReason, string>> = {
  QUALITY: 'Qualité insuffisante',
  BUDGET: 'Manque de crédits',
  INELIGIBLE: 'Inéligibilité',
};

/** The status a dossier moves to from IN_COMMITTEE (docs/domain/lifecycle.md, committee.md). */
export const OUTCOME_STATUS: Readonly<Record<DecisionOutcome, ApplicationStatus>> = { FAVORABLE: 'PROGRAMMED', DEFAVORABLE: 'REFUSED', POSTPONED: 'POSTPONED' };

export interface DecisionInput {
  outcome: DecisionOutcome;
  euCents?: number | null;
  conditions?: string | null;
  reasonCode?: RefusalReason | null;
  reason?: string | null;
  requests?: string | null;
}

export interface DecisionItem {
  /** Status frozen from the ranking: INELIGIBLE items can only be refused. */
  rankingStatus: string | null;
  /** EU amount of the retained plan (its highest version). */
  retainedEuCents: number;
}

export interface Decision {
  outcome: DecisionOutcome;
  euCents: number | null;
  conditions: string | null;
  reasonCode: RefusalReason | null;
  reason: string | null;
  requests: string | null;
  /** A favorable amount below the retained one: a proposal to the beneficiary (AWARD_PROPOSED), not a fait accompli. */
  reduced: boolean;
  status: ApplicationStatus;
}

const text = (v: string | null | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Checks a committee decision against its item and normalises it: a favorable decision grants the retained EU amount
 * or a reduced one (never more); a défavorable one states its reason; an adjournment lists what is requested.
 * @throws DomainError VALIDATION_FAILED (missing or extraneous fields) or BUSINESS_RULE_VIOLATED (item rules).
 */
export function decide(input: DecisionInput, item: DecisionItem): Decision {
  const missing: FieldError[] = [];
  const rules: FieldError[] = [];
  const need = (path: string, value: unknown, message: string) => {
    if (value === null) missing.push({ path, code: 'REQUIRED', message });
  };
  const forbid = (path: string, value: unknown, message: string) => {
    if (value !== null && value !== undefined) missing.push({ path, code: 'NOT_APPLICABLE', message });
  };
  const conditions = text(input.conditions);
  const reason = text(input.reason);
  const requests = text(input.requests);
  const reasonCode = input.reasonCode ?? null;
  const ineligible = item.rankingStatus === 'INELIGIBLE';
  let euCents: number | null = null;

  if (input.outcome === 'FAVORABLE') {
    euCents = input.euCents ?? item.retainedEuCents;
    forbid('reasonCode', reasonCode, "Un avis favorable n'a pas de motif de refus.");
    forbid('requests', requests, 'Les demandes de compléments accompagnent un ajournement, pas un avis favorable.');
    if (!Number.isSafeInteger(euCents) || euCents <= 0) {
      rules.push({ path: 'euCents', code: 'INVALID_AMOUNT', message: 'Le montant FSE+ accordé doit être un nombre entier positif de centimes.' });
    } else if (euCents > item.retainedEuCents) {
      rules.push({ path: 'euCents', code: 'ABOVE_RETAINED_AMOUNT', message: 'Le comité peut réduire le montant FSE+ retenu, jamais l’augmenter.' });
    }
  } else if (input.outcome === 'DEFAVORABLE') {
    forbid('euCents', input.euCents ?? null, "Un avis défavorable n'accorde aucun montant.");
    forbid('requests', requests, 'Les demandes de compléments accompagnent un ajournement.');
    need('reasonCode', reasonCode, 'Précisez le motif du refus : qualité, manque de crédits ou inéligibilité.');
    need('reason', reason, "Motivez l'avis défavorable.");
    if (reasonCode === 'INELIGIBLE' && !ineligible) {
      rules.push({ path: 'reasonCode', code: 'NOT_INELIGIBLE', message: "Ce dossier a été jugé éligible : le motif « inéligibilité » ne s'applique pas." });
    }
  } else {
    forbid('euCents', input.euCents ?? null, "Un ajournement n'accorde aucun montant.");
    forbid('reasonCode', reasonCode, "Un ajournement n'a pas de motif de refus.");
    need('requests', requests, 'Indiquez les compléments ou modifications demandés au porteur.');
  }
  if (ineligible && !(input.outcome === 'DEFAVORABLE' && (reasonCode === null || reasonCode === 'INELIGIBLE'))) {
    rules.push({
      path: 'outcome',
      code: 'INELIGIBLE_MUST_BE_REFUSED',
      message: "Un dossier inéligible ne peut recevoir qu'un avis défavorable pour inéligibilité.",
    });
  }

  if (missing.length > 0) throw new DomainError('VALIDATION_FAILED', 'La décision est incomplète.', { errors: missing });
  if (rules.length > 0) throw new DomainError('BUSINESS_RULE_VIOLATED', rules.map((r) => r.message).join(' '), { errors: rules });
  return {
    outcome: input.outcome,
    euCents,
    conditions: input.outcome === 'FAVORABLE' ? conditions : null,
    reasonCode: input.outcome === 'DEFAVORABLE' ? reasonCode : null,
    reason: input.outcome === 'DEFAVORABLE' ? reason : null,
    requests: input.outcome === 'POSTPONED' ? requests : null,
    reduced: euCents !== null && euCents < item.retainedEuCents,
    // A reduced amount is a proposal the beneficiary accepts with a revised plan, or refuses (docs/domain/committee.md).
    status: euCents !== null && euCents < item.retainedEuCents ? 'AWARD_PROPOSED' : OUTCOME_STATUS[input.outcome],
  };
}

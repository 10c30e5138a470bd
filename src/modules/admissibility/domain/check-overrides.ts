import type { FieldError } from '../../../common/errors/domain-error';
import type { AdmissibilityOutcome } from '../../applications/domain/complements';
import type { AdmissibilityCheck, AdmissibilityCheckId } from './admissibility-checks';

/** The checks in the instructor's words (page, review, audit reading). */
export const CHECK_LABELS: Readonly<Record<AdmissibilityCheckId, string>> = {
  SUBMITTED_BEFORE_CLOSING: 'Dépôt avant la clôture',
  REQUIRED_DOCUMENTS_PRESENT: 'Pièces obligatoires jointes',
  EU_AMOUNT_WITHIN_CALL_BOUNDS: 'Montant FSE+ dans les bornes de l’appel',
  DURATION_WITHIN_CALL_BOUNDS: 'Durée dans les bornes de l’appel',
  DATES_IN_ELIGIBILITY_WINDOW: 'Dates dans la période d’éligibilité',
  PROJECT_NOT_COMPLETED: 'Projet non achevé au dépôt (art. 63(6))',
  FINANCING_PLAN_VALID: 'Plan de financement conforme',
  ORGANISATION_LEGAL_PERSON: 'Personne morale, SIRET valide',
};

/** A written reason to declare a dossier admissible although one automatic check failed. */
export interface CheckOverride {
  checkId: AdmissibilityCheckId;
  reason: string;
}

/** Shorter than this, a "reason" is a placeholder ("ok", "vu"), not a justification an auditor can read. */
export const OVERRIDE_REASON_MIN_LENGTH = 10;

export interface OverrideDecision {
  /** The overrides to store: one per failed check, trimmed, in check order. */
  overrides: CheckOverride[];
  errors: FieldError[];
}

/**
 * Admissibility is never overridden silently (docs/domain/admissibility.md): declaring a dossier ADMISSIBLE while
 * automatic checks fail needs a written reason for each failed check, under `overrides.<checkId>`. Other outcomes
 * carry no override. A reason given for a check that passed is not kept: there is nothing to override.
 */
export function checkOverrides(outcome: AdmissibilityOutcome, checks: readonly AdmissibilityCheck[], given: readonly CheckOverride[]): OverrideDecision {
  const errors: FieldError[] = [];
  const typed = given.map((o) => ({ checkId: o.checkId, reason: o.reason.trim() })).filter((o) => o.reason !== '');
  const seen = new Set<string>();
  for (const o of typed) {
    if (seen.has(o.checkId))
      errors.push({ path: `overrides.${o.checkId}`, code: 'DUPLICATE', message: `Le contrôle « ${CHECK_LABELS[o.checkId]} » est motivé deux fois.` });
    seen.add(o.checkId);
  }
  if (outcome !== 'ADMISSIBLE') {
    if (typed.length > 0)
      errors.push({
        path: 'overrides',
        code: 'NOT_APPLICABLE',
        message: 'Les motifs de dépassement des contrôles ne concernent qu’un dossier déclaré recevable.',
      });
    return { overrides: [], errors };
  }
  const overrides: CheckOverride[] = [];
  for (const c of checks.filter((x) => !x.passed)) {
    const reason = typed.find((o) => o.checkId === c.checkId)?.reason ?? '';
    if (reason.length < OVERRIDE_REASON_MIN_LENGTH) {
      errors.push({
        path: `overrides.${c.checkId}`,
        code: reason ? 'TOO_SHORT' : 'REQUIRED',
        message: `Le contrôle « ${CHECK_LABELS[c.checkId]} » n'est pas satisfait : motivez par écrit la recevabilité malgré ce contrôle (${OVERRIDE_REASON_MIN_LENGTH} caractères au moins).`,
      });
    } else overrides.push({ checkId: c.checkId, reason });
  }
  return { overrides, errors };
}

/** An organisation as the conflict rules see it. */
export interface OrganisationRef {
  id: string;
  siret: string;
}

/**
 * The automatic exclusion of an evaluator from a dossier (docs/domain/evaluation.md), in French, or null: the evaluator belongs to
 * the applicant organisation, or to an organisation sharing its SIREN (the first 9 digits of the SIRET: another
 * establishment of the same legal unit, since a SIRET is registered once here).
 */
export function automaticConflict(applicant: OrganisationRef, evaluatorOrganisations: readonly OrganisationRef[]): string | null {
  if (evaluatorOrganisations.some((o) => o.id === applicant.id)) return 'membre de la structure porteuse';
  const siren = applicant.siret.slice(0, 9);
  const sibling = evaluatorOrganisations.find((o) => o.siret.slice(0, 9) === siren);
  return sibling ? `membre d’un établissement de la même entité (SIREN ${siren})` : null;
}

export type ConflictState = 'UNDECLARED' | 'CONFLICTED' | 'CLEAR';

export interface DeclarationFacts {
  /** null until the evaluator has declared. */
  declaredConflict: boolean | null;
  automaticReason: string | null;
  waived: boolean;
}

/**
 * Whether the evaluator may see the dossier: only once declared, and only when neither the declaration nor the
 * automatic rules found a conflict, unless the chair waived it. UNDECLARED and CONFLICTED both mean "sees nothing".
 */
export function conflictState(d: DeclarationFacts): ConflictState {
  if (d.declaredConflict === null) return 'UNDECLARED';
  if ((d.declaredConflict || d.automaticReason !== null) && !d.waived) return 'CONFLICTED';
  return 'CLEAR';
}

/** A conflict, declared or automatic, that the chair has not waived: the evaluation counts in no aggregate. */
export function isConflicted(d: DeclarationFacts): boolean {
  return (d.declaredConflict === true || d.automaticReason !== null) && !d.waived;
}

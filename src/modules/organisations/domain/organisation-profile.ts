/** Legal forms of docs/domain/organisations.md; the `organisation_legal_form_check` constraint lists the same codes. */
export const LEGAL_FORMS = [
  'ASSOCIATION_1901',
  'SCIC',
  'SCOP',
  'SAS_ESUS',
  'MUTUELLE',
  'FONDATION',
  'COLLECTIVITE_TERRITORIALE',
  'ETABLISSEMENT_PUBLIC',
  'OTHER',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  ASSOCIATION_1901: 'Association loi 1901',
  SCIC: "Société coopérative d'intérêt collectif (SCIC)",
  SCOP: 'Société coopérative et participative (SCOP)',
  SAS_ESUS: 'SAS agréée ESUS',
  MUTUELLE: 'Mutuelle',
  FONDATION: 'Fondation',
  COLLECTIVITE_TERRITORIALE: 'Collectivité territoriale',
  ETABLISSEMENT_PUBLIC: 'Établissement public',
  OTHER: 'Autre forme juridique',
};

/** Category used for the advance (exemptions differ for collectivités, OPCO and State operators). */
export const ADVANCE_CATEGORIES = ['COLLECTIVITE', 'OPCO', 'STATE_OPERATOR', 'OTHER'] as const;
export type AdvanceCategory = (typeof ADVANCE_CATEGORIES)[number];

export const ADVANCE_CATEGORY_LABELS: Record<AdvanceCategory, string> = {
  COLLECTIVITE: 'Collectivité territoriale',
  OPCO: 'Opérateur de compétences (OPCO)',
  STATE_OPERATOR: "Opérateur de l'État",
  OTHER: 'Autre',
};

export type MemberRole = 'OWNER' | 'MEMBER';

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = { OWNER: 'Responsable', MEMBER: 'Membre' };

/**
 * Why a département code is invalid, in French, or `null`: 01 to 95 and 2A/2B (metropolitan France, with Corsica
 * split since 1976, so "20" is refused), 971 to 976 (overseas). Same set as `organisation_departement_check`, minus 20.
 */
export function departementProblem(code: string): string | null {
  if (code === '20') return 'La Corse est divisée en deux départements : indiquez 2A ou 2B.';
  if (!/^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/.test(code)) {
    return 'Code de département invalide : deux chiffres (ex. 69), 2A ou 2B pour la Corse, trois chiffres pour l’outre-mer (971 à 976).';
  }
  return null;
}

/** Why a French postal code is invalid, or `null`: five digits. */
export function postalCodeProblem(code: string): string | null {
  return /^\d{5}$/.test(code) ? null : 'Le code postal doit comporter 5 chiffres.';
}

export const ROLES = ['APPLICANT', 'INSTRUCTOR', 'EVALUATOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  APPLICANT: 'Porteur de projet',
  INSTRUCTOR: 'Instructeur',
  EVALUATOR: 'Évaluateur',
  PROGRAMME_MANAGER: 'Gestionnaire',
  MANAGING_AUTHORITY: 'Autorité de gestion',
  ADMINISTRATOR: 'Administrateur',
};

export const STAFF_ROLES: readonly Role[] = ['INSTRUCTOR', 'EVALUATOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'];

/** Who instructs dossiers (docs/domain/admissibility.md, eligibility.md, lifecycle.md): admissibility, eligibility, the workspace and the instruction report. */
export const INSTRUCTION_STAFF: readonly Role[] = ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'];

/** Who drafts and publishes calls, and so the only ones who see a call before its publication. */
export const CALL_MANAGERS: readonly Role[] = ['PROGRAMME_MANAGER'];

/** Staff who read any organisation; an evaluator reads only those whose dossier is assigned to them. */
export const ORGANISATION_READERS: readonly Role[] = ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'];

/**
 * Who validates payment orders (CPR Annex XI, separated functions): never the person who proposed the payment nor the
 * one who verified the expenditure it pays (docs/domain/payments.md).
 */
export const PAYMENT_VALIDATORS: readonly Role[] = ['PROGRAMME_MANAGER', 'ADMINISTRATOR'];

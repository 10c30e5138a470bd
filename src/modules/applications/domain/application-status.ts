import { DomainError } from '../../../common/errors/domain-error';

export const APPLICATION_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'ADMISSIBLE',
  'INCOMPLETE',
  'INADMISSIBLE',
  'UNDER_INSTRUCTION',
  'INSTRUCTED',
  'UNDER_EVALUATION',
  'IN_COMMITTEE',
  'AWARD_PROPOSED',
  'PROGRAMMED',
  'REFUSED',
  'POSTPONED',
  'CONVENTION_ISSUED',
  'WITHDRAWN',
  'CONVENTION_SIGNED',
  'IN_PROGRESS',
  'RENOUNCED',
  'CLOSED',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  DRAFT: 'Brouillon',
  SUBMITTED: 'Déposé',
  ADMISSIBLE: 'Recevable',
  INCOMPLETE: 'Incomplet',
  INADMISSIBLE: 'Irrecevable',
  UNDER_INSTRUCTION: 'En instruction',
  INSTRUCTED: 'Instruit',
  UNDER_EVALUATION: 'En évaluation',
  IN_COMMITTEE: 'En comité de programmation',
  AWARD_PROPOSED: 'Montant réduit proposé',
  PROGRAMMED: 'Programmé',
  REFUSED: 'Refusé',
  POSTPONED: 'Ajourné',
  CONVENTION_ISSUED: 'Convention émise',
  WITHDRAWN: 'Retiré',
  CONVENTION_SIGNED: 'Convention signée',
  IN_PROGRESS: "En cours d'exécution",
  RENOUNCED: 'Renoncé',
  CLOSED: 'Clôturé',
};

/**
 * The one transition table of a dossier (docs/domain/lifecycle.md). WITHDRAWN is reachable from every state before a definitive
 * decision; POSTPONED (ajourné) is not definitive, so it can still be withdrawn.
 */
const TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  DRAFT: ['SUBMITTED', 'WITHDRAWN'],
  SUBMITTED: ['ADMISSIBLE', 'INCOMPLETE', 'INADMISSIBLE', 'WITHDRAWN'],
  // INADMISSIBLE too: complements not received by the due date make the dossier inadmissible.
  INCOMPLETE: ['SUBMITTED', 'INADMISSIBLE', 'WITHDRAWN'],
  ADMISSIBLE: ['UNDER_INSTRUCTION', 'WITHDRAWN'],
  UNDER_INSTRUCTION: ['INSTRUCTED', 'WITHDRAWN'],
  // Straight to committee when the instruction report is défavorable (ineligible dossiers are never ranked).
  INSTRUCTED: ['UNDER_EVALUATION', 'IN_COMMITTEE', 'WITHDRAWN'],
  UNDER_EVALUATION: ['IN_COMMITTEE', 'WITHDRAWN'],
  // A reduced favorable amount is a proposal the beneficiary accepts (with a revised plan) or refuses (docs/domain/committee.md).
  IN_COMMITTEE: ['PROGRAMMED', 'AWARD_PROPOSED', 'REFUSED', 'POSTPONED', 'WITHDRAWN'],
  AWARD_PROPOSED: ['PROGRAMMED', 'RENOUNCED'],
  POSTPONED: ['UNDER_INSTRUCTION', 'WITHDRAWN'],
  // Execution: the beneficiary may renounce the aid until the operation has started.
  PROGRAMMED: ['CONVENTION_ISSUED', 'RENOUNCED'],
  CONVENTION_ISSUED: ['CONVENTION_SIGNED', 'RENOUNCED'],
  CONVENTION_SIGNED: ['IN_PROGRESS', 'RENOUNCED'],
  IN_PROGRESS: ['CLOSED'],
  RENOUNCED: [],
  CLOSED: [],
  REFUSED: [],
  INADMISSIBLE: [],
  WITHDRAWN: [],
};

/** `true` when `value` is one of {@link APPLICATION_STATUSES}. */
export function isApplicationStatus(value: string): value is ApplicationStatus {
  return (APPLICATION_STATUSES as readonly string[]).includes(value);
}

/** The statuses a dossier in `from` may move to, in table order (empty for a terminal status). */
export function allowedTransitions(from: ApplicationStatus): readonly ApplicationStatus[] {
  return TRANSITIONS[from] ?? [];
}

/** `true` when the table allows `from → to`. A status never transitions to itself. */
export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return allowedTransitions(from).includes(to);
}

/** `true` when no transition leaves `status`. */
export function isTerminalStatus(status: ApplicationStatus): boolean {
  return allowedTransitions(status).length === 0;
}

/**
 * Throws `DomainError('INVALID_STATUS_TRANSITION')` (409) unless the table allows `from → to`.
 * The repository still guards the write with `WHERE status = :from` against concurrent changes.
 */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (canTransition(from, to)) return;
  const allowed = allowedTransitions(from);
  const label = (s: string) => (isApplicationStatus(s) ? `« ${APPLICATION_STATUS_LABELS[s]} »` : `« ${s} »`);
  throw new DomainError('INVALID_STATUS_TRANSITION', `Le dossier ne peut pas passer du statut ${label(from)} au statut ${label(to)}.`, {
    from,
    to,
    allowed: [...allowed],
  });
}

import { DomainError } from '../../../common/errors/domain-error';

export const SESSION_STATUSES = ['PLANNED', 'OPEN', 'CLOSED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const MEMBER_ROLES = ['CHAIR', 'MEMBER'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const SESSION_STATUS_LABELS: Readonly<Record<SessionStatus, string>> = { PLANNED: 'Programmée', OPEN: 'En cours', CLOSED: 'Close' };
export const MEMBER_ROLE_LABELS: Readonly<Record<MemberRole, string>> = { CHAIR: 'Président·e', MEMBER: 'Membre' };

/** What each step of a session needs (docs/domain/committee.md): the agenda is frozen before opening; decisions happen while open. */
export type SessionAction = 'FREEZE_AGENDA' | 'SET_PRESENCE' | 'OPEN' | 'RECUSE' | 'DECIDE' | 'CLOSE';

const ALLOWED: Readonly<Record<SessionAction, readonly SessionStatus[]>> = {
  FREEZE_AGENDA: ['PLANNED'],
  SET_PRESENCE: ['PLANNED', 'OPEN'],
  OPEN: ['PLANNED'],
  RECUSE: ['PLANNED', 'OPEN'],
  DECIDE: ['OPEN'],
  CLOSE: ['OPEN'],
};

const MESSAGES: Readonly<Record<SessionAction, string>> = {
  FREEZE_AGENDA: "L'ordre du jour ne peut être arrêté que sur une séance programmée.",
  SET_PRESENCE: 'Les présences ne se modifient plus une fois la séance close.',
  OPEN: 'Seule une séance programmée peut être ouverte.',
  RECUSE: 'Les déports se déclarent avant la clôture de la séance.',
  DECIDE: 'Les décisions se prennent en séance ouverte.',
  CLOSE: 'Seule une séance ouverte peut être close.',
};

/** @throws DomainError COMMITTEE_SESSION_STATE when `action` is not possible in `status`. */
export function assertSessionAllows(status: SessionStatus, action: SessionAction): void {
  if (ALLOWED[action].includes(status)) return;
  throw new DomainError('COMMITTEE_SESSION_STATE', MESSAGES[action], { sessionStatus: status, action });
}

export interface OpeningCheck {
  itemCount: number;
}

/** Opening needs a frozen agenda; the quorum is checked separately with the counts. */
export function assertCanOpen(status: SessionStatus, check: OpeningCheck): void {
  assertSessionAllows(status, 'OPEN');
  if (check.itemCount === 0) {
    throw new DomainError('COMMITTEE_SESSION_STATE', "Arrêtez l'ordre du jour avant d'ouvrir la séance.", { sessionStatus: status, action: 'OPEN' });
  }
}

/** Closing needs every item decided: an undecided dossier would stay « en comité » with no way out. */
export function assertCanClose(status: SessionStatus, pendingNumbers: readonly string[]): void {
  assertSessionAllows(status, 'CLOSE');
  if (pendingNumbers.length > 0) {
    throw new DomainError(
      'COMMITTEE_SESSION_STATE',
      `Chaque dossier inscrit doit recevoir une décision avant la clôture (au besoin un ajournement) : ${pendingNumbers.join(', ')}.`,
      { sessionStatus: status, action: 'CLOSE', pending: [...pendingNumbers] },
    );
  }
}

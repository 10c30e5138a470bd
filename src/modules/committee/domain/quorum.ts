import { DomainError } from '../../../common/errors/domain-error';

export interface MemberPresence {
  userId: string;
  present: boolean;
}

export interface QuorumCount {
  /** Members present in the room. */
  present: number;
  /** Present members who left this item for a conflict of interest. */
  recusedPresent: number;
  /** Present members who take part in the deliberation: `present − recusedPresent`. */
  voting: number;
  required: number;
  reached: boolean;
}

/**
 * Counts the quorum of a session, or of one item when `recusedUserIds` is given: a member who left the item for a
 * conflict of interest is present in the room but does not count for that item (docs/domain/committee.md).
 */
export function countQuorum(members: readonly MemberPresence[], quorum: number, recusedUserIds: readonly string[] = []): QuorumCount {
  const recused = new Set(recusedUserIds);
  const present = members.filter((m) => m.present);
  const recusedPresent = present.filter((m) => recused.has(m.userId)).length;
  const voting = present.length - recusedPresent;
  return { present: present.length, recusedPresent, voting, required: quorum, reached: voting >= quorum };
}

/** @throws DomainError QUORUM_NOT_REACHED with the counts, so the page can say how many members are missing. */
export function assertQuorum(count: QuorumCount, scope: 'session' | 'item'): void {
  if (count.reached) return;
  const missing = count.required - count.voting;
  const recused = count.recusedPresent > 0 ? `, dont ${count.recusedPresent} déporté(s) sur ce dossier` : '';
  const where = scope === 'session' ? 'pour ouvrir la séance' : 'pour délibérer sur ce dossier';
  throw new DomainError(
    'QUORUM_NOT_REACHED',
    `Quorum non atteint ${where} : ${count.voting} membre(s) délibérant(s) sur ${count.required} requis (${count.present} présent(s)${recused}) ; il en manque ${missing}.`,
    { scope, present: count.present, recusedPresent: count.recusedPresent, voting: count.voting, required: count.required },
  );
}

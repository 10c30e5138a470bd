import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { CommitteeRepository, type MemberRow, type SessionRow } from './committee.repository';

export const sessionNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cette séance n'existe pas ou ne vous est pas accessible.");

/** Programme managers and administrators run every session; other staff see only the sessions they sit on. */
export function managesCommittees(user: AuthUser): boolean {
  return user.roles.includes('PROGRAMME_MANAGER') || user.roles.includes('ADMINISTRATOR');
}

/** Object-level access to a session; anything not allowed is a 404, as if the session did not exist. */
@Injectable()
export class CommitteeAccess {
  constructor(private readonly committee: CommitteeRepository) {}

  /** Managers, or members of the session. */
  async forRead(user: AuthUser, sessionId: string, em?: EntityManager, lock = false): Promise<{ session: SessionRow; members: MemberRow[] }> {
    const session = await this.committee.findSession(sessionId, em, lock);
    if (!session) throw sessionNotFound();
    const members = await this.committee.members(sessionId, em);
    if (!managesCommittees(user) && !members.some((m) => m.userId === user.id)) throw sessionNotFound();
    return { session, members };
  }

  /** Managers only (the route already requires the role; this keeps the 404 for an unknown session). */
  async forManage(user: AuthUser, sessionId: string, em?: EntityManager, lock = false): Promise<{ session: SessionRow; members: MemberRow[] }> {
    if (!managesCommittees(user)) throw sessionNotFound();
    return this.forRead(user, sessionId, em, lock);
  }

  /** Decisions are recorded by a manager or by the chair of the session. */
  async forDecision(user: AuthUser, sessionId: string, em: EntityManager): Promise<{ session: SessionRow; members: MemberRow[] }> {
    const found = await this.forRead(user, sessionId, em, true);
    const chair = found.members.some((m) => m.userId === user.id && m.role === 'CHAIR');
    if (!managesCommittees(user) && !chair) throw new DomainError('FORBIDDEN', 'Seuls le président de séance et les gestionnaires enregistrent les décisions.');
    return found;
  }
}

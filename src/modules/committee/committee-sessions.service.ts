import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import type { AuthUser } from '../auth/auth-context';
import { STAFF_ROLES, type Role } from '../auth/roles';
import { CommitteeAccess, managesCommittees } from './committee-access';
import { CommitteeDocuments } from './committee-documents';
import { CommitteeRepository, type SessionRow } from './committee.repository';
import { assertQuorum, countQuorum } from './domain/quorum';
import { assertCanClose, assertCanOpen, assertSessionAllows } from './domain/session';
import type { CreateSessionDto } from './dto/create-session.dto';

const callNotFound = () => new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas ou ne vous est pas accessible.");

export interface SessionSummary {
  id: string;
  callId: string;
  callReference: string;
  callTitle: string;
  title: string;
  scheduledAt: string;
  location: string | null;
  quorum: number;
  status: string;
}

/**
 * Committee sessions (docs/domain/committee.md): creation with members and quorum, presence, opening under quorum, closing once
 * every item is decided. Each change is one transaction with its audit row last.
 */
@Injectable()
export class CommitteeSessionsService {
  constructor(
    private readonly access: CommitteeAccess,
    private readonly audit: AuditService,
    private readonly committee: CommitteeRepository,
    private readonly dataSource: DataSource,
    private readonly documents: CommitteeDocuments,
    private readonly relay: OutboxRelay,
  ) {}

  async create(callId: string, dto: CreateSessionDto, actor: Actor): Promise<string> {
    return this.dataSource.transaction(async (em) => {
      const call = await this.committee.findCall(callId, em);
      if (!call) throw callNotFound();
      await this.assertMembers(dto);
      const location = dto.location?.trim() || null;
      const id = await this.committee.insertSession(em, {
        callId,
        title: dto.title.trim(),
        scheduledAt: new Date(dto.scheduledAt),
        location,
        quorum: dto.quorum,
        createdBy: actor.userId,
      });
      await this.committee.insertMembers(em, id, dto.members);
      await this.audit.record(em, actor, {
        action: 'committee.session_created',
        subjectType: 'committee_session',
        subjectId: id,
        after: { callId, title: dto.title.trim(), scheduledAt: dto.scheduledAt, location, quorum: dto.quorum, members: dto.members },
      });
      return id;
    });
  }

  async list(user: AuthUser, callId?: string): Promise<SessionSummary[]> {
    if (callId && !(await this.committee.findCall(callId))) throw callNotFound();
    const rows = await this.committee.listSessions({ callId, memberId: managesCommittees(user) ? undefined : user.id });
    return rows.map((s) => ({ ...summaryOf(s), callReference: s.callReference, callTitle: s.callTitle }));
  }

  async setPresence(user: AuthUser, actor: Actor, sessionId: string, userId: string, present: boolean): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { session, members } = await this.access.forManage(user, sessionId, em, true);
      assertSessionAllows(session.status, 'SET_PRESENCE');
      const member = members.find((m) => m.userId === userId);
      if (!member) throw new DomainError('NOT_FOUND', "Cette personne n'est pas membre de la séance.");
      if (member.present === present) return;
      await this.committee.setPresence(em, sessionId, userId, present);
      await this.committee.bumpSession(em, sessionId);
      await this.audit.record(em, actor, {
        action: 'committee.presence_changed',
        subjectType: 'committee_session',
        subjectId: sessionId,
        before: { userId, present: member.present },
        after: { userId, present },
      });
    });
  }

  /** Opening needs a frozen agenda and the quorum of present members (docs/domain/committee.md). */
  async open(user: AuthUser, actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { session, members } = await this.access.forManage(user, sessionId, em, true);
      const items = await this.committee.items(sessionId, em);
      assertCanOpen(session.status, { itemCount: items.length });
      const quorum = countQuorum(members, session.quorum);
      assertQuorum(quorum, 'session');
      if (!(await this.committee.changeSessionStatus(em, sessionId, 'PLANNED', 'OPEN'))) throw stale();
      await this.audit.record(em, actor, {
        action: 'committee.session_opened',
        subjectType: 'committee_session',
        subjectId: sessionId,
        before: { status: session.status },
        after: { status: 'OPEN', present: members.filter((m) => m.present).map((m) => m.userId), quorum: session.quorum },
      });
    });
  }

  async close(user: AuthUser, actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { session } = await this.access.forManage(user, sessionId, em, true);
      const [items, decisions] = await Promise.all([this.committee.items(sessionId, em), this.committee.decisions(sessionId, em)]);
      const decided = new Set(decisions.map((d) => d.applicationId));
      // A dossier withdrawn by its applicant while on the agenda needs no decision.
      assertCanClose(
        session.status,
        items.filter((i) => !decided.has(i.applicationId) && i.applicationStatus === 'IN_COMMITTEE').map((i) => i.number),
      );
      if (!(await this.committee.changeSessionStatus(em, sessionId, 'OPEN', 'CLOSED'))) throw stale();
      await this.documents.sessionClosed(em, sessionId);
      await this.audit.record(em, actor, {
        action: 'committee.session_closed',
        subjectType: 'committee_session',
        subjectId: sessionId,
        before: { status: session.status },
        after: { status: 'CLOSED', decisions: decisions.length },
      });
    });
    this.relay.kick();
  }

  /** Members are staff users, each once, active, with exactly one chair; the quorum cannot exceed them. */
  private async assertMembers(dto: CreateSessionDto): Promise<void> {
    const errors: FieldError[] = [];
    const ids = dto.members.map((m) => m.userId);
    const users = new Map((await this.committee.findUsers(ids)).map((u) => [u.id, u]));
    dto.members.forEach((m, i) => {
      const u = users.get(m.userId);
      if (ids.indexOf(m.userId) !== i)
        errors.push({ path: `members[${i}].userId`, code: 'DUPLICATE_MEMBER', message: 'Cette personne figure déjà parmi les membres.' });
      else if (!u || !u.isActive || !u.roles.some((r) => STAFF_ROLES.includes(r as Role))) {
        errors.push({ path: `members[${i}].userId`, code: 'NOT_STAFF', message: 'Les membres du comité sont des agents disposant d’un compte actif.' });
      }
    });
    if (dto.members.filter((m) => m.role === 'CHAIR').length !== 1) {
      errors.push({ path: 'members', code: 'ONE_CHAIR', message: 'La séance a un et un seul président.' });
    }
    if (dto.quorum > dto.members.length) {
      errors.push({
        path: 'quorum',
        code: 'QUORUM_ABOVE_MEMBERS',
        message: `Le quorum (${dto.quorum}) ne peut dépasser le nombre de membres (${dto.members.length}).`,
      });
    }
    if (errors.length) throw new DomainError('VALIDATION_FAILED', 'La séance ne peut pas être créée.', { errors });
  }
}

export function summaryOf(s: SessionRow): Omit<SessionSummary, 'callReference' | 'callTitle'> {
  return {
    id: s.id,
    callId: s.callId,
    title: s.title,
    scheduledAt: new Date(s.scheduledAt).toISOString(),
    location: s.location,
    quorum: s.quorum,
    status: s.status,
  };
}

function stale(): DomainError {
  return new DomainError('COMMITTEE_SESSION_STATE', "L'état de la séance a changé entre-temps. Rechargez la page.");
}

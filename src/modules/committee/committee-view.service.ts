import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-context';
import { AUTOMATIC_RECUSAL_REASON } from './committee-agenda.use-case';
import { CommitteeAccess, managesCommittees } from './committee-access';
import { summaryOf, type SessionSummary } from './committee-sessions.service';
import { CommitteeRepository, type DecisionRow, type RecusalRow } from './committee.repository';
import { envelopeUse, type EnvelopeUse } from './domain/envelope';
import { countQuorum, type QuorumCount } from './domain/quorum';
import { reserveOffer, type ReserveOffer } from './domain/reserve-offer';

export interface SessionItemView {
  applicationId: string;
  number: string;
  title: string | null;
  organisationName: string;
  applicationStatus: string;
  position: number;
  rank: number | null;
  rankingStatus: string | null;
  total: string | null;
  euCents: number;
  explanation: string | null;
  recusals: { userId: string; kind: string; reason: string }[];
  quorum: QuorumCount;
  decision: Omit<DecisionRow, 'applicationId'> | null;
}

export interface SessionDetail extends Omit<SessionSummary, 'callReference' | 'callTitle'> {
  version: number;
  fillRemainder: boolean;
  openedAt: string | null;
  closedAt: string | null;
  call: { id: string; reference: string; title: string };
  members: { userId: string; displayName: string; role: string; present: boolean }[];
  quorumStatus: QuorumCount;
  items: SessionItemView[];
  /** Position of the last FUNDED item: the funding line is drawn below it. */
  fundingLineAfterPosition: number | null;
  envelope: EnvelopeUse;
  reserveOffer: ReserveOffer;
  /** What the caller may do here, for the pages. */
  can: { manage: boolean; decide: boolean };
}

/** Reads a session with everything the committee needs on one screen (docs/domain/evaluation.md, committee.md). */
@Injectable()
export class CommitteeViewService {
  constructor(
    private readonly access: CommitteeAccess,
    private readonly committee: CommitteeRepository,
  ) {}

  async detail(user: AuthUser, sessionId: string): Promise<SessionDetail> {
    const { session, members } = await this.access.forRead(user, sessionId);
    const [call, items, decisions, recusals, conflicts, consumed] = await Promise.all([
      this.committee.findCall(session.callId),
      this.committee.items(sessionId),
      this.committee.decisions(sessionId),
      this.committee.recusals(sessionId),
      this.committee.organisationConflicts(sessionId),
      this.committee.consumedCents(session.callId),
    ]);
    const byApp = new Map(decisions.map((d) => [d.applicationId, d]));
    const views = items.map((i): SessionItemView => {
      const itemRecusals = recusalsOf(i.applicationId, recusals, conflicts);
      const recusedIds = [...new Set([...i.recusedUserIds, ...itemRecusals.map((r) => r.userId)])];
      const d = byApp.get(i.applicationId);
      return {
        applicationId: i.applicationId,
        number: i.number,
        title: i.title,
        organisationName: i.organisationName,
        applicationStatus: i.applicationStatus,
        position: i.position,
        rank: i.rank,
        rankingStatus: i.rankingStatus,
        total: i.total,
        euCents: i.euCents,
        explanation: i.explanation,
        recusals: itemRecusals,
        quorum: countQuorum(members, session.quorum, recusedIds),
        decision: d
          ? {
              id: d.id,
              outcome: d.outcome,
              euCents: d.euCents,
              conditions: d.conditions,
              reasonCode: d.reasonCode,
              reason: d.reason,
              requests: d.requests,
              decidedBy: d.decidedBy,
              decidedAt: d.decidedAt,
            }
          : null,
      };
    });
    const envelopeCents = call?.envelopeCents ?? 0;
    const funded = views.filter((v) => v.rankingStatus === 'FUNDED');
    const chair = members.some((m) => m.userId === user.id && m.role === 'CHAIR');
    return {
      ...summaryOf(session),
      version: session.version,
      fillRemainder: session.fillRemainder,
      openedAt: session.openedAt ? new Date(session.openedAt).toISOString() : null,
      closedAt: session.closedAt ? new Date(session.closedAt).toISOString() : null,
      call: { id: session.callId, reference: call?.reference ?? '', title: call?.title ?? '' },
      members,
      quorumStatus: countQuorum(members, session.quorum),
      items: views,
      fundingLineAfterPosition: funded.length ? Math.max(...funded.map((v) => v.position)) : null,
      envelope: envelopeUse(envelopeCents, consumed),
      reserveOffer: reserveOffer(
        // A dossier withdrawn while on the agenda is settled: its money is free, it is offered nothing.
        views.map((v) => ({
          applicationId: v.applicationId,
          rank: v.rank,
          rankingStatus: v.rankingStatus,
          euCents: v.euCents,
          outcome: v.decision?.outcome ?? (v.applicationStatus === 'WITHDRAWN' ? 'WITHDRAWN' : null),
        })),
        envelopeCents,
        consumed,
        session.fillRemainder,
      ),
      can: { manage: managesCommittees(user), decide: managesCommittees(user) || chair },
    };
  }

  async reserveOffer(user: AuthUser, sessionId: string): Promise<ReserveOffer & { envelope: EnvelopeUse; fillRemainder: boolean }> {
    const d = await this.detail(user, sessionId);
    const numbers = new Map(d.items.map((i) => [i.applicationId, i]));
    return {
      ...d.reserveOffer,
      offers: d.reserveOffer.offers.map((o) => ({ ...o, number: numbers.get(o.applicationId)?.number, title: numbers.get(o.applicationId)?.title })),
      envelope: d.envelope,
      fillRemainder: d.fillRemainder,
    };
  }
}

function recusalsOf(applicationId: string, recusals: readonly RecusalRow[], conflicts: readonly { applicationId: string; userId: string }[]) {
  const out = recusals.filter((r) => r.applicationId === applicationId).map((r) => ({ userId: r.userId, kind: r.kind, reason: r.reason }));
  for (const c of conflicts) {
    if (c.applicationId === applicationId && !out.some((r) => r.userId === c.userId))
      out.push({ userId: c.userId, kind: 'AUTOMATIC', reason: AUTOMATIC_RECUSAL_REASON });
  }
  return out;
}

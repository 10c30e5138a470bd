import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { DomainError } from '../../common/errors/domain-error';
import { ApplicationReader } from '../applications/application-reader.service';
import { assertTransition } from '../applications/domain/application-status';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import { requireCallClosed } from '../calls/call-closure.guard';
import { staleVersion, versionFromIfMatch } from '../../common/http/etag';
import type { AuthUser } from '../auth/auth-context';
import { AUTOMATIC_RECUSAL_REASON } from './committee-agenda.use-case';
import { CommitteeAccess, managesCommittees, sessionNotFound } from './committee-access';
import { CommitteeDocuments } from './committee-documents';
import { CommitteeRepository, type ItemRow, type SessionRow } from './committee.repository';
import { decide, OUTCOME_LABELS, REASON_LABELS } from './domain/decision';
import { assertFitsEnvelope, envelopeUse } from './domain/envelope';
import { assertQuorum, countQuorum } from './domain/quorum';
import { answerDueDate } from './domain/award-proposal';
import { parisDate } from '../applications/domain/application-number';
import { AwardProposalRepository } from './award-proposal.repository';
import { assertSessionAllows } from './domain/session';
import type { DecisionDto } from './dto/session-actions.dto';

const itemNotFound = () => new DomainError('NOT_FOUND', "Ce dossier n'est pas inscrit à l'ordre du jour de cette séance.");

export interface RecordedDecision {
  decisionId: string;
  applicationId: string;
  outcome: string;
  euCents: number | null;
  status: string;
  planVersionNo: number | null;
}

/**
 * Recusals and decisions of a session (docs/domain/committee.md). A decision is one transaction: the quorum of the item (recused
 * members excluded), the decision row, the status change with its history, an award proposal for a reduced amount
 * (docs/domain/committee.md), the envelope check under a per-call lock, the document requests, and the audit row last.
 */
@Injectable()
export class CommitteeDecisionsUseCase {
  constructor(
    private readonly access: CommitteeAccess,
    private readonly applications: ApplicationReader,
    private readonly audit: AuditService,
    private readonly committee: CommitteeRepository,
    private readonly dataSource: DataSource,
    private readonly documents: CommitteeDocuments,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly proposals: AwardProposalRepository,
    private readonly relay: OutboxRelay,
  ) {}

  /** A member declares a conflict on one item (a manager may record it for them). Declaring twice changes nothing. */
  async recuse(user: AuthUser, actor: Actor, sessionId: string, applicationId: string, userId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const { session, members } = await this.access.forRead(user, sessionId, em, true);
      if (!managesCommittees(user) && user.id !== userId) throw new DomainError('FORBIDDEN', 'Chaque membre déclare lui-même ses conflits d’intérêts.');
      assertSessionAllows(session.status, 'RECUSE');
      if (!members.some((m) => m.userId === userId)) throw new DomainError('NOT_FOUND', "Cette personne n'est pas membre de la séance.");
      const item = await this.committee.findItem(sessionId, applicationId, em, true);
      if (!item) throw itemNotFound();
      if (await this.committee.findDecision(sessionId, applicationId, em)) throw decided(item);
      const added = await this.committee.insertRecusal(em, {
        sessionId,
        applicationId,
        userId,
        kind: 'DECLARED',
        reason: reason.trim(),
        recordedBy: actor.userId,
      });
      if (!added) return;
      await this.committee.bumpSession(em, sessionId);
      await this.audit.record(em, actor, {
        action: 'committee.recusal_declared',
        subjectType: 'committee_session',
        subjectId: sessionId,
        after: { applicationId, userId, reason: reason.trim() },
      });
    });
  }

  /**
   * `ifMatch`: the session's ETag the decider read (docs/api.md); every decision and recusal moves it. Checked after
   * the object-level access, so an outsider still gets the 404.
   */
  async decide(
    user: AuthUser,
    actor: Actor,
    sessionId: string,
    applicationId: string,
    dto: DecisionDto,
    ifMatch: string | undefined,
  ): Promise<RecordedDecision> {
    const recorded = await this.dataSource.transaction(async (em) => {
      const { session, members } = await this.access.forDecision(user, sessionId, em);
      const expectedVersion = versionFromIfMatch(ifMatch);
      assertSessionAllows(session.status, 'DECIDE');
      await requireCallClosed(em, session.callId);
      if (session.version !== expectedVersion) throw staleVersion('La séance');
      const item = await this.committee.findItem(sessionId, applicationId, em, true);
      if (!item) throw itemNotFound();
      if (await this.committee.findDecision(sessionId, applicationId, em)) throw decided(item);

      const recused = await this.recusedOn(em, session, item);
      if (recused.includes(user.id)) {
        throw new DomainError('COMMITTEE_MEMBER_RECUSED', `Vous vous êtes déporté(e) sur le dossier ${item.number} : un autre membre enregistre la décision.`);
      }
      assertQuorum(countQuorum(members, session.quorum, recused), 'item');

      const plan = await this.committee.retainedPlan(applicationId, em);
      if (!plan) throw new DomainError('BUSINESS_RULE_VIOLATED', `Le dossier ${item.number} n'a pas de plan de financement retenu.`);
      const decision = decide(dto, { rankingStatus: item.rankingStatus, retainedEuCents: plan.euCents });

      let consumedAfter: number | null = null;
      if (decision.outcome === 'FAVORABLE') {
        const call = await this.committee.findCall(session.callId, em);
        if (!call) throw sessionNotFound();
        await this.committee.lockEnvelope(em, session.callId);
        const use = envelopeUse(call.envelopeCents, await this.committee.consumedCents(session.callId, em));
        assertFitsEnvelope(use, decision.euCents!);
        consumedAfter = use.consumedCents + decision.euCents!;
      }

      const app = await this.applications.findById(applicationId, em, true);
      if (!app) throw itemNotFound();
      assertTransition(app.status, decision.status);

      const planVersionNo: number | null = null;

      const decisionId = await this.committee.insertDecision(em, { sessionId, applicationId, ...decision, decidedBy: user.id });
      // A reduction is a proposal: the beneficiary answers it (award-proposal.service.ts) before any convention.
      const proposal = decision.reduced
        ? await this.proposals.open(em, {
            applicationId,
            decisionId,
            retainedEuCents: plan.euCents,
            proposedEuCents: decision.euCents!,
            answerDueDate: answerDueDate(parisDate(new Date())),
          })
        : null;
      const why =
        decision.outcome === 'DEFAVORABLE'
          ? ` (${REASON_LABELS[decision.reasonCode!]}) : ${decision.reason}`
          : decision.outcome === 'POSTPONED'
            ? ` : ${decision.requests}`
            : '';
      await this.committee.bumpSession(em, sessionId);
      await this.documents.decisionRecorded(em, decisionId, { convention: decision.status === 'PROGRAMMED' });
      await this.lifecycle.transition(em, {
        id: applicationId,
        from: 'IN_COMMITTEE',
        to: decision.status,
        actor,
        reason: `${OUTCOME_LABELS[decision.outcome]}${why}`,
        audit: {
          action: 'committee.decision_recorded',
          before: { euCents: plan.euCents, planVersionNo: plan.versionNo },
          after: {
            sessionId,
            decisionId,
            outcome: decision.outcome,
            euCents: decision.euCents,
            reasonCode: decision.reasonCode,
            planVersionNo,
            proposal,
            recused,
            envelopeConsumedCents: consumedAfter,
          },
        },
      });
      return { decisionId, applicationId, outcome: decision.outcome, euCents: decision.euCents, status: decision.status, planVersionNo };
    });
    // The document requests committed with the decision; the relay also polls, this only saves the wait.
    this.relay.kick();
    return recorded;
  }

  /**
   * Members recused on the item: declared ones, plus every member of the applicant organisation, recorded now as
   * automatic if the membership began after the agenda was frozen.
   */
  private async recusedOn(em: EntityManager, session: SessionRow, item: ItemRow): Promise<string[]> {
    const automatic = await this.committee.membersOfOrganisation(session.id, item.organisationId, em);
    for (const userId of automatic.filter((u) => !item.recusedUserIds.includes(u))) {
      await this.committee.insertRecusal(em, {
        sessionId: session.id,
        applicationId: item.applicationId,
        userId,
        kind: 'AUTOMATIC',
        reason: AUTOMATIC_RECUSAL_REASON,
        recordedBy: null,
      });
    }
    return [...new Set([...item.recusedUserIds, ...automatic])];
  }
}

function decided(item: ItemRow): DomainError {
  return new DomainError('COMMITTEE_ITEM_DECIDED', `Le comité a déjà statué sur le dossier ${item.number} dans cette séance.`);
}

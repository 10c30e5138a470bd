import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { ApplicationReader } from '../applications/application-reader.service';
import { isApplicationStatus } from '../applications/domain/application-status';
import { ApplicationLifecycle, type TransitionRequest } from '../applications/lifecycle/application-lifecycle';
import type { AuthUser } from '../auth/auth-context';
import { requireCallClosed } from '../calls/call-closure.guard';
import { RankingService } from '../evaluation/ranking.service';
import { CommitteeAccess } from './committee-access';
import { CommitteeRepository, type NewItem } from './committee.repository';
import { agendaOrder } from './domain/agenda';
import { assertSessionAllows } from './domain/session';

export const AUTOMATIC_RECUSAL_REASON = 'Membre de la structure porteuse du dossier (déport automatique).';

/**
 * Freezes the agenda of a planned session from the call's ranking (docs/domain/evaluation.md, committee.md) and moves each dossier to
 * IN_COMMITTEE, all in one transaction: the items keep the rank, status, total, EU amount and explanation of the
 * ranking at that moment, so later scores cannot change what the committee was shown. Below-threshold and
 * ineligible dossiers are listed after the ranked ones because they too need a decision (a refusal).
 * Dossiers the ranking reports as pending (no consensus yet…) are not scheduled.
 */
@Injectable()
export class CommitteeAgendaUseCase {
  constructor(
    private readonly access: CommitteeAccess,
    private readonly applications: ApplicationReader,
    private readonly audit: AuditService,
    private readonly committee: CommitteeRepository,
    private readonly dataSource: DataSource,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly ranking: RankingService,
  ) {}

  async freeze(user: AuthUser, actor: Actor, sessionId: string): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const { session } = await this.access.forManage(user, sessionId, em, true);
      assertSessionAllows(session.status, 'FREEZE_AGENDA');
      await requireCallClosed(em, session.callId);
      if ((await this.committee.items(sessionId, em)).length > 0) {
        throw new DomainError('COMMITTEE_SESSION_STATE', "L'ordre du jour de cette séance est déjà arrêté.", {
          sessionStatus: session.status,
          action: 'FREEZE_AGENDA',
        });
      }
      const ranking = await this.ranking.rankCall(session.callId, {}, em);
      const rows = agendaOrder(ranking.rows);
      if (rows.length === 0) {
        throw new DomainError('COMMITTEE_SESSION_STATE', "Aucun dossier instruit et classé n'est prêt pour cette séance.", {
          sessionStatus: session.status,
          action: 'FREEZE_AGENDA',
        });
      }
      const items: NewItem[] = [];
      const moves: TransitionRequest[] = [];
      for (const row of rows) {
        const app = await this.applications.findById(row.applicationId, em);
        if (!app || !isApplicationStatus(app.status)) continue;
        moves.push({ id: app.id, from: app.status, to: 'IN_COMMITTEE', actor, reason: `Inscrit à l'ordre du jour : ${session.title}` });
        items.push({
          applicationId: app.id,
          rank: row.rank,
          rankingStatus: row.status,
          total: row.total === null ? null : String(row.total),
          euCents: row.euAmountCents,
          explanation: row.explanation,
        });
      }
      await this.committee.insertItems(em, sessionId, items);
      await this.committee.setFillRemainder(em, sessionId, ranking.fillRemainder);
      for (const item of items) {
        const app = await this.applications.findById(item.applicationId, em);
        for (const userId of await this.committee.membersOfOrganisation(sessionId, app!.organisationId, em)) {
          await this.committee.insertRecusal(em, {
            sessionId,
            applicationId: item.applicationId,
            userId,
            kind: 'AUTOMATIC',
            reason: AUTOMATIC_RECUSAL_REASON,
            recordedBy: null,
          });
        }
      }
      await this.committee.bumpSession(em, sessionId);
      // Last, as the transitions write audit rows (the audit chain's lock is then held until commit).
      await this.lifecycle.transitionAll(em, moves);
      await this.audit.record(em, actor, {
        action: 'committee.agenda_frozen',
        subjectType: 'committee_session',
        subjectId: sessionId,
        after: {
          envelopeCents: ranking.envelopeCents,
          fillRemainder: ranking.fillRemainder,
          items: items.map((i) => ({ applicationId: i.applicationId, rank: i.rank, status: i.rankingStatus, euCents: i.euCents })),
          notScheduled: ranking.pending.map((p) => ({ applicationId: p.applicationId, reason: p.reason })),
        },
      });
      return items.length;
    });
  }
}

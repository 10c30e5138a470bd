import { Injectable } from '@nestjs/common';
import { planVersionTotals } from '../applications/financing-plan-version.sql';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { parisDate } from '../applications/domain/application-number';
import type { PlanResource } from '../applications/domain/application-content';
import { ApplicationLifecycle } from '../applications/lifecycle/application-lifecycle';
import type { AuthUser } from '../auth/auth-context';
import { ORGANISATION_READERS } from '../auth/roles';
import { frenchCalendarDate } from '../../common/fr';
import { formatEuros } from '../../common/money/cents';
import { AwardProposalRepository, type AwardProposalRow, type RetainedPlan } from './award-proposal.repository';
import { managesCommittees } from './committee-access';
import { CommitteeDocuments } from './committee-documents';
import { answerOpen, checkAwardPlan } from './domain/award-proposal';

const notFound = () => new DomainError('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");
const noProposal = () => new DomainError('NOT_FOUND', "Aucune proposition du comité n'attend de réponse sur ce dossier.");

export interface AwardProposalView {
  proposal: AwardProposalRow;
  dossier: { id: string; number: string | null; title: string | null; status: string; organisationName: string };
  /** The plan the committee reduced, and after an acceptance the beneficiary's revised plan. */
  retainedPlan: RetainedPlan;
  revisedPlan: RetainedPlan | null;
  /** Whether the beneficiary may still answer (pending, not past the due date). */
  open: boolean;
  canAnswer: boolean;
  /** A programme manager may record the lapse of an unanswered proposal after its due date. */
  lapsable: boolean;
}

export interface RevisedPlanInput {
  lines: { amountCents: number }[];
  resources: PlanResource[];
}

/**
 * The beneficiary's answer to a reduced award (docs/domain/committee.md). Accepting stores the revised plan as a new
 * plan version, checks it fits the proposal (co-financing rules, ESF+ at the proposed amount), moves the dossier
 * AWARD_PROPOSED → PROGRAMMED and requests the convention, in one transaction. Refusing is a renunciation
 * (AWARD_PROPOSED → RENOUNCED): the amount returns to the call's envelope. Staff read the proposal; only a member of
 * the applicant organisation answers it.
 */
@Injectable()
export class AwardProposalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: CommitteeDocuments,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly proposals: AwardProposalRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async get(user: AuthUser, applicationId: string, today = parisDate(new Date())): Promise<AwardProposalView> {
    const member = await this.proposals.isMember(applicationId, user.id);
    if (!member && !user.roles.some((r) => ORGANISATION_READERS.includes(r))) throw notFound();
    const dossier = await this.proposals.dossier(applicationId);
    if (!dossier) throw notFound();
    const proposal = await this.proposals.latest(applicationId);
    if (!proposal) throw noProposal();
    // The plan the committee reduced is the one just below the revised version, or the highest while pending.
    const retainedPlan = (await this.proposals.planVersion(applicationId, proposal.planVersionNo === null ? null : proposal.planVersionNo - 1))!;
    const revisedPlan = proposal.planVersionNo === null ? null : await this.proposals.planVersion(applicationId, proposal.planVersionNo);
    const open = proposal.status === 'PENDING' && dossier.status === 'AWARD_PROPOSED' && answerOpen(proposal.answerDueDate, today);
    const lapsable =
      managesCommittees(user) && proposal.status === 'PENDING' && dossier.status === 'AWARD_PROPOSED' && !answerOpen(proposal.answerDueDate, today);
    return { proposal, dossier, retainedPlan, revisedPlan, open, canAnswer: member && open, lapsable };
  }

  async accept(
    user: AuthUser,
    actor: Actor,
    applicationId: string,
    expectedVersion: number,
    input: RevisedPlanInput,
    today = parisDate(new Date()),
  ): Promise<{ status: 'PROGRAMMED'; planVersionNo: number; version: number }> {
    const result = await this.dataSource.transaction(async (em) => {
      const proposal = await this.pending(user, applicationId, expectedVersion, em);
      if (!answerOpen(proposal.answerDueDate, today)) {
        throw new DomainError(
          'AWARD_ANSWER_OVERDUE',
          `Le délai pour accepter la proposition du comité a expiré le ${frenchCalendarDate(proposal.answerDueDate)}. Vous pouvez encore la refuser ; contactez le service instructeur.`,
          { answerDueDate: proposal.answerDueDate },
        );
      }
      const retained = (await this.proposals.planVersion(applicationId, null, em))!;
      const stateAid = await this.proposals.submittedStateAid(applicationId, em);
      const { plan, lines, errors } = checkAwardPlan({ ...retained, stateAid }, proposal.proposedEuCents, input);
      if (!plan || errors.length) {
        throw new DomainError(
          'AWARD_PLAN_INVALID',
          `Le plan révisé ne correspond pas à la proposition du comité (${formatEuros(proposal.proposedEuCents)} de FSE+) : ${errors.length} point(s) à corriger.`,
          { errors },
        );
      }
      const planVersionNo = retained.versionNo + 1;
      await this.proposals.insertRevisedPlan(em, {
        applicationId,
        versionNo: planVersionNo,
        costOption: retained.costOption,
        flatRateBp: retained.flatRateBp,
        rateBp: retained.rateBp,
        lines,
        resources: input.resources,
        totals: planVersionTotals(plan),
        reason: `Plan révisé par le porteur après la réduction décidée en comité de programmation : ${proposal.sessionTitle}`,
        createdBy: user.id,
      });
      if (!(await this.proposals.accept(em, proposal.id, expectedVersion, planVersionNo, user.id))) throw staleVersion('La proposition');
      await this.documents.awardAccepted(em, applicationId, proposal.decisionId);
      const moved = await this.lifecycle.transition(em, {
        id: applicationId,
        from: 'AWARD_PROPOSED',
        to: 'PROGRAMMED',
        actor,
        reason: `Proposition du comité acceptée : plan révisé (version ${planVersionNo}) à ${formatEuros(proposal.proposedEuCents)} de FSE+`,
        audit: {
          action: 'committee.award_accepted',
          after: {
            proposalId: proposal.id,
            decisionId: proposal.decisionId,
            proposedEuCents: proposal.proposedEuCents,
            planVersionNo,
            totalEligibleCents: plan.totalEligibleCostsCents,
          },
        },
      });
      return { status: 'PROGRAMMED' as const, planVersionNo, version: moved.version };
    });
    // The convention request committed with the acceptance; the relay also polls, this only saves the wait.
    this.relay.kick();
    return result;
  }

  async refuse(
    user: AuthUser,
    actor: Actor,
    applicationId: string,
    expectedVersion: number,
    reason: string,
  ): Promise<{ status: 'RENOUNCED'; version: number }> {
    return this.dataSource.transaction(async (em) => {
      const proposal = await this.pending(user, applicationId, expectedVersion, em);
      const text = reason.trim();
      if (text.length < 10) {
        throw new DomainError('VALIDATION_FAILED', 'Indiquez le motif du refus.', {
          errors: [{ path: 'reason', code: 'REQUIRED', message: 'Indiquez pourquoi vous refusez la proposition (10 caractères au moins).' }],
        });
      }
      if (!(await this.proposals.refuse(em, proposal.id, expectedVersion, text, user.id))) throw staleVersion('La proposition');
      const moved = await this.lifecycle.transition(em, {
        id: applicationId,
        from: 'AWARD_PROPOSED',
        to: 'RENOUNCED',
        actor,
        reason: `Proposition du comité refusée par le porteur (renonciation) : ${text}`,
        audit: {
          action: 'committee.award_refused',
          after: { proposalId: proposal.id, decisionId: proposal.decisionId, releasedEuCents: proposal.proposedEuCents, reason: text },
        },
      });
      return { status: 'RENOUNCED' as const, version: moved.version };
    });
  }

  /**
   * After the due date without an answer, a programme manager records the lapse: the proposal is closed as refused
   * (« absence de réponse ») and the dossier goes AWARD_PROPOSED → RENOUNCED, releasing the amount. Not before the date.
   */
  async lapse(
    user: AuthUser,
    actor: Actor,
    applicationId: string,
    expectedVersion: number,
    today = parisDate(new Date()),
  ): Promise<{ status: 'RENOUNCED'; version: number }> {
    if (!managesCommittees(user)) throw notFound();
    return this.dataSource.transaction(async (em) => {
      const proposal = await this.proposals.latest(applicationId, em, true);
      const current = await this.lifecycle.current(em, applicationId);
      if (!proposal || proposal.status !== 'PENDING' || current?.status !== 'AWARD_PROPOSED') {
        throw new DomainError('INVALID_STATUS_TRANSITION', "Aucune proposition du comité n'attend de réponse sur ce dossier.", {
          currentStatus: current?.status ?? null,
        });
      }
      if (proposal.version !== expectedVersion) throw staleVersion('La proposition');
      if (answerOpen(proposal.answerDueDate, today)) {
        throw new DomainError(
          'CONFLICT',
          `Le porteur peut répondre jusqu'au ${frenchCalendarDate(proposal.answerDueDate)} : l'absence de réponse ne peut pas être constatée avant.`,
          { answerDueDate: proposal.answerDueDate },
        );
      }
      const reason = `Absence de réponse au ${frenchCalendarDate(proposal.answerDueDate)}, date limite de la proposition`;
      if (!(await this.proposals.refuse(em, proposal.id, expectedVersion, reason, user.id))) throw staleVersion('La proposition');
      const moved = await this.lifecycle.transition(em, {
        id: applicationId,
        from: 'AWARD_PROPOSED',
        to: 'RENOUNCED',
        actor,
        reason: `Proposition du comité sans réponse dans le délai : renonciation constatée (${reason})`,
        audit: {
          action: 'committee.award_lapsed',
          after: { proposalId: proposal.id, decisionId: proposal.decisionId, releasedEuCents: proposal.proposedEuCents, answerDueDate: proposal.answerDueDate },
        },
      });
      return { status: 'RENOUNCED' as const, version: moved.version };
    });
  }

  /** The pending proposal, locked, for a member of the applicant organisation; If-Match on the proposal's version. */
  private async pending(user: AuthUser, applicationId: string, expectedVersion: number, em: import('typeorm').EntityManager): Promise<AwardProposalRow> {
    if (!(await this.proposals.isMember(applicationId, user.id, em))) throw notFound();
    const proposal = await this.proposals.latest(applicationId, em, true);
    const current = await this.lifecycle.current(em, applicationId);
    if (!proposal || proposal.status !== 'PENDING' || current?.status !== 'AWARD_PROPOSED') {
      throw new DomainError('INVALID_STATUS_TRANSITION', "Aucune proposition du comité n'attend de réponse sur ce dossier.", {
        currentStatus: current?.status ?? null,
      });
    }
    if (proposal.version !== expectedVersion) throw staleVersion('La proposition');
    return proposal;
  }
}

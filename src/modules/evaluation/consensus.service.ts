import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { staleVersion } from '../../common/http/etag';
import type { AuthUser } from '../auth/auth-context';
import { formatHundredths, type Ratio } from './domain/rational';
import { aggregatePanelScores, applyConsensus, type Evaluation, type PanelAggregate } from './domain/score-aggregation';
import { conflictedOf, EvaluationAccess, dossierNotFound, stateOf, type DossierContext } from './evaluation-access';
import type { AssignmentRow } from './panel.repository';
import { ScoringRepository, type ConsensusRow, type ScoreRow } from './scoring.repository';

export interface EvaluationsView {
  applicationId: string;
  number: string;
  evaluations: {
    evaluatorId: string;
    evaluatorName: string;
    rapporteur: boolean;
    status: 'DRAFT' | 'SUBMITTED';
    /** Conflicted or undeclared evaluators are listed without anything of the dossier. */
    conflict: 'UNDECLARED' | 'CONFLICTED' | 'CLEAR';
    /** Only submitted, unconflicted sheets show their scores. */
    scores: { criterionCode: string; score: number; justification: string }[] | null;
  }[];
}

export interface SummaryView {
  applicationId: string;
  number: string;
  divergenceGap: number;
  criteria: {
    code: string;
    label: string;
    weight: number;
    scores: { evaluatorId: string; score: number }[];
    mean: Ratio | null;
    meanDisplay: string | null;
    roundedMean: number | null;
    min: number | null;
    max: number | null;
    spread: number | null;
    divergent: boolean;
  }[];
  countedEvaluatorIds: string[];
  excludedEvaluations: PanelAggregate['excludedEvaluations'];
  hasDivergence: boolean;
  weightedTotal: Ratio | null;
  weightedTotalDisplay: string | null;
  consensus: ConsensusRow | null;
  /** The rapporteur may record the consensus: every counted evaluator submitted, at least one. */
  readyForConsensus: boolean;
  canRecordConsensus: boolean;
}

/** Peers' scores, exact aggregates and the rapporteur's consensus (docs/domain/evaluation.md). */
@Injectable()
export class ConsensusService {
  constructor(
    private readonly access: EvaluationAccess,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly scoring: ScoringRepository,
  ) {}

  async evaluations(user: AuthUser, applicationId: string): Promise<EvaluationsView> {
    const ctx = await this.access.forPanelView(user, applicationId);
    const scores = await this.scoring.scoresOfDossier(applicationId);
    return {
      applicationId,
      number: ctx.dossier.number,
      evaluations: ctx.assignments.map((a) => {
        const conflict = stateOf(a);
        const visible = conflict === 'CLEAR' && a.status === 'SUBMITTED';
        return {
          evaluatorId: a.evaluatorId,
          evaluatorName: a.evaluatorName,
          rapporteur: a.rapporteur,
          status: a.status,
          conflict,
          scores: visible
            ? scores.filter((s) => s.evaluatorId === a.evaluatorId).map(({ criterionCode, score, justification }) => ({ criterionCode, score, justification }))
            : null,
        };
      }),
    };
  }

  async summary(user: AuthUser, applicationId: string): Promise<SummaryView> {
    const ctx = await this.access.forPanelView(user, applicationId);
    const [scores, consensus] = await Promise.all([this.scoring.scoresOfDossier(applicationId), this.scoring.consensus(applicationId)]);
    return this.toSummary(ctx, ctx.assignments, scores, consensus, user);
  }

  /** The rapporteur records (or revises) the consensus; every change from the rounded mean needs a comment. */
  async record(
    user: AuthUser,
    applicationId: string,
    body: { scores: Record<string, number>; comments?: Record<string, string> },
    expectedVersion: number,
    actor: Actor,
  ): Promise<SummaryView> {
    await this.dataSource.transaction(async (em) => {
      const ctx = await this.access.context(applicationId, em, true);
      const assignments = await this.accessRapporteur(user, applicationId, em);
      if (ctx.dossier.status !== 'UNDER_EVALUATION') throw new DomainError('EVALUATION_LOCKED', "Le dossier n'est plus en évaluation.");
      const scores = await this.scoring.scoresOfDossier(applicationId, em);
      const aggregate = aggregate_(ctx, assignments, scores);
      if (!ready(assignments, aggregate)) {
        throw new DomainError('BUSINESS_RULE_VIOLATED', 'Le consensus attend les grilles soumises de tous les évaluateurs sans conflit.');
      }
      const current = await this.scoring.consensus(applicationId, em);
      if ((current?.version ?? 0) !== expectedVersion) throw staleVersion('Le consensus');
      const result = applyConsensus(aggregate, body.scores, body.comments ?? {});
      const comments = Object.fromEntries(result.criteria.filter((c) => c.comment !== null).map((c) => [c.code, c.comment as string]));
      const startingMeans = Object.fromEntries(aggregate.criteria.map((c) => [c.code, c.roundedMean]));
      const version = await this.scoring.saveConsensus(em, expectedVersion, {
        applicationId,
        scores: result.criterionScores,
        comments,
        startingMeans,
        weightedTotal: result.weightedTotal,
        rapporteurId: user.id,
      });
      if (version === null) throw staleVersion('Le consensus');
      await this.audit.record(em, actor, {
        action: 'evaluation.consensus_recorded',
        subjectType: 'application',
        subjectId: applicationId,
        before: current ? { scores: current.scores, comments: current.comments } : undefined,
        after: { scores: result.criterionScores, comments, startingMeans, weightedTotal: result.weightedTotal },
      });
    });
    return this.summary(user, applicationId);
  }

  /** Only the dossier's rapporteur, clear of conflict and with their own sheet submitted; anyone else gets a 404. */
  private async accessRapporteur(user: AuthUser, applicationId: string, em: EntityManager): Promise<AssignmentRow[]> {
    const ctx = await this.access.forPanelView(user, applicationId, em);
    if (!ctx.own || !ctx.own.rapporteur || stateOf(ctx.own) !== 'CLEAR') throw dossierNotFound();
    return ctx.assignments;
  }

  private toSummary(ctx: DossierContext, assignments: AssignmentRow[], scores: ScoreRow[], consensus: ConsensusRow | null, user: AuthUser): SummaryView {
    const aggregate = aggregate_(ctx, assignments, scores);
    const own = assignments.find((a) => a.evaluatorId === user.id);
    return {
      applicationId: ctx.dossier.id,
      number: ctx.dossier.number,
      divergenceGap: ctx.grid.divergenceGap,
      criteria: aggregate.criteria.map((c) => ({
        code: c.code,
        label: c.label,
        weight: c.weight,
        scores: c.scores,
        mean: c.mean,
        meanDisplay: c.meanHundredths === null ? null : formatHundredths(c.meanHundredths),
        roundedMean: c.roundedMean,
        min: c.min,
        max: c.max,
        spread: c.spread,
        divergent: c.divergent,
      })),
      countedEvaluatorIds: aggregate.countedEvaluatorIds,
      excludedEvaluations: aggregate.excludedEvaluations,
      hasDivergence: aggregate.hasDivergence,
      weightedTotal: aggregate.weightedTotal,
      weightedTotalDisplay: aggregate.weightedTotalHundredths === null ? null : formatHundredths(aggregate.weightedTotalHundredths),
      consensus,
      readyForConsensus: ready(assignments, aggregate),
      canRecordConsensus: !!own && own.rapporteur && stateOf(own) === 'CLEAR' && ctx.dossier.status === 'UNDER_EVALUATION',
    };
  }
}

/** Conflicted (declared or automatic, not waived) evaluations count in no aggregate; drafts neither. */
function aggregate_(ctx: DossierContext, assignments: AssignmentRow[], scores: ScoreRow[]): PanelAggregate {
  const evaluations: Evaluation[] = assignments.map((a) => ({
    evaluatorId: a.evaluatorId,
    conflicted: conflictedOf(a),
    submitted: a.status === 'SUBMITTED' && stateOf(a) === 'CLEAR',
    scores: Object.fromEntries(scores.filter((s) => s.evaluatorId === a.evaluatorId).map((s) => [s.criterionCode, s.score])),
  }));
  return aggregatePanelScores(ctx.grid, evaluations, { divergenceGap: ctx.grid.divergenceGap });
}

function ready(assignments: AssignmentRow[], aggregate: PanelAggregate): boolean {
  const pending = assignments.filter((a) => !conflictedOf(a) && a.status !== 'SUBMITTED');
  return pending.length === 0 && aggregate.countedEvaluatorIds.length > 0 && !aggregate.hasMissingScores;
}

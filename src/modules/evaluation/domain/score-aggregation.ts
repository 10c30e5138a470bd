import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { assertValidGrid, scoreOf, type EvaluationGrid } from './evaluation-grid';
import { ratio, roundHalfUp, scaleRatio, sumRatios, type Ratio } from './rational';

export interface Evaluation {
  evaluatorId: string;
  conflicted: boolean;
  submitted: boolean;
  scores: Readonly<Record<string, number>>;
}

export interface AggregationOptions {
  /** Evaluators diverge on a criterion when max − min is strictly greater than this gap. */
  divergenceGap: number;
}

export interface CriterionAggregate {
  code: string;
  label: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  /** The counted individual scores, kept visible during consensus. */
  scores: { evaluatorId: string; score: number }[];
  /** Exact mean (sum / count, reduced); null when nobody scored the criterion. */
  mean: Ratio | null;
  /** Presentation only: mean × 100 rounded half up. */
  meanHundredths: number | null;
  /** The consensus starting point: mean rounded half up to a whole score. */
  roundedMean: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
  divergent: boolean;
  missingEvaluatorIds: string[];
}

export interface PanelAggregate {
  criteria: CriterionAggregate[];
  countedEvaluatorIds: string[];
  excludedEvaluations: { evaluatorId: string; reason: 'CONFLICTED' | 'NOT_SUBMITTED' }[];
  missingScores: { evaluatorId: string; criterionCode: string }[];
  hasMissingScores: boolean;
  hasDivergence: boolean;
  /** Exact Σ weight × mean; null while a criterion has no score at all. */
  weightedTotal: Ratio | null;
  /** Presentation only: weightedTotal × 100 rounded half up. */
  weightedTotalHundredths: number | null;
}

/**
 * Aggregates a panel's scores for one dossier: per criterion the exact mean, min, max, spread and a divergence
 * flag, then the weighted total. Conflicted or unsubmitted evaluations count in no aggregate; a counted evaluation
 * missing a criterion is flagged and that criterion's mean uses the scores present.
 * @throws DomainError VALIDATION_FAILED for an invalid grid, gap, evaluator id or score.
 */
export function aggregatePanelScores(grid: EvaluationGrid, evaluations: readonly Evaluation[], options: AggregationOptions): PanelAggregate {
  assertValidGrid(grid);
  const counted = countedEvaluations(grid, evaluations, options);
  const excludedEvaluations = evaluations
    .filter((e) => e.conflicted || !e.submitted)
    .map((e) => ({
      evaluatorId: e.evaluatorId,
      reason: e.conflicted ? ('CONFLICTED' as const) : ('NOT_SUBMITTED' as const),
    }));

  const criteria = grid.criteria.map((c): CriterionAggregate => {
    const scores = counted.flatMap((e) => {
      const score = scoreOf(e.scores, c.code);
      return score === undefined ? [] : [{ evaluatorId: e.evaluatorId, score }];
    });
    const values = scores.map((s) => s.score);
    const mean =
      values.length > 0
        ? ratio(
            values.reduce((a, b) => a + b, 0),
            values.length,
          )
        : null;
    const min = values.length > 0 ? Math.min(...values) : null;
    const max = values.length > 0 ? Math.max(...values) : null;
    const spread = min !== null && max !== null ? max - min : null;
    return {
      code: c.code,
      label: c.label,
      weight: c.weight,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
      scores,
      mean,
      meanHundredths: mean ? roundHalfUp(mean, 100) : null,
      roundedMean: mean ? roundHalfUp(mean) : null,
      min,
      max,
      spread,
      divergent: spread !== null && spread > options.divergenceGap,
      missingEvaluatorIds: counted.filter((e) => scoreOf(e.scores, c.code) === undefined).map((e) => e.evaluatorId),
    };
  });

  const missingScores = criteria.flatMap((c) => c.missingEvaluatorIds.map((evaluatorId) => ({ evaluatorId, criterionCode: c.code })));
  const weightedTotal = criteria.every((c) => c.mean !== null) ? sumRatios(criteria.map((c) => scaleRatio(c.mean as Ratio, c.weight))) : null;
  return {
    criteria,
    countedEvaluatorIds: counted.map((e) => e.evaluatorId),
    excludedEvaluations,
    missingScores,
    hasMissingScores: missingScores.length > 0,
    hasDivergence: criteria.some((c) => c.divergent),
    weightedTotal,
    weightedTotalHundredths: weightedTotal ? roundHalfUp(weightedTotal, 100) : null,
  };
}

function countedEvaluations(grid: EvaluationGrid, evaluations: readonly Evaluation[], options: AggregationOptions): Evaluation[] {
  const errors: FieldError[] = [];
  const push = (path: string, code: string, message: string) => errors.push({ path, code, message });
  if (!Number.isSafeInteger(options.divergenceGap) || options.divergenceGap < 0) {
    push('divergenceGap', 'INVALID_GAP', "L'écart de divergence doit être un entier positif ou nul.");
  }
  const byCode = new Map(grid.criteria.map((c) => [c.code, c]));
  const seen = new Set<string>();
  evaluations.forEach((e, i) => {
    if (seen.has(e.evaluatorId)) push(`evaluations[${i}].evaluatorId`, 'DUPLICATE_EVALUATOR', 'Évaluateur présent deux fois.');
    seen.add(e.evaluatorId);
    if (e.conflicted || !e.submitted) return;
    for (const [code, score] of Object.entries(e.scores)) {
      const criterion = byCode.get(code);
      const path = `evaluations[${i}].scores.${code}`;
      if (!criterion) push(path, 'UNKNOWN_CRITERION', `Critère inconnu : ${code}.`);
      else if (!Number.isSafeInteger(score) || score < criterion.scaleMin || score > criterion.scaleMax) {
        push(path, 'SCORE_OUT_OF_SCALE', `La note doit être un entier entre ${criterion.scaleMin} et ${criterion.scaleMax}.`);
      }
    }
  });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid panel scores', { errors });
  return evaluations.filter((e) => !e.conflicted && e.submitted);
}

export interface ConsensusCriterion {
  code: string;
  weight: number;
  /** The individual scores and their statistics stay visible beside the consensus. */
  aggregate: CriterionAggregate;
  consensusScore: number;
  /** True when the consensus score differs from the rounded mean (or there was no mean). */
  changed: boolean;
  comment: string | null;
}

export interface ConsensusResult {
  criteria: ConsensusCriterion[];
  /** Consensus score per criterion code, the ranking's input. */
  criterionScores: Record<string, number>;
  /** Exact Σ weight × consensus score. */
  weightedTotal: number;
}

/**
 * Records the rapporteur's consensus: one integer score per criterion within its scale, starting from the rounded
 * mean; every criterion changed from it needs a non-empty comment (docs/domain/evaluation.md).
 * @throws DomainError VALIDATION_FAILED listing every missing, unknown or out-of-scale score and missing comment.
 */
export function applyConsensus(
  aggregate: PanelAggregate,
  consensusScores: Readonly<Record<string, number>>,
  comments: Readonly<Record<string, string | undefined>>,
): ConsensusResult {
  const errors: FieldError[] = [];
  const push = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const codes = new Set(aggregate.criteria.map((c) => c.code));
  for (const [field, record] of [
    ['consensus', consensusScores],
    ['comments', comments],
  ] as const) {
    for (const code of Object.keys(record)) {
      if (!codes.has(code)) push(`${field}.${code}`, 'UNKNOWN_CRITERION', `Critère inconnu : ${code}.`);
    }
  }
  const criteria = aggregate.criteria.map((c): ConsensusCriterion => {
    const score = scoreOf(consensusScores, c.code);
    const comment = (Object.hasOwn(comments, c.code) ? comments[c.code]?.trim() : undefined) || null;
    const changed = score !== c.roundedMean;
    if (score === undefined) {
      push(`consensus.${c.code}`, 'SCORE_REQUIRED', `Note de consensus manquante pour ${c.code}.`);
    } else if (!Number.isSafeInteger(score) || score < c.scaleMin || score > c.scaleMax) {
      push(`consensus.${c.code}`, 'SCORE_OUT_OF_SCALE', `La note doit être un entier entre ${c.scaleMin} et ${c.scaleMax}.`);
    } else if (changed && comment === null) {
      const from = c.roundedMean ?? 'aucune';
      push(
        `comments.${c.code}`,
        'COMMENT_REQUIRED',
        `Un commentaire est obligatoire : la note de consensus (${score}) diffère de la moyenne arrondie (${from}).`,
      );
    }
    // `score` is undefined only when an error was recorded, and errors throw below.
    return { code: c.code, weight: c.weight, aggregate: c, consensusScore: score as number, changed, comment };
  });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid consensus', { errors });
  const criterionScores = Object.fromEntries(criteria.map((c) => [c.code, c.consensusScore]));
  return {
    criteria,
    criterionScores,
    weightedTotal: criteria.reduce((total, c) => total + c.weight * c.consensusScore, 0),
  };
}

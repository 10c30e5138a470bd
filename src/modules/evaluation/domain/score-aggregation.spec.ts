import fc from 'fast-check';
import { DomainError } from '../../../common/errors/domain-error';
import type { EvaluationGrid } from './evaluation-grid';
import { aggregatePanelScores, type Evaluation } from './score-aggregation';

const grid: EvaluationGrid = {
  criteria: [
    { code: 'C1', label: 'Besoins et implication des acteurs', weight: 3, scaleMin: 0, scaleMax: 5, threshold: 3 },
    { code: 'C2', label: 'Autres effets positifs', weight: 2, scaleMin: 0, scaleMax: 5 },
    { code: 'C3', label: 'Expérimentation et prise de risque', weight: 1, scaleMin: 0, scaleMax: 5 },
  ],
};
const ev = (evaluatorId: string, scores: Record<string, number>, flags: Partial<Evaluation> = {}): Evaluation => ({
  evaluatorId,
  conflicted: false,
  submitted: true,
  scores,
  ...flags,
});
const gap = { divergenceGap: 2 };

describe('aggregatePanelScores — scenarios', () => {
  it('two evaluators: exact means, min/max/spread and the weighted total', () => {
    const result = aggregatePanelScores(grid, [ev('e1', { C1: 4, C2: 3, C3: 2 }), ev('e2', { C1: 3, C2: 3, C3: 5 })], gap);
    const [c1, c2, c3] = result.criteria;
    expect(c1).toMatchObject({ mean: { numerator: 7, denominator: 2 }, meanHundredths: 350, roundedMean: 4 });
    expect(c1).toMatchObject({ min: 3, max: 4, spread: 1, divergent: false, missingEvaluatorIds: [] });
    expect(c2).toMatchObject({ mean: { numerator: 3, denominator: 1 }, roundedMean: 3, spread: 0 });
    expect(c3).toMatchObject({ spread: 3, divergent: true });
    // 3 × 7/2 + 2 × 3 + 1 × 7/2 = 14 + 6 = 20
    expect(result.weightedTotal).toEqual({ numerator: 20, denominator: 1 });
    expect(result.weightedTotalHundredths).toBe(2000);
    expect(result.hasDivergence).toBe(true);
    expect(result.hasMissingScores).toBe(false);
    expect(result.countedEvaluatorIds).toEqual(['e1', 'e2']);
  });

  it('keeps thirds exact and rounds only for presentation', () => {
    const result = aggregatePanelScores(grid, [ev('e1', { C1: 4, C2: 1, C3: 0 }), ev('e2', { C1: 4, C2: 2, C3: 0 }), ev('e3', { C1: 3, C2: 2, C3: 0 })], gap);
    expect(result.criteria[0]).toMatchObject({ mean: { numerator: 11, denominator: 3 }, meanHundredths: 367, roundedMean: 4 });
    expect(result.criteria[1]).toMatchObject({ mean: { numerator: 5, denominator: 3 }, meanHundredths: 167, roundedMean: 2 });
    // 3 × 11/3 + 2 × 5/3 = 11 + 10/3 = 43/3
    expect(result.weightedTotal).toEqual({ numerator: 43, denominator: 3 });
    expect(result.weightedTotalHundredths).toBe(1433);
  });

  it('divergence is strictly above the gap', () => {
    const at = aggregatePanelScores(grid, [ev('e1', { C1: 1, C2: 0, C3: 0 }), ev('e2', { C1: 3, C2: 0, C3: 0 })], gap);
    expect(at.criteria[0]).toMatchObject({ spread: 2, divergent: false });
    const zeroGap = aggregatePanelScores(grid, [ev('e1', { C1: 1, C2: 0, C3: 0 }), ev('e2', { C1: 2, C2: 0, C3: 0 })], {
      divergenceGap: 0,
    });
    expect(zeroGap.criteria[0]?.divergent).toBe(true);
  });

  it('conflicted and unsubmitted evaluations count in no aggregate', () => {
    const result = aggregatePanelScores(
      grid,
      [
        ev('e1', { C1: 4, C2: 4, C3: 4 }),
        ev('e2', { C1: 0, C2: 0, C3: 0 }, { conflicted: true }),
        ev('e3', { C1: 5, C2: 5, C3: 5 }, { submitted: false }),
        ev('e4', { C1: 0, C2: 0, C3: 0 }, { conflicted: true, submitted: false }),
      ],
      gap,
    );
    expect(result.countedEvaluatorIds).toEqual(['e1']);
    expect(result.excludedEvaluations).toEqual([
      { evaluatorId: 'e2', reason: 'CONFLICTED' },
      { evaluatorId: 'e3', reason: 'NOT_SUBMITTED' },
      { evaluatorId: 'e4', reason: 'CONFLICTED' },
    ]);
    expect(result.criteria.map((c) => c.spread)).toEqual([0, 0, 0]);
    expect(result.weightedTotal).toEqual({ numerator: 24, denominator: 1 });
  });

  it('flags missing scores and averages the scores present', () => {
    const result = aggregatePanelScores(grid, [ev('e1', { C1: 4, C2: 3 }), ev('e2', { C1: 2, C2: 3, C3: 5 })], gap);
    expect(result.hasMissingScores).toBe(true);
    expect(result.missingScores).toEqual([{ evaluatorId: 'e1', criterionCode: 'C3' }]);
    expect(result.criteria[2]).toMatchObject({ scores: [{ evaluatorId: 'e2', score: 5 }], mean: { numerator: 5, denominator: 1 } });
  });

  it('has no weighted total while a criterion has no score at all', () => {
    const result = aggregatePanelScores(grid, [ev('e1', { C1: 4, C2: 3 })], gap);
    expect(result.criteria[2]).toMatchObject({ mean: null, roundedMean: null, min: null, spread: null, divergent: false });
    expect(result.weightedTotal).toBeNull();
    expect(result.weightedTotalHundredths).toBeNull();
    expect(aggregatePanelScores(grid, [], gap).weightedTotal).toBeNull();
  });

  it('rejects out-of-scale, fractional and unknown scores, duplicates and a negative gap', () => {
    try {
      aggregatePanelScores(grid, [ev('e1', { C1: 6, C2: 2.5, C9: 1 }), ev('e1', { C1: 1 }), ev('e3', { C1: 99 }, { conflicted: true })], { divergenceGap: -1 });
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details.errors?.map((f) => `${f.path}:${f.code}`)).toEqual([
        'divergenceGap:INVALID_GAP',
        'evaluations[0].scores.C1:SCORE_OUT_OF_SCALE',
        'evaluations[0].scores.C2:SCORE_OUT_OF_SCALE',
        'evaluations[0].scores.C9:UNKNOWN_CRITERION',
        'evaluations[1].evaluatorId:DUPLICATE_EVALUATOR',
      ]);
    }
  });
});

describe('aggregatePanelScores — properties', () => {
  const score = fc.integer({ min: 0, max: 5 });
  const evaluations = fc
    .array(
      fc.record({
        conflicted: fc.boolean(),
        submitted: fc.boolean(),
        scores: fc.record({ C1: score, C2: score, C3: score }, { requiredKeys: [] }),
      }),
      { maxLength: 6 },
    )
    .map((list) => list.map((e, i) => ({ ...e, evaluatorId: `e${i}` })));

  it('excluded evaluations never change the result', () => {
    fc.assert(
      fc.property(evaluations, (list) => {
        const counted = list.filter((e) => !e.conflicted && e.submitted);
        const full = aggregatePanelScores(grid, list, gap);
        const only = aggregatePanelScores(grid, counted, gap);
        expect(full.criteria).toEqual(only.criteria);
        expect(full.weightedTotal).toEqual(only.weightedTotal);
      }),
    );
  });

  it('the mean lies between min and max, and the total equals Σ weight × mean', () => {
    fc.assert(
      fc.property(evaluations, (list) => {
        const result = aggregatePanelScores(grid, list, gap);
        let num = 0;
        for (const c of result.criteria) {
          if (c.mean === null || c.min === null || c.max === null) continue;
          expect(c.mean.numerator).toBeGreaterThanOrEqual(c.min * c.mean.denominator);
          expect(c.mean.numerator).toBeLessThanOrEqual(c.max * c.mean.denominator);
          num += (c.weight * c.mean.numerator * 60) / c.mean.denominator;
        }
        if (result.weightedTotal) {
          expect(result.weightedTotal.numerator * 60).toBe(num * result.weightedTotal.denominator);
        }
      }),
    );
  });
});

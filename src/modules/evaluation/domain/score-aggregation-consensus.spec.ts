import { DomainError } from '../../../common/errors/domain-error';
import type { EvaluationGrid } from './evaluation-grid';
import { aggregatePanelScores, applyConsensus } from './score-aggregation';

const grid: EvaluationGrid = {
  criteria: [
    { code: 'C1', label: 'Besoins', weight: 3, scaleMin: 0, scaleMax: 5 },
    { code: 'C2', label: 'Effets', weight: 2, scaleMin: 0, scaleMax: 5 },
    { code: 'C3', label: 'Expérimentation', weight: 1, scaleMin: 0, scaleMax: 5 },
  ],
};
// Means: C1 = 7/2 → 4, C2 = 3 → 3, C3 = 5/2 → 3.
const aggregate = aggregatePanelScores(
  grid,
  [
    { evaluatorId: 'e1', conflicted: false, submitted: true, scores: { C1: 4, C2: 3, C3: 1 } },
    { evaluatorId: 'e2', conflicted: false, submitted: true, scores: { C1: 3, C2: 3, C3: 4 } },
  ],
  { divergenceGap: 2 },
);

describe('applyConsensus', () => {
  it('accepts the rounded means without any comment', () => {
    const result = applyConsensus(aggregate, { C1: 4, C2: 3, C3: 3 }, {});
    expect(result.criterionScores).toEqual({ C1: 4, C2: 3, C3: 3 });
    expect(result.weightedTotal).toBe(3 * 4 + 2 * 3 + 3);
    expect(result.criteria.every((c) => !c.changed && c.comment === null)).toBe(true);
  });

  it('records a change with its comment and keeps the original scores visible', () => {
    const result = applyConsensus(aggregate, { C1: 4, C2: 3, C3: 2 }, { C3: '  Risque peu documenté, accord du panel.  ' });
    const c3 = result.criteria[2];
    expect(c3).toMatchObject({ consensusScore: 2, changed: true, comment: 'Risque peu documenté, accord du panel.' });
    expect(c3?.aggregate.scores).toEqual([
      { evaluatorId: 'e1', score: 1 },
      { evaluatorId: 'e2', score: 4 },
    ]);
    expect(c3?.aggregate.spread).toBe(3);
    expect(result.weightedTotal).toBe(20);
  });

  it('refuses a change without a comment, or with a blank one', () => {
    for (const comments of [{}, { C1: '   ' }]) {
      try {
        applyConsensus(aggregate, { C1: 3, C2: 3, C3: 3 }, comments);
        throw new Error('expected a DomainError');
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        const [error] = (e as DomainError).details.errors ?? [];
        expect(error?.path).toBe('comments.C1');
        expect(error?.code).toBe('COMMENT_REQUIRED');
        expect(error?.message).toContain('(3) diffère de la moyenne arrondie (4)');
      }
    }
  });

  it('requires a comment for a criterion nobody scored', () => {
    const partial = aggregatePanelScores(grid, [{ evaluatorId: 'e1', conflicted: false, submitted: true, scores: { C1: 4, C2: 3 } }], { divergenceGap: 2 });
    expect(() => applyConsensus(partial, { C1: 4, C2: 3, C3: 2 }, {})).toThrow('Invalid consensus');
    expect(applyConsensus(partial, { C1: 4, C2: 3, C3: 2 }, { C3: 'Noté en séance.' }).criteria[2]?.changed).toBe(true);
  });

  it('lists missing, out-of-scale and unknown scores together', () => {
    try {
      applyConsensus(aggregate, { C1: 6, C2: 2.5, C9: 1 }, { C8: 'x' });
      throw new Error('expected a DomainError');
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).details.errors?.map((f) => `${f.path}:${f.code}`)).toEqual([
        'consensus.C9:UNKNOWN_CRITERION',
        'comments.C8:UNKNOWN_CRITERION',
        'consensus.C1:SCORE_OUT_OF_SCALE',
        'consensus.C2:SCORE_OUT_OF_SCALE',
        'consensus.C3:SCORE_REQUIRED',
      ]);
    }
  });
});

import { DomainError } from '../../../common/errors/domain-error';
import { assertValidGrid, scoreOf, weightedTotalOf, type EvaluationGrid } from './evaluation-grid';

const grid: EvaluationGrid = {
  criteria: [
    { code: 'C1', label: 'Besoin social', weight: 3, scaleMin: 0, scaleMax: 5, threshold: 3 },
    { code: 'C2', label: 'Expérimentation', weight: 2, scaleMin: 0, scaleMax: 5 },
  ],
  overallThreshold: 15,
};

describe('evaluation grid', () => {
  it('accepts a valid grid', () => {
    expect(() => assertValidGrid(grid)).not.toThrow();
  });

  it('lists every problem of an invalid grid', () => {
    try {
      assertValidGrid({
        criteria: [
          { code: 'C1', label: '', weight: 0, scaleMin: 0, scaleMax: 5, threshold: 6 },
          { code: 'C1', label: '', weight: 1.5, scaleMin: 5, scaleMax: 0 },
        ],
        overallThreshold: 10.5,
      });
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details.errors?.map((f) => `${f.path}:${f.code}`)).toEqual([
        'criteria[0].weight:INVALID_WEIGHT',
        'criteria[0].threshold:INVALID_THRESHOLD',
        'criteria[1].code:DUPLICATE_CODE',
        'criteria[1].weight:INVALID_WEIGHT',
        'criteria[1].scale:INVALID_SCALE',
        'overallThreshold:INVALID_THRESHOLD',
      ]);
    }
    expect(() => assertValidGrid({ criteria: [] })).toThrow('Invalid evaluation grid');
  });

  it('computes the exact weighted total and refuses a missing score', () => {
    expect(weightedTotalOf(grid, { C1: 4, C2: 3 })).toBe(18);
    expect(() => weightedTotalOf(grid, { C1: 4 })).toThrow('No score for criterion C2');
  });

  it('ignores inherited properties when reading a score', () => {
    expect(scoreOf({}, 'constructor')).toBeUndefined();
    expect(scoreOf({ constructor: 2 }, 'constructor')).toBe(2);
  });
});

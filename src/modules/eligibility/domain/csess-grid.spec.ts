import fc from 'fast-check';
import { type CsessGrid, csessSubtotals, DEFAULT_CSESS_GRID, validateCsessGrid, validateCsessScores } from './csess-grid';
import { at } from '../../../common/collections';

const copy = (): CsessGrid => JSON.parse(JSON.stringify(DEFAULT_CSESS_GRID)) as CsessGrid;

describe('CSESS grid', () => {
  it('the default template is valid: three categories in order, nine criteria scored 0 to 3', () => {
    expect(validateCsessGrid(DEFAULT_CSESS_GRID)).toEqual([]);
    expect(DEFAULT_CSESS_GRID.categories.map((c) => c.code)).toEqual(['NEEDS_AND_ACTORS', 'OTHER_EFFECTS', 'EXPERIMENTATION_RISK']);
  });

  it('refuses a grid without the three categories in order', () => {
    const g = copy();
    g.categories.reverse();
    expect(validateCsessGrid(g).map((e) => e.code)).toEqual(['CSESS_CATEGORIES']);
    expect(validateCsessGrid({ categories: g.categories.slice(0, 2) }).map((e) => e.code)).toEqual(['CSESS_CATEGORIES']);
  });

  it('lists every malformed criterion with its path', () => {
    const g = copy();
    const criteria = (c: number) => at(g.categories, c, 'category').criteria;
    at(criteria(0), 1, 'criterion').code = 'A1';
    at(criteria(1), 0, 'criterion').label = ' ';
    at(criteria(2), 2, 'criterion').scaleMax = 0;
    criteria(2).push({ code: 'c4', label: 'x', scaleMax: 2 });
    expect(validateCsessGrid(g).map((e) => `${e.path}:${e.code}`)).toEqual([
      'categories[0].criteria[1].code:DUPLICATE_CODE',
      'categories[1].criteria[0].label:INVALID_LABEL',
      'categories[2].criteria[2].scaleMax:INVALID_SCALE',
      'categories[2].criteria[3].code:INVALID_CODE',
    ]);
    at(g.categories, 1, 'category').criteria = [];
    expect(validateCsessGrid(g).map((e) => e.path)).toContain('categories[1].criteria');
  });

  it('checks scores: known criterion, once, integer within the scale', () => {
    const errors = validateCsessScores(DEFAULT_CSESS_GRID, [
      { code: 'A1', score: 3, comment: null },
      { code: 'A1', score: 2, comment: null },
      { code: 'Z9', score: 1, comment: null },
      { code: 'B1', score: 4, comment: 'trop' },
      { code: 'B2', score: 1.5, comment: null },
      { code: 'B3', score: -1, comment: null },
    ]);
    expect(errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'scores[1].code:DUPLICATE_CRITERION',
      'scores[2].code:UNKNOWN_CRITERION',
      'scores[3].score:SCORE_OUT_OF_SCALE',
      'scores[4].score:SCORE_OUT_OF_SCALE',
      'scores[5].score:SCORE_OUT_OF_SCALE',
    ]);
  });

  it('sums per category, over the category maximum, counting what is scored so far', () => {
    const totals = csessSubtotals(DEFAULT_CSESS_GRID, [
      { code: 'A1', score: 3, comment: null },
      { code: 'A2', score: 1, comment: null },
      { code: 'C3', score: 2, comment: 'Risque assumé.' },
    ]);
    expect(totals.categories.map((c) => [c.code, c.score, c.max, c.scored, c.criteria])).toEqual([
      ['NEEDS_AND_ACTORS', 4, 9, 2, 3],
      ['OTHER_EFFECTS', 0, 9, 0, 3],
      ['EXPERIMENTATION_RISK', 2, 9, 1, 3],
    ]);
    expect([totals.total, totals.max]).toEqual([6, 27]);
  });

  it('property: valid scores give subtotals within their maxima that add up to the total', () => {
    const criteria = DEFAULT_CSESS_GRID.categories.flatMap((c) => c.criteria);
    fc.assert(
      fc.property(
        fc
          .subarray(criteria)
          .chain((cs) => fc.tuple(...cs.map((c) => fc.integer({ min: 0, max: c.scaleMax }).map((score) => ({ code: c.code, score, comment: null }))))),
        (scores) => {
          expect(validateCsessScores(DEFAULT_CSESS_GRID, scores)).toEqual([]);
          const t = csessSubtotals(DEFAULT_CSESS_GRID, scores);
          expect(t.categories.reduce((s, c) => s + c.score, 0)).toBe(t.total);
          expect(t.total).toBe(scores.reduce((s, x) => s + x.score, 0));
          t.categories.forEach((c) => expect(c.score).toBeLessThanOrEqual(c.max));
        },
      ),
    );
  });
});

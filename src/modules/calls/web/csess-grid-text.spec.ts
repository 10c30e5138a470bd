import { DEFAULT_CSESS_GRID, validateCsessGrid } from '../../eligibility/domain/csess-grid';
import { csessGridText, parseCsessGridText } from './csess-grid-text';

describe('CSESS grid text', () => {
  it('round-trips the default template through the textarea', () => {
    const text = csessGridText(DEFAULT_CSESS_GRID);
    expect(text.split('\n')[0]).toBe('A | A1 | Le besoin social visé est décrit et étayé | 3');
    expect(parseCsessGridText(text, () => undefined)).toEqual(DEFAULT_CSESS_GRID);
  });

  it('places criteria by category letter, clears on empty text and reports unreadable lines', () => {
    const failures: string[] = [];
    const grid = parseCsessGridText('c | c9 | Risque | 5\n\nA | A1 | Besoin | 3\nZ | Z1 | ? | 3\nB | B1 | Effets | beaucoup', (m) => failures.push(m));
    expect(grid!.categories.map((c) => c.criteria.map((k) => k.code))).toEqual([['A1'], [], ['C9']]);
    expect(failures).toEqual([expect.stringContaining('Ligne 3 illisible'), expect.stringContaining('Ligne 4 illisible')]);
    expect(validateCsessGrid(grid!).map((e) => e.code)).toEqual(['CRITERIA_COUNT']);
    expect(parseCsessGridText(' \n ', () => undefined)).toBeNull();
  });
});

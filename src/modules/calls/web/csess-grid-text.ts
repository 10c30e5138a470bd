import { CSESS_CATEGORIES, CSESS_CATEGORY_LABELS, type CsessGrid } from '../../eligibility/domain/csess-grid';

/** Category letters of the form, in the grid's order: A, B, C. */
const LETTERS = ['A', 'B', 'C'] as const;

/** The grid as the form's textarea shows it: one criterion a line, `catégorie | code | libellé | note maximale`. */
export function csessGridText(grid: CsessGrid | null): string {
  if (!grid) return '';
  return grid.categories.flatMap((c, i) => c.criteria.map((k) => [LETTERS[i] ?? '?', k.code, k.label, k.scaleMax].join(' | '))).join('\n');
}

/**
 * The textarea back into a grid: the category letter places each criterion in one of the three CSESS categories,
 * whose labels are fixed. Empty text clears the grid (null); unreadable lines are reported through `fail`.
 */
export function parseCsessGridText(text: string, fail: (message: string) => void): CsessGrid | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return null;
  const grid: CsessGrid = { categories: CSESS_CATEGORIES.map((code) => ({ code, label: CSESS_CATEGORY_LABELS[code], criteria: [] })) };
  lines.forEach((line, i) => {
    const [letter = '', code = '', label = '', max = ''] = line.split('|').map((c) => c.trim());
    const category = grid.categories[LETTERS.indexOf(letter.toUpperCase() as (typeof LETTERS)[number])];
    if (!category || !code || !label || !/^\d{1,2}$/.test(max)) {
      fail(`Ligne ${i + 1} illisible : attendu « catégorie (A, B ou C) | code | libellé | note maximale », par exemple « A | A1 | Besoin social étayé | 3 ».`);
      return;
    }
    category.criteria.push({ code: code.toUpperCase(), label, scaleMax: Number(max) });
  });
  return grid;
}

import type { FieldError } from '../../../common/errors/domain-error';

/** The three categories of the CSESS characterisation grid (February 2017), in their order (docs/domain/eligibility.md). */
export const CSESS_CATEGORIES = ['NEEDS_AND_ACTORS', 'OTHER_EFFECTS', 'EXPERIMENTATION_RISK'] as const;
export type CsessCategoryCode = (typeof CSESS_CATEGORIES)[number];

export const CSESS_CATEGORY_LABELS: Readonly<Record<CsessCategoryCode, string>> = {
  NEEDS_AND_ACTORS: 'Besoins sociaux et implication des acteurs',
  OTHER_EFFECTS: 'Autres effets positifs',
  EXPERIMENTATION_RISK: 'Expérimentation et prise de risque',
};

export interface CsessCriterion {
  code: string;
  label: string;
  /** Scores run from 0 to scaleMax. */
  scaleMax: number;
}

export interface CsessCategory {
  code: CsessCategoryCode;
  label: string;
  criteria: CsessCriterion[];
}

export interface CsessGrid {
  categories: CsessCategory[];
}

export interface CsessScore {
  code: string;
  score: number;
  comment: string | null;
}

const CODE = /^[A-Z][A-Z0-9_]{0,19}$/;
const MAX_SCALE = 10;
const MAX_CRITERIA = 12;

/**
 * Offered to a call that has none. The wording is Essaim's own placeholder, not the CSESS text, which a programme
 * manager loads into the call (docs/domain/eligibility.md: the official items are configurable data).
 */
export const DEFAULT_CSESS_GRID: CsessGrid = {
  categories: [
    {
      code: 'NEEDS_AND_ACTORS',
      label: CSESS_CATEGORY_LABELS.NEEDS_AND_ACTORS,
      criteria: [
        { code: 'A1', label: 'Le besoin social visé est décrit et étayé', scaleMax: 3 },
        { code: 'A2', label: 'Les personnes concernées prennent part à la conception du projet', scaleMax: 3 },
        { code: 'A3', label: 'Le projet associe des partenaires du territoire', scaleMax: 3 },
      ],
    },
    {
      code: 'OTHER_EFFECTS',
      label: CSESS_CATEGORY_LABELS.OTHER_EFFECTS,
      criteria: [
        { code: 'B1', label: "Effets attendus sur l'emploi et l'insertion", scaleMax: 3 },
        { code: 'B2', label: 'Effets sur le territoire et les autres acteurs', scaleMax: 3 },
        { code: 'B3', label: 'Gouvernance ouverte et participative', scaleMax: 3 },
      ],
    },
    {
      code: 'EXPERIMENTATION_RISK',
      label: CSESS_CATEGORY_LABELS.EXPERIMENTATION_RISK,
      criteria: [
        { code: 'C1', label: 'Nouveauté de la réponse dans son contexte', scaleMax: 3 },
        { code: 'C2', label: 'Démarche expérimentale suivie et évaluée', scaleMax: 3 },
        { code: 'C3', label: 'Risques et incertitudes identifiés et assumés', scaleMax: 3 },
      ],
    },
  ],
};

/** Every problem of a grid's shape, with field paths: the three categories in order, unique codes, integer scales. */
export function validateCsessGrid(grid: CsessGrid): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const categories = Array.isArray(grid?.categories) ? grid.categories : [];
  if (categories.length !== CSESS_CATEGORIES.length || categories.some((c, i) => c?.code !== CSESS_CATEGORIES[i])) {
    add(
      'categories',
      'CSESS_CATEGORIES',
      `La grille compte les trois catégories du CSESS, dans l'ordre : ${CSESS_CATEGORIES.map((c) => CSESS_CATEGORY_LABELS[c]).join(' ; ')}.`,
    );
    return errors;
  }
  const seen = new Set<string>();
  categories.forEach((category, i) => {
    const criteria = Array.isArray(category.criteria) ? category.criteria : [];
    if (criteria.length < 1 || criteria.length > MAX_CRITERIA)
      add(`categories[${i}].criteria`, 'CRITERIA_COUNT', `Chaque catégorie compte de 1 à ${MAX_CRITERIA} critères.`);
    criteria.forEach((c, j) => {
      const path = `categories[${i}].criteria[${j}]`;
      if (typeof c.code !== 'string' || !CODE.test(c.code))
        add(`${path}.code`, 'INVALID_CODE', 'Code de critère : une majuscule puis 19 caractères au plus (A-Z, 0-9, _).');
      else if (seen.has(c.code)) add(`${path}.code`, 'DUPLICATE_CODE', `Le code ${c.code} figure deux fois dans la grille.`);
      else seen.add(c.code);
      if (typeof c.label !== 'string' || c.label.trim() === '' || c.label.length > 300)
        add(`${path}.label`, 'INVALID_LABEL', 'Libellé du critère : de 1 à 300 caractères.');
      if (!Number.isInteger(c.scaleMax) || c.scaleMax < 1 || c.scaleMax > MAX_SCALE)
        add(`${path}.scaleMax`, 'INVALID_SCALE', `Le barème maximal est un entier de 1 à ${MAX_SCALE}.`);
    });
  });
  return errors;
}

/** Every problem of a set of scores against the grid: known criteria, once each, integers within the scale. */
export function validateCsessScores(grid: CsessGrid, scores: readonly CsessScore[]): FieldError[] {
  const errors: FieldError[] = [];
  const criteria = new Map(grid.categories.flatMap((c) => c.criteria).map((c) => [c.code, c]));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const criterion = criteria.get(s.code);
    if (!criterion) errors.push({ path: `scores[${i}].code`, code: 'UNKNOWN_CRITERION', message: `Critère inconnu de la grille : ${s.code}.` });
    else if (seen.has(s.code)) errors.push({ path: `scores[${i}].code`, code: 'DUPLICATE_CRITERION', message: `Le critère ${s.code} est noté deux fois.` });
    seen.add(s.code);
    if (criterion && (!Number.isInteger(s.score) || s.score < 0 || s.score > criterion.scaleMax)) {
      errors.push({
        path: `scores[${i}].score`,
        code: 'SCORE_OUT_OF_SCALE',
        message: `La note du critère ${s.code} est un entier de 0 à ${criterion.scaleMax}.`,
      });
    }
  });
  return errors;
}

export interface CsessSubtotal {
  code: CsessCategoryCode;
  label: string;
  score: number;
  max: number;
  scored: number;
  criteria: number;
}

/**
 * Per-category subtotals and the total, as integers over the maximum of the criteria scored so far and of the whole
 * category. The grid is non-blocking: these figures inform the report and never change the eligibility verdict.
 */
export function csessSubtotals(grid: CsessGrid, scores: readonly CsessScore[]): { categories: CsessSubtotal[]; total: number; max: number } {
  const byCode = new Map(scores.map((s) => [s.code, s.score]));
  const categories = grid.categories.map((category) => {
    const scored = category.criteria.filter((c) => byCode.has(c.code));
    return {
      code: category.code,
      label: category.label,
      score: scored.reduce((sum, c) => sum + byCode.get(c.code)!, 0),
      max: category.criteria.reduce((sum, c) => sum + c.scaleMax, 0),
      scored: scored.length,
      criteria: category.criteria.length,
    };
  });
  return { categories, total: categories.reduce((s, c) => s + c.score, 0), max: categories.reduce((s, c) => s + c.max, 0) };
}

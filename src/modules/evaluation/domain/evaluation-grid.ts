import { DomainError, type FieldError } from '../../../common/errors/domain-error';

export interface Criterion {
  code: string;
  label: string;
  /** Integer ≥ 1. */
  weight: number;
  scaleMin: number;
  scaleMax: number;
  /** Minimum consensus score to stay in the ranking. */
  threshold?: number;
  /** A gate: a score below `threshold`, or at `scaleMin` when there is no threshold, removes the dossier. */
  eliminatory?: boolean;
}

export interface EvaluationGrid {
  criteria: readonly Criterion[];
  /** Minimum weighted total (Σ weight × score, same unit as the totals). */
  overallThreshold?: number;
}

/**
 * Checks a grid: unique codes, integer weights ≥ 1, integer scales with min ≤ max, thresholds within the scale.
 * @throws DomainError VALIDATION_FAILED listing every problem.
 */
export function assertValidGrid(grid: EvaluationGrid): void {
  const errors: FieldError[] = [];
  const push = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const seen = new Set<string>();
  if (grid.criteria.length === 0) push('criteria', 'EMPTY_GRID', 'La grille doit comporter au moins un critère.');
  grid.criteria.forEach((c, i) => {
    const at = `criteria[${i}]`;
    if (typeof c.code !== 'string' || c.code.trim() === '') push(`${at}.code`, 'EMPTY_CODE', 'Le code est obligatoire.');
    else if (seen.has(c.code)) push(`${at}.code`, 'DUPLICATE_CODE', `Le code ${c.code} est déjà utilisé.`);
    seen.add(c.code);
    if (!Number.isSafeInteger(c.weight) || c.weight < 1) {
      push(`${at}.weight`, 'INVALID_WEIGHT', 'Le poids doit être un entier supérieur ou égal à 1.');
    }
    if (!Number.isSafeInteger(c.scaleMin) || !Number.isSafeInteger(c.scaleMax) || c.scaleMin > c.scaleMax) {
      push(`${at}.scale`, 'INVALID_SCALE', "L'échelle doit être formée de deux entiers, minimum ≤ maximum.");
    } else if (c.threshold !== undefined && (!Number.isSafeInteger(c.threshold) || c.threshold < c.scaleMin || c.threshold > c.scaleMax)) {
      push(`${at}.threshold`, 'INVALID_THRESHOLD', "Le seuil doit être un entier compris dans l'échelle.");
    }
  });
  if (grid.overallThreshold !== undefined && !Number.isSafeInteger(grid.overallThreshold)) {
    push('overallThreshold', 'INVALID_THRESHOLD', 'Le seuil global doit être un entier.');
  }
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid evaluation grid', { errors });
}

/**
 * Σ weight × score over the grid's criteria: an exact integer when scores are integers.
 * @throws DomainError VALIDATION_FAILED when a criterion has no score.
 */
export function weightedTotalOf(grid: EvaluationGrid, scores: Readonly<Record<string, number>>): number {
  return grid.criteria.reduce((total, c) => {
    const score = scoreOf(scores, c.code);
    if (score === undefined) throw new DomainError('VALIDATION_FAILED', `No score for criterion ${c.code}`);
    return total + c.weight * score;
  }, 0);
}

/** The score for `code`, ignoring inherited properties (a criterion could be coded `constructor`). */
export function scoreOf(scores: Readonly<Record<string, number>>, code: string): number | undefined {
  return Object.hasOwn(scores, code) ? scores[code] : undefined;
}

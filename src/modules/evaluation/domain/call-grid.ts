import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { assertValidGrid, type Criterion } from './evaluation-grid';
import type { RankingGrid } from './ranking';

export interface GridCriterion extends Criterion {
  guidance?: string;
}

/** A call's grid with the panel options stored beside it in `call.evaluation_grid` (frozen in `call_version`). */
export interface CallGrid extends RankingGrid {
  criteria: readonly GridCriterion[];
  /** Evaluators diverge on a criterion when max − min is strictly greater than this. */
  divergenceGap: number;
  evaluatorsPerDossier: number;
  fillRemainder: boolean;
}

export const GRID_DEFAULTS = { divergenceGap: 2, evaluatorsPerDossier: 2, fillRemainder: false } as const;

/** The stored grid with its defaults, or null when the call has none. Trusts what `assertValidCallGrid` accepted. */
export function callGridOf(stored: Record<string, unknown> | null | undefined): CallGrid | null {
  if (!stored || !Array.isArray(stored.criteria)) return null;
  const s = stored as Partial<CallGrid> & { criteria: GridCriterion[] };
  return {
    criteria: s.criteria,
    ...(typeof s.overallThreshold === 'number' ? { overallThreshold: s.overallThreshold } : {}),
    tieBreak: Array.isArray(s.tieBreak) ? s.tieBreak : [],
    divergenceGap: typeof s.divergenceGap === 'number' ? s.divergenceGap : GRID_DEFAULTS.divergenceGap,
    evaluatorsPerDossier: typeof s.evaluatorsPerDossier === 'number' ? s.evaluatorsPerDossier : GRID_DEFAULTS.evaluatorsPerDossier,
    fillRemainder: typeof s.fillRemainder === 'boolean' ? s.fillRemainder : GRID_DEFAULTS.fillRemainder,
  };
}

/**
 * Checks the grid (see `assertValidGrid`) and its options: a tie-break chain of distinct known codes, a gap ≥ 0,
 * 1 to 10 evaluators per dossier.
 * @throws DomainError VALIDATION_FAILED listing every problem.
 */
export function assertValidCallGrid(grid: CallGrid): void {
  const errors: FieldError[] = [];
  try {
    assertValidGrid(grid);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    errors.push(...(e.details.errors ?? []));
  }
  const codes = new Set(grid.criteria.map((c) => c.code));
  grid.tieBreak.forEach((code, i) => {
    if (!codes.has(code)) errors.push({ path: `tieBreak[${i}]`, code: 'UNKNOWN_CRITERION', message: `Critère inconnu : ${code}.` });
    else if (grid.tieBreak.indexOf(code) !== i) errors.push({ path: `tieBreak[${i}]`, code: 'DUPLICATE_CRITERION', message: `Critère ${code} répété.` });
  });
  if (!Number.isSafeInteger(grid.divergenceGap) || grid.divergenceGap < 0) {
    errors.push({ path: 'divergenceGap', code: 'INVALID_GAP', message: "L'écart de divergence est un entier positif ou nul." });
  }
  if (!Number.isSafeInteger(grid.evaluatorsPerDossier) || grid.evaluatorsPerDossier < 1 || grid.evaluatorsPerDossier > 10) {
    errors.push({ path: 'evaluatorsPerDossier', code: 'OUT_OF_RANGE', message: "Le nombre d'évaluateurs par dossier est compris entre 1 et 10." });
  }
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', `${errors.length} point(s) de la grille à corriger.`, { errors });
}

/**
 * A starting template after the CSESS characterisation of social innovation (three categories: the need and the
 * response, the actors and the process, the effects). Wording is ours; weights and thresholds are suggestions.
 */
export const CSESS_TEMPLATE: CallGrid = {
  criteria: [
    {
      code: 'C1',
      label: 'Besoin social et réponse apportée',
      guidance: 'Besoin mal ou non satisfait, caractère nouveau de la réponse sur le territoire, public visé.',
      weight: 3,
      scaleMin: 0,
      scaleMax: 5,
      threshold: 2,
    },
    {
      code: 'C2',
      label: 'Acteurs et processus',
      guidance: 'Implication des bénéficiaires et des parties prenantes, coopérations, gouvernance du projet.',
      weight: 2,
      scaleMin: 0,
      scaleMax: 5,
    },
    {
      code: 'C3',
      label: 'Effets et essaimage',
      guidance: 'Résultats attendus, évaluation prévue, potentiel de diffusion ou de changement d’échelle.',
      weight: 2,
      scaleMin: 0,
      scaleMax: 5,
    },
  ],
  overallThreshold: 15,
  tieBreak: ['C1', 'C3'],
  ...GRID_DEFAULTS,
};

const OPTION_KEYS = ['tieBreak', 'divergenceGap', 'evaluatorsPerDossier', 'fillRemainder'] as const;

/**
 * A grid written through the call form (criteria and overall threshold only) keeps what that form cannot show:
 * the panel options and each criterion's guidance (matched by code). Tie-break codes of removed criteria are dropped.
 */
export function keepGridExtras(previous: Record<string, unknown> | null, next: Record<string, unknown>): Record<string, unknown> {
  const before = callGridOf(previous);
  if (!before || !Array.isArray(next.criteria)) return next;
  const merged: Record<string, unknown> = { ...next };
  for (const key of OPTION_KEYS) if (merged[key] === undefined) merged[key] = before[key];
  const criteria = (next.criteria as GridCriterion[]).map((c) => {
    const old = before.criteria.find((o) => o.code === c.code);
    return c.guidance === undefined && old?.guidance !== undefined ? { ...c, guidance: old.guidance } : c;
  });
  merged.criteria = criteria;
  if (next.tieBreak === undefined) merged.tieBreak = before.tieBreak.filter((code) => criteria.some((c) => c.code === code));
  return merged;
}

import { regionCategoryOfDepartement } from '../../cofinancing/domain/region-category';
import { REGION_CATEGORY_LABELS as CATEGORY_LABELS, type RegionCategory as Category } from '../../cofinancing/domain/rate-caps';

/**
 * Category of region (CPR art. 108(2)), as the Annex VII breakdown of the financial data needs it: the three categories
 * of the regulation (the overseas départements are less developed regions), plus « UNKNOWN » for a dossier whose
 * département is missing or outside ESF+ support. docs/domain/region-category.md.
 */
export type RegionCategory = Category | 'UNKNOWN';

export const REGION_CATEGORY_LABELS: Readonly<Record<RegionCategory, string>> = { ...CATEGORY_LABELS, UNKNOWN: 'Non renseignée' };

/** The category of a stored dossier category, else of its département (dossiers saved before the category was stored). */
export function regionCategoryOf(departement: string | null | undefined, stored?: string | null): RegionCategory {
  if (stored === 'LESS_DEVELOPED' || stored === 'TRANSITION' || stored === 'MORE_DEVELOPED') return stored;
  return regionCategoryOfDepartement(departement) ?? 'UNKNOWN';
}

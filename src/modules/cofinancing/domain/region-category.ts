/**
 * Category of region of a French département for 2021-2027 (CPR art. 108(2), docs/domain/region-category.md).
 *
 * The categories are set per NUTS 2 region by Commission Implementing Decision (EU) 2021/1130. The département → région
 * link comes from the official administrative map (`catalogue/domain/territories.ts`, built on INSEE's data); the
 * category is then read from the région code:
 * - the five overseas départements-régions (Guadeloupe 01, Martinique 02, Guyane 03, La Réunion 04, Mayotte 06) are
 *   less developed regions — they are also outermost regions (TFEU art. 349), which is no fourth category;
 * - Île-de-France (11) is a more developed region;
 * - Auvergne-Rhône-Alpes (84) spans two NUTS 2 regions of different categories: the former Rhône-Alpes (FRK2) is more
 *   developed, the former Auvergne (FRK1: Allier, Cantal, Haute-Loire, Puy-de-Dôme) is a transition region;
 * - every other metropolitan région, Corse included, is a transition region.
 */
import { DEPARTEMENTS } from '../../catalogue/domain/territories';
import type { RegionCategory } from './rate-caps';

const LESS_DEVELOPED_REGIONS = new Set(['01', '02', '03', '04', '06']);
const MORE_DEVELOPED_REGIONS = new Set(['11']);
/** The région whose NUTS 2 regions differ in category, and the départements of its transition part (former Auvergne). */
const SPLIT_REGION = '84';
const SPLIT_REGION_TRANSITION_DEPARTEMENTS = new Set(['03', '15', '43', '63']);

/** The category of region of a département code (`69`, `2A`, `974`), or null when it is outside ESF+ support or unknown. */
export function regionCategoryOfDepartement(departement: string | null | undefined): RegionCategory | null {
  if (!departement) return null;
  const code = departement.trim().toUpperCase();
  const region = Object.hasOwn(DEPARTEMENTS, code) ? (DEPARTEMENTS[code]?.[1] ?? null) : null;
  if (!region) return null;
  if (LESS_DEVELOPED_REGIONS.has(region)) return 'LESS_DEVELOPED';
  if (MORE_DEVELOPED_REGIONS.has(region)) return 'MORE_DEVELOPED';
  if (region === SPLIT_REGION) return SPLIT_REGION_TRANSITION_DEPARTEMENTS.has(code) ? 'TRANSITION' : 'MORE_DEVELOPED';
  return 'TRANSITION';
}

/**
 * Where an operation is categorised (our reading, docs/domain/region-category.md): the département the dossier
 * declares as its place of realisation, which for an operation covering several départements is the département of
 * the beneficiary's establishment carrying it; when the dossier declares none, the beneficiary's own département.
 */
export function operationRegionCategory(
  dossierDepartement: string | null | undefined,
  organisationDepartement: string | null | undefined,
): {
  category: RegionCategory | null;
  departement: string | null;
} {
  const departement = dossierDepartement?.trim()
    ? dossierDepartement.trim().toUpperCase()
    : organisationDepartement?.trim()
      ? organisationDepartement.trim().toUpperCase()
      : null;
  return { category: regionCategoryOfDepartement(departement), departement };
}

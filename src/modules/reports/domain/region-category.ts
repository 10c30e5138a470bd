/** Category of region (CPR art. 108), as the Annex VII breakdown of the financial data needs it. */
export type RegionCategory = 'OUTERMOST' | 'MORE_DEVELOPED' | 'TRANSITION' | 'UNKNOWN';

export const REGION_CATEGORY_LABELS: Readonly<Record<RegionCategory, string>> = {
  OUTERMOST: 'Région ultrapériphérique',
  MORE_DEVELOPED: 'Région plus développée',
  TRANSITION: 'Région en transition',
  UNKNOWN: 'Non renseignée',
};

/**
 * Outermost regions (TFEU art. 349) among the départements the application accepts: Guadeloupe 971, Martinique 972,
 * Guyane 973, La Réunion 974, Mayotte 976. Saint-Pierre-et-Miquelon (975) is an overseas country and territory, not an
 * outermost region, and is outside ESF+ support: it is reported as "UNKNOWN" rather than guessed.
 */
const OUTERMOST = new Set(['971', '972', '973', '974', '976']);

/**
 * More developed regions of metropolitan France for 2021-2027, as the PN FSE+ applies them (40 % rate,
 * CPR art. 112(3), docs/domain/reports.md): Île-de-France (75, 77, 78, 91, 92, 93, 94, 95) and the former Rhône-Alpes region
 * (01, 07, 26, 38, 42, 69, 73, 74). Assumption, to be checked against the Commission's NUTS 2 classification
 * (Implementing Decision (EU) 2021/1130) before a real transmission.
 */
const MORE_DEVELOPED = new Set(['75', '77', '78', '91', '92', '93', '94', '95', '01', '07', '26', '38', '42', '69', '73', '74']);

/**
 * The category of region of an operation, from the département where it takes place. Every other metropolitan
 * département (Corsica 2A/2B included) is counted as a transition region (60 % in the PN FSE+).
 */
export function regionCategoryOf(departement: string | null | undefined): RegionCategory {
  if (!departement) return 'UNKNOWN';
  const d = departement.trim().toUpperCase();
  if (OUTERMOST.has(d)) return 'OUTERMOST';
  if (MORE_DEVELOPED.has(d)) return 'MORE_DEVELOPED';
  if (/^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B)$/.test(d)) return 'TRANSITION';
  return 'UNKNOWN';
}

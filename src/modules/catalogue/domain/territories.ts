import officialDepartements from '@etalab/decoupage-administratif/data/departements.json';
import officialRegions from '@etalab/decoupage-administratif/data/regions.json';

/**
 * Régions and départements from the official administrative map (INSEE's Code officiel géographique, as published by
 * the `@etalab/decoupage-administratif` package, pinned to an exact version): no hand list to keep up to date.
 * Kept: the régions and départements of metropolitan France and the five overseas départements-régions (DROM), where
 * ESF+ applies (TFEU art. 349 and 355(1)); Saint-Pierre-et-Miquelon (975) is kept as a département code without a
 * région, since the forms accepted it before (it is an overseas country and territory, outside ESF+ support).
 */
interface OfficialUnit {
  code: string;
  nom: string;
  zone: string;
  region?: string;
}

const IN_SCOPE = new Set(['metro', 'drom']);

export const REGIONS: Readonly<Record<string, string>> = Object.fromEntries(
  (officialRegions as OfficialUnit[]).filter((r) => IN_SCOPE.has(r.zone)).map((r) => [r.code, r.nom]),
);
export type RegionCode = string;

/** Département code → [name, région code]. */
export const DEPARTEMENTS: Readonly<Record<string, readonly [string, RegionCode | null]>> = Object.fromEntries(
  (officialDepartements as OfficialUnit[])
    .filter((d) => IN_SCOPE.has(d.zone) || d.code === '975')
    .map((d) => [d.code, [d.nom, d.region && Object.hasOwn(REGIONS, d.region) ? d.region : null] as const]),
);

/** Every département code, in the usual order (2A and 2B after 19, overseas last). */
export const DEPARTEMENT_CODES: readonly string[] = Object.keys(DEPARTEMENTS).sort(compareDepartements);

export function compareDepartements(a: string, b: string): number {
  const key = (c: string) => (c === '2A' ? '20.1' : c === '2B' ? '20.2' : c.length === 3 ? `9${c}` : c);
  return key(a).localeCompare(key(b), 'fr', { numeric: true });
}

export function isDepartement(code: string): boolean {
  return Object.hasOwn(DEPARTEMENTS, code);
}

export function isRegion(code: string): code is RegionCode {
  return Object.hasOwn(REGIONS, code);
}

export function departementName(code: string | null | undefined): string | null {
  return code && isDepartement(code) ? (DEPARTEMENTS[code]?.[0] ?? null) : null;
}

export function regionOf(departement: string | null | undefined): RegionCode | null {
  return departement && isDepartement(departement) ? (DEPARTEMENTS[departement]?.[1] ?? null) : null;
}

export function regionName(code: string | null | undefined): string | null {
  return code && isRegion(code) ? (REGIONS[code] ?? null) : null;
}

/** The départements of a région, in order. */
export function departementsOf(region: RegionCode): string[] {
  return DEPARTEMENT_CODES.filter((d) => DEPARTEMENTS[d]?.[1] === region);
}

/** Régions sorted by name, for a select list. */
export function regionOptions(): { code: RegionCode; name: string }[] {
  return Object.entries(REGIONS)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/**
 * Annex VII transmission of the financial data (CPR art. 42; docs/domain/reports.md): the Annex I dimensions every
 * line carries, and the cut-off dates of the transmissions.
 */

/**
 * CPR art. 42(1): cumulative data transmitted by 31 January, 30 April, 31 July, 30 September and 30 November each
 * year (month, day).
 */
export const CUT_OFF_DAYS: readonly (readonly [number, number])[] = [
  [1, 31],
  [4, 30],
  [7, 31],
  [9, 30],
  [11, 30],
];

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The five transmission dates of a year, in order. */
export function cutOffDates(year: number): string[] {
  return CUT_OFF_DAYS.map(([m, d]) => iso(year, m, d));
}

/** The transmission the data of `day` (`YYYY-MM-DD`) feed: the first cut-off date on or after it. */
export function nextCutOff(day: string): string {
  const year = Number(day.slice(0, 4));
  return [...cutOffDates(year), ...cutOffDates(year + 1)].find((c) => c >= day)!;
}

/**
 * The Annex I dimensions of an ESF+ Priority 6 operation other than the intervention field (which comes from the call)
 * and the category of region. Essaim does not collect them per call yet: these are the programme's values for the
 * social-innovation grants it manages (our reading, docs/domain/reports.md), printed with their Annex I codes.
 */
export const ANNEX_I_DEFAULTS = {
  /** Table 2, form of financing: 01 grant (every ESF+ support here is a subsidy). */
  formOfFinancing: { code: '01', label: 'Subvention' },
  /** Table 3, territorial delivery mechanism: 33 no territorial targeting (calls are open to every territory). */
  territorialDelivery: { code: '33', label: 'Autres approches — Pas de ciblage territorial' },
  /** Table 6, ESF+ secondary themes: 09 not applicable. */
  secondaryTheme: { code: '09', label: 'Sans objet' },
  /** Table 7, gender equality: 02 gender mainstreaming (CPR art. 9(2) makes it a horizontal principle of every operation). */
  genderEquality: { code: '02', label: 'Intégration de la dimension de genre' },
} as const;

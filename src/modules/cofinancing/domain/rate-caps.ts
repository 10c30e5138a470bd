/**
 * Maximum EU co-financing rates of the PN FSE+ 2021-2027 (CCI 2021FR05SFPR001), as data: per priority and, for the
 * priorities that follow the general rule, per category of region (CPR art. 112(3) ceilings as the programme applies
 * them). ESF+ art. 14(4) lets the social-innovation priority go to 95 %; the programme sets 90 % for material
 * deprivation (Priority 5). Sources and readings: docs/domain/cost-options.md.
 */
import { bp, type BasisPoints } from '../../../common/money/cents';

/** CPR art. 108(2): less developed, transition, more developed. The overseas départements are less developed. */
export const REGION_CATEGORIES = ['LESS_DEVELOPED', 'TRANSITION', 'MORE_DEVELOPED'] as const;
export type RegionCategory = (typeof REGION_CATEGORIES)[number];

export const REGION_CATEGORY_LABELS: Readonly<Record<RegionCategory, string>> = {
  LESS_DEVELOPED: 'Région moins développée',
  TRANSITION: 'Région en transition',
  MORE_DEVELOPED: 'Région plus développée',
};

/** CPR art. 112(2): the rate applies to the total eligible cost, or to the public expenditure only. */
export const RATE_BASES = ['TOTAL_ELIGIBLE_COST', 'PUBLIC_EXPENDITURE'] as const;
export type RateBasis = (typeof RATE_BASES)[number];

export const RATE_BASIS_LABELS: Readonly<Record<RateBasis, string>> = {
  TOTAL_ELIGIBLE_COST: 'coût total éligible',
  PUBLIC_EXPENDITURE: 'dépense publique éligible',
};

export interface PriorityRateRule {
  priority: number;
  /** The priority's title in the programme. */
  title: string;
  /** A single cap whatever the region (derogatory priorities), or null: the cap depends on the region category. */
  flatCapBp: BasisPoints | null;
}

/** Caps by category of region for the priorities without a derogatory rate (fse.gouv.fr, « Le programme national du FSE+ en 7 questions »). */
export const REGION_CATEGORY_CAP_BP: Readonly<Record<RegionCategory, BasisPoints>> = {
  LESS_DEVELOPED: bp(8500),
  TRANSITION: bp(6000),
  MORE_DEVELOPED: bp(4000),
};

export const PN_FSE_PLUS_PRIORITIES: readonly PriorityRateRule[] = [
  {
    priority: 1,
    title: 'Favoriser l’insertion professionnelle et l’inclusion sociale des personnes les plus éloignées du marché du travail et des plus vulnérables',
    flatCapBp: null,
  },
  { priority: 2, title: 'Favoriser l’insertion professionnelle des jeunes et soutenir l’appui à la réussite éducative', flatCapBp: null },
  {
    priority: 3,
    title:
      'Améliorer les compétences et les systèmes d’éducation, de formation professionnelle et d’orientation pour mieux anticiper et accompagner les mutations économiques',
    flatCapBp: null,
  },
  { priority: 4, title: 'Promouvoir un marché du travail et un environnement professionnel inclusifs et adaptés', flatCapBp: null },
  { priority: 5, title: 'Aide matérielle aux plus démunis', flatCapBp: bp(9000) },
  { priority: 6, title: 'Favoriser l’innovation sociale et l’essaimage des dispositifs innovants', flatCapBp: bp(9500) },
];

/** The highest rate the programme allows anywhere: what the simulator accepts when no call is named. */
export const PROGRAMME_MAX_RATE_BP: BasisPoints = bp(
  Math.max(...PN_FSE_PLUS_PRIORITIES.map((p) => p.flatCapBp ?? 0), ...Object.values(REGION_CATEGORY_CAP_BP)),
);

export function priorityRule(priority: number): PriorityRateRule | undefined {
  return PN_FSE_PLUS_PRIORITIES.find((p) => p.priority === priority);
}

export type RateCap =
  { ok: true; capBp: BasisPoints; byRegion: boolean; source: string } | { ok: false; reason: 'UNKNOWN_PRIORITY' | 'REGION_CATEGORY_REQUIRED' };

/**
 * The maximum rate of a call of `priority` in `regionCategory`. A derogatory priority has one cap everywhere; the
 * others need the call's category of region.
 */
export function rateCapFor(priority: number, regionCategory: RegionCategory | null): RateCap {
  const rule = priorityRule(priority);
  if (!rule) return { ok: false, reason: 'UNKNOWN_PRIORITY' };
  if (rule.flatCapBp !== null) {
    return {
      ok: true,
      capBp: rule.flatCapBp,
      byRegion: false,
      source: priority === 6 ? 'article 14, paragraphe 4, du règlement (UE) 2021/1057' : 'programme national FSE+ 2021-2027',
    };
  }
  if (!regionCategory) return { ok: false, reason: 'REGION_CATEGORY_REQUIRED' };
  return { ok: true, capBp: REGION_CATEGORY_CAP_BP[regionCategory], byRegion: true, source: 'article 112, paragraphe 3, du règlement (UE) 2021/1060' };
}

/** The priority as printed to users: « Priorité 6 — Favoriser l’innovation sociale… », never a bare code. */
export function priorityTitle(priority: number): string {
  const rule = priorityRule(priority);
  return rule ? `Priorité ${priority} — ${rule.title}` : `Priorité ${priority}`;
}

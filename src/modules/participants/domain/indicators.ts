import { type AgeBand, ageBand, type ParticipantInput } from './participant';

/**
 * ESF+ common indicators on participants (Regulation 2021/1057 Annex I, points 1.1 and 1.3). Each counts participants,
 * with the breakdown by sex Annex I asks for (women, men, non-binary persons).
 */
export const INDICATOR_LABELS = {
  EECO01: 'Nombre total de participants',
  EECO02: 'Chômeurs, y compris de longue durée',
  EECO03: 'Chômeurs de longue durée',
  EECO04: 'Personnes inactives',
  EECO05: 'Personnes exerçant un emploi, y compris les indépendants',
  EECO06: 'Enfants de moins de 18 ans',
  EECO07: 'Jeunes de 18 à 29 ans',
  EECO08: 'Participants de 55 ans et plus',
  EECO09: 'Titulaires d’un diplôme de l’enseignement secondaire inférieur ou moins (CITE 0-2)',
  EECO10: 'Titulaires d’un diplôme du deuxième cycle du secondaire (CITE 3) ou post-secondaire (CITE 4)',
  EECO11: 'Titulaires d’un diplôme de l’enseignement supérieur (CITE 5 à 8)',
  EECO12: 'Participants handicapés',
  EECO13: 'Ressortissants de pays tiers',
  EECO14: 'Participants d’origine étrangère',
  EECO15: 'Minorités (y compris les communautés marginalisées telles que les Roms)',
  EECO16: 'Sans domicile fixe ou personnes confrontées à l’exclusion du logement',
  EECO17: 'Participants des zones rurales',
  EECR01: 'Participants à la recherche d’un emploi au terme de leur participation',
  EECR02: 'Participants suivant un enseignement ou une formation au terme de leur participation',
  EECR03: 'Participants obtenant une qualification au terme de leur participation',
  EECR04: 'Participants exerçant un emploi, y compris indépendant, au terme de leur participation',
} as const;
export type IndicatorCode = keyof typeof INDICATOR_LABELS;
export const INDICATOR_CODES = Object.keys(INDICATOR_LABELS) as IndicatorCode[];

export function isIndicatorCode(v: unknown): v is IndicatorCode {
  return typeof v === 'string' && v in INDICATOR_LABELS;
}

/** The French label of an indicator, as pages show it (a code outside the catalogue shows as itself). */
export function indicatorLabel(code: string): string {
  return isIndicatorCode(code) ? INDICATOR_LABELS[code] : code;
}

/** The participant facts the indicators read; `key` identifies the person (a participant counts once per indicator). */
export type IndicatorParticipant = { key: string } & Pick<
  ParticipantInput,
  | 'sex'
  | 'birthDate'
  | 'entryDate'
  | 'employmentStatus'
  | 'educationLevel'
  | 'disability'
  | 'thirdCountryNational'
  | 'foreignBackground'
  | 'minority'
  | 'homeless'
  | 'rural'
  | 'exitDate'
  | 'exitJobSearch'
  | 'exitEducation'
  | 'exitQualification'
  | 'exitEmployed'
>;

export interface IndicatorValue {
  total: number;
  women: number;
  men: number;
  nonBinary: number;
}

/** `band` is the participant's age band at entry, computed once per participant. */
type Predicate = (p: IndicatorParticipant, band: AgeBand) => boolean;

const yes = (v: string | null): boolean => v === 'YES';

/** Which participant counts for which indicator. Labour-market status at entry is exclusive (one of EECO02/04/05). */
const PREDICATES: Record<IndicatorCode, Predicate> = {
  EECO01: () => true,
  EECO02: (p) => p.employmentStatus === 'UNEMPLOYED' || p.employmentStatus === 'LONG_TERM_UNEMPLOYED',
  EECO03: (p) => p.employmentStatus === 'LONG_TERM_UNEMPLOYED',
  EECO04: (p) => p.employmentStatus === 'INACTIVE',
  EECO05: (p) => p.employmentStatus === 'EMPLOYED',
  EECO06: (_, band) => band === 'UNDER_18',
  EECO07: (_, band) => band === 'FROM_18_TO_29',
  EECO08: (_, band) => band === 'FROM_55',
  EECO09: (p) => p.educationLevel === 'ISCED_0_2',
  EECO10: (p) => p.educationLevel === 'ISCED_3_4',
  EECO11: (p) => p.educationLevel === 'ISCED_5_8',
  // Special categories (GDPR art. 9): only an explicit YES counts; REFUSED ("prefers not to say") never does.
  EECO12: (p) => yes(p.disability),
  EECO13: (p) => yes(p.thirdCountryNational),
  EECO14: (p) => yes(p.foreignBackground),
  EECO15: (p) => yes(p.minority),
  EECO16: (p) => yes(p.homeless),
  EECO17: (p) => yes(p.rural),
  EECR01: (p) => p.exitDate !== null && p.exitJobSearch && !p.exitEmployed,
  EECR02: (p) => p.exitDate !== null && p.exitEducation,
  EECR03: (p) => p.exitDate !== null && p.exitQualification,
  EECR04: (p) => p.exitDate !== null && p.exitEmployed,
};

export type IndicatorValues = Record<IndicatorCode, IndicatorValue>;

/**
 * Computes every indicator from the participant records. A person entered twice (same `key`) counts once: the
 * first record kept is the earliest entry. Each value's total is the sum of its breakdown by sex.
 */
export function computeIndicators(participants: readonly IndicatorParticipant[]): IndicatorValues {
  const byKey = new Map<string, IndicatorParticipant>();
  for (const p of participants) {
    const seen = byKey.get(p.key);
    if (!seen || p.entryDate < seen.entryDate) byKey.set(p.key, p);
  }
  const out = {} as IndicatorValues;
  for (const code of INDICATOR_CODES) out[code] = { total: 0, women: 0, men: 0, nonBinary: 0 };
  for (const p of byKey.values()) {
    const band = ageBand(p.birthDate, p.entryDate);
    for (const code of INDICATOR_CODES) {
      if (!PREDICATES[code](p, band)) continue;
      const v = out[code];
      v.total += 1;
      if (p.sex === 'F') v.women += 1;
      else if (p.sex === 'M') v.men += 1;
      else v.nonBinary += 1;
    }
  }
  return out;
}

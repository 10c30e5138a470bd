/**
 * State aid regime of an operation (docs/domain/state-aid.md). The applicant chooses one regime in the dossier, with
 * its reference; « no State aid » needs a justification. The regime decides the de minimis ceiling check and the
 * retention period of the records.
 */
import type { FieldError } from '../../../common/errors/domain-error';

export const STATE_AID_REGIMES = ['NONE', 'DE_MINIMIS', 'GBER', 'SIEG_DECISION', 'SIEG_DE_MINIMIS'] as const;
export type StateAidRegime = (typeof STATE_AID_REGIMES)[number];

/** French labels, with the legal basis of each regime (no internal code is ever printed). */
export const STATE_AID_REGIME_LABELS: Readonly<Record<StateAidRegime, string>> = {
  NONE: "Pas d'aide d'État",
  DE_MINIMIS: 'Aide de minimis (règlement (UE) 2023/2831 de la Commission du 13 décembre 2023)',
  GBER: 'Aide exemptée de notification (règlement (UE) n° 651/2014 de la Commission du 17 juin 2014, dit « RGEC »)',
  SIEG_DECISION: "Compensation de service d'intérêt économique général (décision 2012/21/UE de la Commission du 20 décembre 2011)",
  SIEG_DE_MINIMIS:
    "Aide de minimis accordée à une entreprise fournissant un service d'intérêt économique général (règlement (UE) 2023/2832 de la Commission du 13 décembre 2023)",
};

/**
 * De minimis ceilings per undertaking over any period of three years: 300 000 € (Regulation (EU) 2023/2831, art. 3(2)),
 * 750 000 € for SIEG de minimis (Regulation (EU) 2023/2832, art. 3(2)).
 */
export const DE_MINIMIS_CEILING_CENTS: Readonly<Partial<Record<StateAidRegime, number>>> = {
  DE_MINIMIS: 30_000_000,
  SIEG_DE_MINIMIS: 75_000_000,
};

/** Regimes whose records are kept ten years from the grant (GBER art. 12(1); de minimis regulations art. 6(4)). */
const TEN_YEARS_FROM_GRANT: ReadonlySet<StateAidRegime> = new Set(['DE_MINIMIS', 'GBER', 'SIEG_DE_MINIMIS']);

export interface StateAidDeclaration {
  regime: StateAidRegime;
  /** NONE: why the support is not State aid (no economic activity, no advantage, no effect on trade…). */
  justification: string | null;
  /** GBER: the article of Regulation 651/2014 the aid is exempted under (e.g. « 31 » training aid). */
  gberArticle: string | null;
  /** GBER: the exempted scheme (SA number); SIEG: the act of entrustment (mandat); de minimis: optional. */
  reference: string | null;
  /** De minimis: aid received by the undertaking over the three years before (declared by the applicant), cents. */
  deMinimisReceivedCents: number | null;
}

const MAX_TEXT = 2000;

/** GBER articles are numbered 1 to 59, some with a letter suffix (e.g. 25a, 56e). */
const GBER_ARTICLE = /^([1-9]|[1-5][0-9])[a-z]?$/;

/**
 * Checks a declaration: each regime requires its own facts, and the facts of other regimes are refused, so that what
 * is stored is exactly what applies. Returns every error with its field path (French messages).
 */
export function validateStateAid(d: StateAidDeclaration): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const filled = (v: string | null) => typeof v === 'string' && v.trim() !== '';
  if (!(STATE_AID_REGIMES as readonly string[]).includes(d.regime)) {
    add('regime', 'INVALID_CHOICE', "Choisissez le régime d'aide d'État applicable ou indiquez qu'il n'y a pas d'aide d'État.");
    return errors;
  }
  for (const [path, v] of [
    ['justification', d.justification],
    ['reference', d.reference],
    ['gberArticle', d.gberArticle],
  ] as const) {
    if (v && v.length > MAX_TEXT) add(path, 'TOO_LONG', `Ce texte ne peut pas dépasser ${MAX_TEXT} caractères.`);
  }
  if (d.regime === 'NONE' && !filled(d.justification)) add('justification', 'REQUIRED', "Expliquez pourquoi le soutien ne constitue pas une aide d'État.");
  if (d.regime === 'GBER') {
    if (!filled(d.gberArticle)) add('gberArticle', 'REQUIRED', "Indiquez l'article du règlement (UE) n° 651/2014 sous lequel l'aide est exemptée.");
    else if (!GBER_ARTICLE.test(d.gberArticle!.trim().toLowerCase()))
      add('gberArticle', 'INVALID_ARTICLE', 'Article inconnu du règlement (UE) n° 651/2014 (exemples : 31, 32, 35).');
    if (!filled(d.reference)) add('reference', 'REQUIRED', "Indiquez la référence du régime d'aide exempté (numéro SA).");
  }
  if (d.regime === 'SIEG_DECISION' && !filled(d.reference))
    add('reference', 'REQUIRED', "Indiquez la référence de l'acte de mandatement du service d'intérêt économique général.");
  if (d.regime === 'DE_MINIMIS' || d.regime === 'SIEG_DE_MINIMIS') {
    const v = d.deMinimisReceivedCents;
    if (v === null || v === undefined)
      add('deMinimisReceivedCents', 'REQUIRED', 'Indiquez le montant des aides de minimis reçues sur les trois dernières années (0 si aucune).');
    else if (!Number.isSafeInteger(v) || v < 0) add('deMinimisReceivedCents', 'INVALID_AMOUNT', 'Montant invalide.');
  } else if (d.deMinimisReceivedCents !== null && d.deMinimisReceivedCents !== undefined) {
    add('deMinimisReceivedCents', 'NOT_APPLICABLE', 'Le montant des aides de minimis ne se déclare que pour un régime de minimis.');
  }
  if (d.regime !== 'GBER' && filled(d.gberArticle))
    add('gberArticle', 'NOT_APPLICABLE', "L'article du règlement général d'exemption ne concerne que ce régime.");
  if (d.regime !== 'NONE' && filled(d.justification))
    add('justification', 'NOT_APPLICABLE', "La justification ne se donne que lorsque le soutien n'est pas une aide d'État.");
  if (d.regime === 'NONE' && filled(d.reference)) add('reference', 'NOT_APPLICABLE', "Aucune référence de régime n'est attendue sans aide d'État.");
  return errors;
}

export type CeilingCheck = { applies: false } | { applies: true; ceilingCents: number; totalCents: number; exceeded: boolean };

/**
 * De minimis ceiling over three years: the aid already received plus this aid (the ESF+ amount requested or granted).
 * Integer cents; exceeded strictly above the ceiling.
 */
export function deMinimisCeiling(regime: StateAidRegime, receivedCents: number | null, aidCents: number): CeilingCheck {
  const ceilingCents = DE_MINIMIS_CEILING_CENTS[regime];
  if (ceilingCents === undefined) return { applies: false };
  const totalCents = (receivedCents ?? 0) + aidCents;
  return { applies: true, ceilingCents, totalCents, exceeded: totalCents > ceilingCents };
}

/** `YYYY-MM-DD` + n years; 29 February becomes 28 February in a common year. */
function addYears(date: string, years: number): string {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface Retention {
  /** The rule that sets the date, in words, with its legal basis. */
  basis: string;
  /** `YYYY-MM-DD`, or null while the fact it runs from (grant, last payment) is not known yet. */
  endDate: string | null;
}

/**
 * Retention of the records (docs/domain/state-aid.md). GBER and de minimis: ten years from the date the aid is granted
 * (GBER art. 12(1); Regulations 2023/2831 and 2023/2832, art. 6(4)). Every operation also keeps its documents for the
 * CPR art. 82 period (five years from 31 December of the year of the last payment): the later date applies.
 * `grantDate` is the date the aid is granted (the convention signed); `cpr82End` the CPR date once the last payment is known.
 */
export function retentionFor(regime: StateAidRegime, grantDate: string | null, cpr82End: string | null): Retention {
  const cprBasis = "cinq ans à compter du 31 décembre de l'année du dernier paiement (article 82 du règlement (UE) 2021/1060)";
  if (!TEN_YEARS_FROM_GRANT.has(regime)) return { basis: cprBasis, endDate: cpr82End };
  const rule =
    regime === 'GBER'
      ? "dix ans à compter de l'octroi de l'aide (article 12, paragraphe 1, du règlement (UE) n° 651/2014)"
      : `dix ans à compter de l'octroi de l'aide (article 6, paragraphe 4, du règlement (UE) ${regime === 'DE_MINIMIS' ? '2023/2831' : '2023/2832'})`;
  const stateAidEnd = grantDate ? addYears(grantDate, 10) : null;
  const endDate = stateAidEnd && cpr82End ? (stateAidEnd > cpr82End ? stateAidEnd : cpr82End) : stateAidEnd;
  return { basis: `${rule}, et au moins ${cprBasis}`, endDate };
}

/** Whether the support counts as State aid for the simplified-cost rule of CPR art. 53(2). */
export function isStateAid(regime: StateAidRegime): boolean {
  return regime !== 'NONE';
}

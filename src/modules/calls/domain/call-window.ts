import type { FieldError } from '../../../common/errors/domain-error';
import { formatRate } from '../../../common/money/cents';
import { COST_OPTIONS, REGULATION_MAX_FLAT_RATE_BP, type CostOption } from '../../cofinancing/domain/cofinancing';
import {
  FLAT_RATE_BASE_CATEGORIES,
  OPTIONS_REQUIRING_JUSTIFICATION,
  type LineCategory,
  type SimplifiedCostDefinition,
} from '../../cofinancing/domain/cost-options';
import { priorityRule, rateCapFor, REGION_CATEGORY_LABELS, type RateBasis, type RegionCategory } from '../../cofinancing/domain/rate-caps';
import { COST_OPTION_LABELS } from './call-labels';
import { isCalendarDate, parisCalendarDate } from './paris-time';

export type CallPhase = 'UPCOMING' | 'OPEN' | 'CLOSED';

export interface CallWindow {
  opensAt: Date;
  closesAt: Date;
}

/** The priority of the PN FSE+ dedicated to social innovation (ESF+ art. 14(1)). */
export const SOCIAL_INNOVATION_PRIORITY = 6;
/** ESF+ art. 14(4): up to 95 % for a social-innovation priority. Other caps: `rateCapFor` (cofinancing/domain/rate-caps). */
export const SOCIAL_INNOVATION_MAX_RATE_BP = 9500;
/**
 * The longest operation whose execution-report schedule the convention can print (docs/domain/documents.md stops at 48 months:
 * at least two intermediate reports and the final one). A call may not allow longer operations.
 */
export const MAX_REPORTABLE_DURATION_MONTHS = 48;
/** CPR art. 63(2) (`CPR-63-2`): expenditure of the 2021-2027 programmes is eligible from 2021-01-01 to 2029-12-31. */
export const PROGRAMME_ELIGIBILITY_START = '2021-01-01';
export const PROGRAMME_ELIGIBILITY_END = '2029-12-31';

/**
 * Where a call stands by the server's clock: open when `opensAt ≤ now < closesAt` (docs/domain/calls.md).
 * The clock is the caller's `now`, never a date sent by a client.
 */
export function callPhase(call: CallWindow, now: Date): CallPhase {
  const t = now.getTime();
  if (t < call.opensAt.getTime()) return 'UPCOMING';
  return t < call.closesAt.getTime() ? 'OPEN' : 'CLOSED';
}

/** True when dossiers may be submitted now: the call is published and open. */
export function isOpenForSubmission(call: CallWindow & { status: string }, now: Date): boolean {
  return call.status === 'PUBLISHED' && callPhase(call, now) === 'OPEN';
}

/**
 * Calendar days left before closing, counted in Europe/Paris ("J-12"): 0 on the last day, negative once past.
 * The last day is the Paris date of the last instant the call is open, so a call closing at midnight on 1 April
 * has 31 March as its last day.
 */
export function daysLeft(closesAt: Date, now: Date): number {
  const lastDay = parisCalendarDate(new Date(closesAt.getTime() - 1));
  const today = parisCalendarDate(now);
  return Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export interface CallCostOptionRule {
  option: CostOption;
  rateBp: number;
  /** CPR art. 54(c): the calculation that justifies the rate (art. 53(3)(a)). */
  justification?: string | null;
  /** CPR art. 54(c): the direct-cost categories the justified rate applies to; all of them when empty. */
  baseCategories?: LineCategory[] | null;
}

/** The rules of a call that must hold together, whatever its status. Amounts in cents, rates in basis points. */
export interface CallRulesInput {
  priority: number;
  maxRateBp: number;
  envelopeCents: number;
  opensAt: Date;
  closesAt: Date;
  minEuCents: number;
  maxEuCents: number | null;
  minDurationMonths: number;
  maxDurationMonths: number;
  /** Calendar dates `YYYY-MM-DD`. */
  eligibilityStart: string;
  eligibilityEnd: string;
  costOptions: readonly CallCostOptionRule[];
  /** CPR art. 108: required unless the priority has one rate everywhere (Priorities 5 and 6). */
  regionCategory?: RegionCategory | null;
  /** CPR art. 112(2): what the EU rate applies to. */
  rateBasis?: RateBasis;
  /** Unit costs and lump sums the call defines (CPR art. 53(1)(b)-(c)). */
  simplifiedCosts?: readonly SimplifiedCostDefinition[];
}

/**
 * Checks the consistency of a call's rules and returns every violation (empty when valid), each with the path of
 * the field to correct. Shapes and types are the DTO's business; this checks how the fields relate, and the legal
 * ceilings: the Priority 6 rate (ESF+ art. 14(4)), the programme's eligibility window (CPR art. 63(2)) and the
 * regulation maximum of each flat rate (CPR art. 54 and 56).
 */
export function validateCallRules(input: CallRulesInput): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });

  checkRateCap(input, add);

  if (input.envelopeCents <= 0) add('envelopeCents', 'ENVELOPE_EMPTY', "L'enveloppe de l'appel doit être supérieure à zéro.");

  if (!(input.opensAt.getTime() < input.closesAt.getTime())) {
    add('closesAt', 'WINDOW_INVERTED', "La date de clôture doit être postérieure à la date d'ouverture.");
  }

  if (input.maxEuCents !== null && input.minEuCents > input.maxEuCents) {
    add('maxEuCents', 'EU_BOUNDS_INVERTED', 'Le montant FSE+ maximum doit être supérieur ou égal au montant minimum.');
  }
  if (input.envelopeCents > 0 && input.maxEuCents !== null && input.maxEuCents > input.envelopeCents) {
    add('maxEuCents', 'EU_MAXIMUM_ABOVE_ENVELOPE', "Le montant FSE+ maximum par dossier ne peut pas dépasser l'enveloppe de l'appel.");
  }
  if (input.envelopeCents > 0 && input.minEuCents > input.envelopeCents) {
    add('minEuCents', 'EU_MINIMUM_ABOVE_ENVELOPE', "Le montant FSE+ minimum par dossier ne peut pas dépasser l'enveloppe de l'appel.");
  }

  if (input.minDurationMonths < 1) add('minDurationMonths', 'DURATION_TOO_SHORT', "La durée minimale est d'au moins un mois.");
  if (input.maxDurationMonths > MAX_REPORTABLE_DURATION_MONTHS) {
    add(
      'maxDurationMonths',
      'DURATION_BEYOND_REPORT_SCHEDULE',
      `La durée maximale ne peut pas dépasser ${MAX_REPORTABLE_DURATION_MONTHS} mois : le calendrier des bilans d'exécution de la convention s'arrête à ${MAX_REPORTABLE_DURATION_MONTHS} mois.`,
    );
  }
  if (input.minDurationMonths > input.maxDurationMonths) {
    add('maxDurationMonths', 'DURATION_BOUNDS_INVERTED', 'La durée maximale doit être supérieure ou égale à la durée minimale.');
  }

  checkEligibilityWindow(input, add);
  checkCostOptions(input.costOptions, add);
  checkSimplifiedCosts(input.simplifiedCosts ?? [], add);
  return errors;
}

/**
 * What a first publication adds to `validateCallRules`: the call must still be able to receive dossiers,
 * i.e. close after `now`.
 */
export function validateCallForPublication(input: CallRulesInput, now: Date): FieldError[] {
  const errors = validateCallRules(input);
  if (input.closesAt.getTime() <= now.getTime()) {
    errors.push({ path: 'closesAt', code: 'CLOSING_IN_THE_PAST', message: 'La date de clôture est déjà passée : un appel clos ne peut pas être publié.' });
  }
  return errors;
}

type Add = (path: string, code: string, message: string) => void;

function checkEligibilityWindow(input: CallRulesInput, add: Add): void {
  const startOk = isCalendarDate(input.eligibilityStart);
  const endOk = isCalendarDate(input.eligibilityEnd);
  if (!startOk) add('eligibilityStart', 'INVALID_DATE', 'La date doit exister et être au format AAAA-MM-JJ.');
  if (!endOk) add('eligibilityEnd', 'INVALID_DATE', 'La date doit exister et être au format AAAA-MM-JJ.');
  // `YYYY-MM-DD` strings compare in calendar order.
  if (startOk && input.eligibilityStart < PROGRAMME_ELIGIBILITY_START) {
    add(
      'eligibilityStart',
      'ELIGIBILITY_BEFORE_PROGRAMME',
      "Les dépenses ne sont éligibles qu'à partir du 1er janvier 2021 (art. 63(2) du règlement (UE) 2021/1060).",
    );
  }
  if (endOk && input.eligibilityEnd > PROGRAMME_ELIGIBILITY_END) {
    add(
      'eligibilityEnd',
      'ELIGIBILITY_AFTER_PROGRAMME',
      "Les dépenses ne sont éligibles que jusqu'au 31 décembre 2029 (art. 63(2) du règlement (UE) 2021/1060).",
    );
  }
  if (startOk && endOk && input.eligibilityStart >= input.eligibilityEnd) {
    add('eligibilityEnd', 'ELIGIBILITY_INVERTED', "La fin de la période d'éligibilité doit être postérieure à son début.");
  }
}

function checkCostOptions(options: readonly CallCostOptionRule[], add: Add): void {
  if (options.length === 0) add('costOptions', 'NO_COST_OPTION', 'Cochez au moins une option de coûts.');
  const seen = new Set<string>();
  options.forEach((o, i) => {
    if (!(COST_OPTIONS as readonly string[]).includes(o.option)) return; // an unknown option is the DTO's to report
    if (seen.has(o.option)) add(`costOptions[${i}].option`, 'DUPLICATE_COST_OPTION', `L'option « ${COST_OPTION_LABELS[o.option]} » figure deux fois.`);
    seen.add(o.option);
    if (OPTIONS_REQUIRING_JUSTIFICATION.includes(o.option) && !o.justification?.trim()) {
      add(
        `costOptions[${i}].justification`,
        'FLAT_RATE_JUSTIFICATION_REQUIRED',
        `L'option « ${COST_OPTION_LABELS[o.option]} » exige le calcul juste, équitable et vérifiable qui établit le taux (art. 54, point c), et art. 53, paragraphe 3, point a), du règlement (UE) 2021/1060).`,
      );
    }
    const base = FLAT_RATE_BASE_CATEGORIES[o.option];
    if (o.baseCategories?.some((c) => !base.includes(c)) || (o.baseCategories?.length && o.option !== 'INDIRECT_25_CALCULATED')) {
      add(
        `costOptions[${i}].baseCategories`,
        'FLAT_RATE_BASE_NOT_ALLOWED',
        "Seul le taux justifié de l'art. 54, point c), peut restreindre son assiette, et seulement à des coûts directs.",
      );
    }
    const max = REGULATION_MAX_FLAT_RATE_BP[o.option];
    if (o.rateBp > max || o.rateBp < 0) {
      add(
        `costOptions[${i}].rateBp`,
        'FLAT_RATE_ABOVE_REGULATION',
        max === 0
          ? `L'option « ${COST_OPTION_LABELS[o.option]} » n'a pas de taux forfaitaire : le taux doit être 0.`
          : `Le taux de l'option « ${COST_OPTION_LABELS[o.option]} » ne peut pas dépasser ${formatRate(max)}.`,
      );
    }
  });
}

/** CPR art. 112(3) and the programme's caps, per priority and category of region (cofinancing/domain/rate-caps). */
function checkRateCap(input: CallRulesInput, add: Add): void {
  const cap = rateCapFor(input.priority, input.regionCategory ?? null);
  if (!cap.ok) {
    if (cap.reason === 'UNKNOWN_PRIORITY') {
      add('priority', 'UNKNOWN_PRIORITY', `La priorité ${input.priority} n'existe pas dans le programme national FSE+ 2021-2027 (priorités 1 à 6).`);
    } else {
      add(
        'regionCategory',
        'REGION_CATEGORY_REQUIRED',
        `Indiquez la catégorie de région de l'appel : le taux maximal de la priorité ${input.priority} en dépend (article 112, paragraphe 3, du règlement (UE) 2021/1060).`,
      );
    }
    return;
  }
  if (input.maxRateBp > cap.capBp) {
    add(
      'maxRateBp',
      'RATE_ABOVE_PRIORITY_MAXIMUM',
      `Le taux de cofinancement ne peut pas dépasser ${formatRate(cap.capBp)} pour la priorité ${input.priority} « ${priorityRule(input.priority)!.title} »${cap.byRegion && input.regionCategory ? ` en ${REGION_CATEGORY_LABELS[input.regionCategory].toLowerCase()}` : ''} (${cap.source}).`,
    );
  }
}

const SCO_CODE = /^[A-Z0-9][A-Z0-9_]{0,29}$/;

function checkSimplifiedCosts(defs: readonly SimplifiedCostDefinition[], add: Add): void {
  const seen = new Set<string>();
  defs.forEach((d, i) => {
    if (!SCO_CODE.test(d.code)) add(`simplifiedCosts[${i}].code`, 'INVALID_CODE', 'Code en majuscules sans accent (A-Z, 0-9, _), 30 caractères au plus.');
    if (seen.has(d.code)) add(`simplifiedCosts[${i}].code`, 'DUPLICATE_SIMPLIFIED_COST', `Le code « ${d.code} » figure deux fois.`);
    seen.add(d.code);
    if (!(d.amountCents > 0)) add(`simplifiedCosts[${i}].amountCents`, 'AMOUNT_REQUIRED', 'Le montant unitaire ou forfaitaire doit être supérieur à zéro.');
    if (!d.method?.trim()) {
      add(
        `simplifiedCosts[${i}].method`,
        'METHOD_REQUIRED',
        'Indiquez la méthode qui établit ce montant (art. 53, paragraphe 3, du règlement (UE) 2021/1060).',
      );
    }
  });
}

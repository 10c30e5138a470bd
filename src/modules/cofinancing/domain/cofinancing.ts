import { DomainError } from '../../../common/errors/domain-error';
import {
  applyRateFloor,
  bp,
  cents,
  assertBasisPoints,
  assertCents,
  formatEuros,
  formatRate,
  type BasisPoints,
  type Cents,
} from '../../../common/money/cents';

export const COST_OPTIONS = ['REAL_COSTS', 'INDIRECT_15_STAFF', 'INDIRECT_7_DIRECT', 'OTHER_COSTS_40_STAFF'] as const;
export type CostOption = (typeof COST_OPTIONS)[number];

export const LINE_CATEGORIES = ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS', 'IN_KIND'] as const;
export type LineCategory = (typeof LINE_CATEGORIES)[number];

export const RESOURCE_TYPES = ['ESF_PLUS', 'PUBLIC', 'PRIVATE', 'SELF', 'REVENUE', 'IN_KIND'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const COFINANCING_VIOLATION_CODES = [
  'NEGATIVE_AMOUNT',
  'LINE_NOT_ALLOWED_FOR_OPTION',
  'OPTION_NOT_ALLOWED_BY_CALL',
  'SCO_REQUIRED_UNDER_200K',
  'ESF_EXCEEDS_RATE',
  'ESF_BELOW_CALL_MINIMUM',
  'ESF_ABOVE_CALL_MAXIMUM',
  'PLAN_UNBALANCED',
  'IN_KIND_MISMATCH',
] as const;
export type CofinancingViolationCode = (typeof COFINANCING_VIOLATION_CODES)[number];

// Inputs are plain numbers (what a DTO or a stored plan holds) checked by validateInput; the computed plan is Cents.
export interface BudgetLine {
  category: LineCategory;
  amountCents: number;
}

export interface Resource {
  type: ResourceType;
  amountCents: number;
}

export interface CallCostOptionRule {
  option: CostOption;
  /** Flat rate the call allows for this option (≤ the regulation maximum; 0 for REAL_COSTS). */
  rateBp: number;
}

export interface CallFinancingRules {
  allowedOptions: readonly CallCostOptionRule[];
  minEuCents: number;
  maxEuCents: number | null;
}

export interface FinancingPlanInput {
  costOption: CostOption;
  /** Defaults to the call's rate for the option when a call is given, else to the regulation maximum. */
  flatRateBp?: number;
  /** Maximum EU co-financing rate of the call, e.g. 9500. */
  rateBp: number;
  stateAid: boolean;
  lines: readonly BudgetLine[];
  resources: readonly Resource[];
  call?: CallFinancingRules;
}

export interface CofinancingViolation {
  code: CofinancingViolationCode;
  message: string;
}

export interface FinancingPlan {
  directCostsCents: Cents;
  flatRateCostsCents: Cents;
  totalEligibleCostsCents: Cents;
  maxEsfPlusCents: Cents;
  requestedEsfPlusCents: Cents;
  otherResourcesCents: Cents;
  balanced: boolean;
  violations: CofinancingViolation[];
}

/** Regulation maxima of the flat rates: CPR art. 54(b) 15 %, art. 54(a) 7 %, art. 56(1) 40 %. */
export const REGULATION_MAX_FLAT_RATE_BP: Readonly<Record<CostOption, BasisPoints>> = {
  REAL_COSTS: bp(0),
  INDIRECT_15_STAFF: bp(1500),
  INDIRECT_7_DIRECT: bp(700),
  OTHER_COSTS_40_STAFF: bp(4000),
};

/** Line categories the flat rate is computed on (docs/domain/cofinancing.md). */
export const FLAT_RATE_BASE_CATEGORIES: Readonly<Record<CostOption, readonly LineCategory[]>> = {
  REAL_COSTS: [],
  INDIRECT_15_STAFF: ['STAFF'],
  INDIRECT_7_DIRECT: ['STAFF', 'OTHER_DIRECT', 'EXTERNAL_SERVICES', 'PARTICIPANTS'],
  OTHER_COSTS_40_STAFF: ['STAFF'],
};

/** Categories that may be declared at real cost under each option. */
export const ALLOWED_LINE_CATEGORIES: Readonly<Record<CostOption, readonly LineCategory[]>> = {
  REAL_COSTS: LINE_CATEGORIES,
  INDIRECT_15_STAFF: LINE_CATEGORIES,
  INDIRECT_7_DIRECT: LINE_CATEGORIES,
  // CPR art. 56(2): the 40 % covers every other cost; participants' allowances stay at real cost (art. 53(1)(a)).
  OTHER_COSTS_40_STAFF: ['STAFF', 'PARTICIPANTS', 'IN_KIND'],
};

/** CPR art. 53(2): at or below 200 000,00 € of total cost, simplified cost options are mandatory. */
export const SCO_THRESHOLD_CENTS: Cents = cents(20_000_000);

const OPTION_LABELS: Readonly<Record<CostOption, string>> = {
  REAL_COSTS: 'coûts réels',
  INDIRECT_15_STAFF: 'coûts indirects à 15 % des frais de personnel',
  INDIRECT_7_DIRECT: 'coûts indirects à 7 % des coûts directs',
  OTHER_COSTS_40_STAFF: 'autres coûts à 40 % des frais de personnel',
};

const CATEGORY_LABELS: Readonly<Record<LineCategory, string>> = {
  STAFF: 'frais de personnel',
  OTHER_DIRECT: 'autres coûts directs de fonctionnement',
  EXTERNAL_SERVICES: 'prestations externes',
  PARTICIPANTS: 'dépenses liées aux participants',
  IN_KIND: 'contributions en nature',
};

/**
 * Computes the financing plan of a dossier and checks it against docs/domain/cofinancing.md and the call.
 *
 * `flat = floor(base × flatRate)`, `CTE = direct + flat`, `maxEsf = floor(CTE × rate)`: every rounding is a floor,
 * so neither the flat-rate costs nor the EU share ever exceed their rate. Every rule is checked and all violations
 * are returned together. Malformed input (non-integer amounts, rates outside 0..10 000, unknown categories, a flat
 * rate above the regulation maximum) throws a `VALIDATION_FAILED` DomainError instead.
 */
export function computeFinancingPlan(input: FinancingPlanInput): FinancingPlan {
  const flatRateBp = validateInput(input);
  const { costOption, lines, resources, call } = input;

  const directCostsCents = sum(lines.map((l) => l.amountCents), 'lines');
  const baseCategories = FLAT_RATE_BASE_CATEGORIES[costOption];
  const base = sum(lines.filter((l) => baseCategories.includes(l.category)).map((l) => l.amountCents), 'lines');
  const flatRateCostsCents = applyRateFloor(base, flatRateBp);
  const totalEligibleCostsCents = sum([directCostsCents, flatRateCostsCents], 'totalEligibleCostsCents');
  const maxEsfPlusCents = applyRateFloor(totalEligibleCostsCents, input.rateBp);
  const requestedEsfPlusCents = sum(resources.filter((r) => r.type === 'ESF_PLUS').map((r) => r.amountCents), 'resources');
  const otherResourcesCents = sum(resources.filter((r) => r.type !== 'ESF_PLUS').map((r) => r.amountCents), 'resources');
  const resourcesTotal = sum(resources.map((r) => r.amountCents), 'resources');
  const balanced = resourcesTotal === totalEligibleCostsCents;

  const violations: CofinancingViolation[] = [];
  const add = (code: CofinancingViolationCode, message: string) => violations.push({ code, message });

  lines.forEach((l, i) => {
    if (l.amountCents < 0) {
      add('NEGATIVE_AMOUNT', `Ligne de dépense n° ${i + 1} (${CATEGORY_LABELS[l.category]}) : le montant ne peut pas être négatif.`);
    }
  });
  resources.forEach((r, i) => {
    if (r.amountCents < 0) add('NEGATIVE_AMOUNT', `Ressource n° ${i + 1} : le montant ne peut pas être négatif.`);
  });

  const allowed = ALLOWED_LINE_CATEGORIES[costOption];
  lines.forEach((l, i) => {
    if (!allowed.includes(l.category)) {
      add(
        'LINE_NOT_ALLOWED_FOR_OPTION',
        `Ligne de dépense n° ${i + 1} : les ${CATEGORY_LABELS[l.category]} ne peuvent pas être déclarées avec l'option « ${OPTION_LABELS[costOption]} ».`,
      );
    }
  });

  if (call) {
    const rule = call.allowedOptions.find((o) => o.option === costOption);
    if (!rule) {
      add('OPTION_NOT_ALLOWED_BY_CALL', `L'appel à projets n'autorise pas l'option « ${OPTION_LABELS[costOption]} ».`);
    } else if (flatRateBp > rule.rateBp) {
      add(
        'OPTION_NOT_ALLOWED_BY_CALL',
        `Le taux forfaitaire de ${formatRate(flatRateBp)} dépasse le taux de ${formatRate(rule.rateBp)} fixé par l'appel à projets pour l'option « ${OPTION_LABELS[costOption]} ».`,
      );
    }
  }

  if (costOption === 'REAL_COSTS' && !input.stateAid && totalEligibleCostsCents <= SCO_THRESHOLD_CENTS) {
    add(
      'SCO_REQUIRED_UNDER_200K',
      `Le coût total éligible (${formatEuros(totalEligibleCostsCents)}) ne dépasse pas ${formatEuros(SCO_THRESHOLD_CENTS)} : une option de coûts simplifiés est obligatoire hors aide d'État (art. 53(2) du règlement (UE) 2021/1060).`,
    );
  }

  if (requestedEsfPlusCents > maxEsfPlusCents) {
    add(
      'ESF_EXCEEDS_RATE',
      `Le montant FSE+ demandé (${formatEuros(requestedEsfPlusCents)}) dépasse le maximum de ${formatEuros(maxEsfPlusCents)} (${formatRate(input.rateBp)} du coût total éligible).`,
    );
  }
  if (call && requestedEsfPlusCents < call.minEuCents) {
    add(
      'ESF_BELOW_CALL_MINIMUM',
      `Le montant FSE+ demandé (${formatEuros(requestedEsfPlusCents)}) est inférieur au minimum de l'appel à projets (${formatEuros(call.minEuCents)}).`,
    );
  }
  if (call && call.maxEuCents !== null && requestedEsfPlusCents > call.maxEuCents) {
    add(
      'ESF_ABOVE_CALL_MAXIMUM',
      `Le montant FSE+ demandé (${formatEuros(requestedEsfPlusCents)}) est supérieur au maximum de l'appel à projets (${formatEuros(call.maxEuCents)}).`,
    );
  }

  if (!balanced) {
    add(
      'PLAN_UNBALANCED',
      `Le plan de financement n'est pas équilibré : les ressources (${formatEuros(resourcesTotal)}) doivent être égales au coût total éligible (${formatEuros(totalEligibleCostsCents)}).`,
    );
  }

  const inKindCosts = sum(lines.filter((l) => l.category === 'IN_KIND').map((l) => l.amountCents), 'lines');
  const inKindResources = sum(resources.filter((r) => r.type === 'IN_KIND').map((r) => r.amountCents), 'resources');
  if (inKindCosts !== inKindResources) {
    add(
      'IN_KIND_MISMATCH',
      `Les contributions en nature doivent figurer pour le même montant en dépenses (${formatEuros(inKindCosts)}) et en ressources (${formatEuros(inKindResources)}).`,
    );
  }

  return {
    directCostsCents,
    flatRateCostsCents,
    totalEligibleCostsCents,
    maxEsfPlusCents,
    requestedEsfPlusCents,
    otherResourcesCents,
    balanced,
    violations,
  };
}

/** Throws on malformed input; returns the effective flat rate. */
function validateInput(input: FinancingPlanInput): BasisPoints {
  assertOneOf(input.costOption, COST_OPTIONS, 'costOption');
  assertBasisPoints(input.rateBp, 'rateBp');
  input.lines.forEach((l, i) => {
    assertOneOf(l.category, LINE_CATEGORIES, `lines[${i}].category`);
    assertCents(l.amountCents, `lines[${i}].amountCents`);
  });
  input.resources.forEach((r, i) => {
    assertOneOf(r.type, RESOURCE_TYPES, `resources[${i}].type`);
    assertCents(r.amountCents, `resources[${i}].amountCents`);
  });
  if (input.call) {
    assertCents(input.call.minEuCents, 'call.minEuCents');
    if (input.call.maxEuCents !== null) assertCents(input.call.maxEuCents, 'call.maxEuCents');
    input.call.allowedOptions.forEach((o, i) => assertBasisPoints(o.rateBp, `call.allowedOptions[${i}].rateBp`));
  }

  const regulationMax = REGULATION_MAX_FLAT_RATE_BP[input.costOption];
  const callRate = input.call?.allowedOptions.find((o) => o.option === input.costOption)?.rateBp;
  const flatRateBp = input.flatRateBp ?? Math.min(callRate ?? regulationMax, regulationMax);
  assertBasisPoints(flatRateBp, 'flatRateBp');
  if (flatRateBp > regulationMax) {
    throw new DomainError('VALIDATION_FAILED', `flatRateBp must not exceed ${regulationMax} for ${input.costOption}`, {
      errors: [
        {
          path: 'flatRateBp',
          code: 'TOO_LARGE',
          message: `Le taux forfaitaire ne peut pas dépasser ${formatRate(regulationMax)} pour l'option « ${OPTION_LABELS[input.costOption]} ».`,
        },
      ],
    });
  }
  return flatRateBp;
}

function assertOneOf<T extends string>(value: string, allowed: readonly T[], path: string): asserts value is T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new DomainError('VALIDATION_FAILED', `${path} must be one of ${allowed.join(', ')}`, {
      errors: [{ path, code: 'NOT_ALLOWED_VALUE', message: `Valeur non autorisée : ${allowed.join(', ')}.` }],
    });
  }
}

/** Exact sum (BigInt), refused when it leaves the safe-integer range rather than silently losing cents. */
function sum(amounts: readonly number[], path: string): Cents {
  const total = amounts.reduce((acc, a) => acc + BigInt(a), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new DomainError('VALIDATION_FAILED', `${path} total exceeds the safe integer range`, {
      errors: [{ path, code: 'TOO_LARGE', message: 'Le total des montants est trop élevé.' }],
    });
  }
  return Number(total) as Cents;
}

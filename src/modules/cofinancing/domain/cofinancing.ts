import { DomainError } from '../../../common/errors/domain-error';
import { applyRateFloor, assertBasisPoints, assertCents, formatEuros, formatRate, type BasisPoints, type Cents } from '../../../common/money/cents';

export {
  ALLOWED_LINE_CATEGORIES,
  COST_OPTIONS,
  FLAT_RATE_BASE_CATEGORIES,
  LINE_CATEGORIES,
  REGULATION_MAX_FLAT_RATE_BP,
  SCO_THRESHOLD_CENTS,
  type CostOption,
  type LineCategory,
  type SimplifiedCostDefinition,
} from './cost-options';
import {
  ALLOWED_LINE_CATEGORIES,
  CATEGORY_LABELS,
  COST_OPTIONS,
  FLAT_RATE_BASE_CATEGORIES,
  LINE_CATEGORIES,
  OPTION_LABELS,
  OPTIONS_ONLY_UNDER_THRESHOLD,
  REGULATION_MAX_FLAT_RATE_BP,
  SCO_THRESHOLD_CENTS,
  type CostOption,
  type LineCategory,
  type SimplifiedCostDefinition,
} from './cost-options';
import { RATE_BASES, type RateBasis } from './rate-caps';

export const RESOURCE_TYPES = ['ESF_PLUS', 'PUBLIC', 'PRIVATE', 'SELF', 'REVENUE', 'IN_KIND'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const COFINANCING_VIOLATION_CODES = [
  'NEGATIVE_AMOUNT',
  'LINE_NOT_ALLOWED_FOR_OPTION',
  'OPTION_NOT_ALLOWED_BY_CALL',
  'SCO_REQUIRED_UNDER_200K',
  'DRAFT_BUDGET_ABOVE_200K',
  'SIMPLIFIED_COST_UNKNOWN',
  'SIMPLIFIED_COST_MISMATCH',
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
  /** A unit cost or lump sum of the call covers this line: its amount is `quantity × unit amount`. */
  simplifiedCostCode?: string | null;
  quantity?: number | null;
}

export interface Resource {
  type: ResourceType;
  amountCents: number;
}

export interface CallCostOptionRule {
  option: CostOption;
  /** Flat rate the call allows for this option (≤ the regulation maximum; 0 without a flat rate). */
  rateBp: number;
  /** Art. 54(c): the justified calculation of the rate (art. 53(3)(a)), required for that option. */
  justification?: string | null;
  /** Art. 54(c): the direct-cost categories the justified rate is calculated on, when narrower than all of them. */
  baseCategories?: readonly LineCategory[] | null;
}

export interface CallFinancingRules {
  allowedOptions: readonly CallCostOptionRule[];
  minEuCents: number;
  maxEuCents: number | null;
  /** Unit costs and lump sums the call defines (CPR art. 53(1)(b)-(c)). */
  simplifiedCosts?: readonly SimplifiedCostDefinition[];
}

export interface FinancingPlanInput {
  costOption: CostOption;
  /** Defaults to the call's rate for the option when a call is given, else to the regulation maximum. */
  flatRateBp?: number;
  /** Maximum EU co-financing rate of the call, e.g. 9500. */
  rateBp: number;
  /** CPR art. 112(2): what the rate applies to; the total eligible cost by default. */
  rateBasis?: RateBasis;
  /** The beneficiary's own funds are public money (a public body): they count in the public expenditure. */
  selfFundsArePublic?: boolean;
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
  /** The base the EU rate applied to: the total eligible cost, or the public expenditure (CPR art. 112(2)). */
  rateBaseCents: Cents;
  maxEsfPlusCents: Cents;
  requestedEsfPlusCents: Cents;
  otherResourcesCents: Cents;
  balanced: boolean;
  violations: CofinancingViolation[];
}

/**
 * Computes the financing plan of a dossier and checks it against docs/domain/cost-options.md and the call.
 *
 * `flat = floor(base × flatRate)`, `CTE = direct + flat`, `maxEsf = floor(CTE × rate)`: every rounding is a floor,
 * so neither the flat-rate costs nor the EU share ever exceed their rate. Every rule is checked and all violations
 * are returned together. Malformed input (non-integer amounts, rates outside 0..10 000, unknown categories, a flat
 * rate above the regulation maximum) throws a `VALIDATION_FAILED` DomainError instead.
 */
export function computeFinancingPlan(input: FinancingPlanInput): FinancingPlan {
  const flatRateBp = validateInput(input);
  const { costOption, lines, resources, call } = input;
  const rule = call?.allowedOptions.find((o) => o.option === costOption);

  const directCostsCents = sum(
    lines.map((l) => l.amountCents),
    'lines',
  );
  const baseCategories = flatRateBase(costOption, rule);
  const base = sum(
    lines.filter((l) => baseCategories.includes(l.category)).map((l) => l.amountCents),
    'lines',
  );
  const flatRateCostsCents = applyRateFloor(base, flatRateBp);
  const totalEligibleCostsCents = sum([directCostsCents, flatRateCostsCents], 'totalEligibleCostsCents');
  const requestedEsfPlusCents = sum(
    resources.filter((r) => r.type === 'ESF_PLUS').map((r) => r.amountCents),
    'resources',
  );
  const otherResourcesCents = sum(
    resources.filter((r) => r.type !== 'ESF_PLUS').map((r) => r.amountCents),
    'resources',
  );
  const resourcesTotal = sum(
    resources.map((r) => r.amountCents),
    'resources',
  );
  const balanced = resourcesTotal === totalEligibleCostsCents;
  const rateBasis = input.rateBasis ?? 'TOTAL_ELIGIBLE_COST';
  const otherPublic = sum(
    resources.filter((r) => r.type === 'PUBLIC' || (input.selfFundsArePublic === true && r.type === 'SELF')).map((r) => r.amountCents),
    'resources',
  );
  const { rateBaseCents, maxEsfPlusCents } =
    rateBasis === 'TOTAL_ELIGIBLE_COST'
      ? { rateBaseCents: totalEligibleCostsCents, maxEsfPlusCents: applyRateFloor(totalEligibleCostsCents, input.rateBp) }
      : publicExpenditureMaximum(otherPublic, requestedEsfPlusCents, totalEligibleCostsCents, input.rateBp);

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

  checkOptionAgainstCall(costOption, flatRateBp, call, rule, add);
  checkSimplifiedCostLines(lines, call, add);
  checkSmallOperationRule(input, lines, baseCategories, totalEligibleCostsCents, add);

  if (requestedEsfPlusCents > maxEsfPlusCents) {
    add(
      'ESF_EXCEEDS_RATE',
      rateBasis === 'TOTAL_ELIGIBLE_COST'
        ? `Le montant FSE+ demandé (${formatEuros(requestedEsfPlusCents)}) dépasse le maximum de ${formatEuros(maxEsfPlusCents)} (${formatRate(input.rateBp)} du coût total éligible).`
        : `Le montant FSE+ demandé (${formatEuros(requestedEsfPlusCents)}) dépasse ${formatRate(input.rateBp)} de la dépense publique éligible (${formatEuros(rateBaseCents)}) : le maximum est de ${formatEuros(maxEsfPlusCents)} (art. 112, paragraphe 2, du règlement (UE) 2021/1060).`,
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

  const inKindCosts = sum(
    lines.filter((l) => l.category === 'IN_KIND').map((l) => l.amountCents),
    'lines',
  );
  const inKindResources = sum(
    resources.filter((r) => r.type === 'IN_KIND').map((r) => r.amountCents),
    'resources',
  );
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
    rateBaseCents,
    maxEsfPlusCents,
    requestedEsfPlusCents,
    otherResourcesCents,
    balanced,
    violations,
  };
}

type Add = (code: CofinancingViolationCode, message: string) => void;

/** The categories the flat rate is calculated on: the option's, or the narrower base of a justified art. 54(c) rate. */
export function flatRateBase(option: CostOption, rule: CallCostOptionRule | undefined): readonly LineCategory[] {
  const base = FLAT_RATE_BASE_CATEGORIES[option];
  if (option === 'INDIRECT_25_CALCULATED' && rule?.baseCategories?.length) return base.filter((c) => rule.baseCategories!.includes(c));
  return base;
}

/**
 * CPR art. 112(2)(b): the rate applies to the public expenditure `E + P` (EU amount plus other public money), so the
 * largest EU amount `E` with `E ≤ (E + P) × r` is `floor(P × r / (1 − r))`, never more than the total eligible cost.
 */
function publicExpenditureMaximum(otherPublic: Cents, requested: Cents, cte: Cents, rateBp: number): { rateBaseCents: Cents; maxEsfPlusCents: Cents } {
  const rateBaseCents = sum([otherPublic, requested], 'resources');
  if (rateBp >= 10_000) return { rateBaseCents, maxEsfPlusCents: cte };
  const max = (BigInt(Math.max(otherPublic, 0)) * BigInt(rateBp)) / BigInt(10_000 - rateBp);
  return { rateBaseCents, maxEsfPlusCents: Number(max < BigInt(cte) ? max : BigInt(Math.max(cte, 0))) as Cents };
}

function checkOptionAgainstCall(
  costOption: CostOption,
  flatRateBp: BasisPoints,
  call: CallFinancingRules | undefined,
  rule: CallCostOptionRule | undefined,
  add: Add,
): void {
  if (!call) return;
  if (!rule) {
    add('OPTION_NOT_ALLOWED_BY_CALL', `L'appel à projets n'autorise pas l'option « ${OPTION_LABELS[costOption]} ».`);
  } else if (flatRateBp > rule.rateBp) {
    add(
      'OPTION_NOT_ALLOWED_BY_CALL',
      `Le taux forfaitaire de ${formatRate(flatRateBp)} dépasse le taux de ${formatRate(rule.rateBp)} fixé par l'appel à projets pour l'option « ${OPTION_LABELS[costOption]} ».`,
    );
  }
}

/** A line that uses a unit cost or lump sum must name one the call defines, in its category, for `quantity × amount`. */
function checkSimplifiedCostLines(lines: readonly BudgetLine[], call: CallFinancingRules | undefined, add: Add): void {
  lines.forEach((l, i) => {
    if (!l.simplifiedCostCode) return;
    const def = call?.simplifiedCosts?.find((d) => d.code === l.simplifiedCostCode);
    if (!def) {
      add('SIMPLIFIED_COST_UNKNOWN', `Ligne de dépense n° ${i + 1} : l'appel à projets ne définit pas le coût simplifié « ${l.simplifiedCostCode} ».`);
      return;
    }
    const quantity = l.quantity ?? 0;
    const expected = BigInt(quantity) * BigInt(def.amountCents);
    const kindLabel = def.kind === 'UNIT_COST' ? 'coût unitaire' : 'montant forfaitaire';
    if (def.category !== l.category) {
      add(
        'SIMPLIFIED_COST_MISMATCH',
        `Ligne de dépense n° ${i + 1} : le ${kindLabel} « ${def.label} » couvre les ${CATEGORY_LABELS[def.category]}, pas les ${CATEGORY_LABELS[l.category]}.`,
      );
    } else if (def.kind === 'LUMP_SUM' && quantity !== 1) {
      add('SIMPLIFIED_COST_MISMATCH', `Ligne de dépense n° ${i + 1} : le montant forfaitaire « ${def.label} » se déclare une seule fois (quantité 1).`);
    } else if (BigInt(l.amountCents) !== expected) {
      add(
        'SIMPLIFIED_COST_MISMATCH',
        `Ligne de dépense n° ${i + 1} : ${quantity} × ${formatEuros(def.amountCents)} (${def.label}) font ${formatEuros(Number(expected))}, pas ${formatEuros(l.amountCents)}.`,
      );
    }
  });
}

/**
 * CPR art. 53(2), exactly as docs/domain/cost-options.md states it. At or below 200 000 € of total cost (in-kind included) and
 * outside State aid, a positive line may stay at real cost only if the flat rate is calculated on its category, or if
 * it is a participant cost (art. 53(1)(a), ESF+ art. 16). A line covered by a unit cost or lump sum of the call is
 * not at real cost. The draft-budget method turns the whole budget into a lump sum, so it passes, but only there.
 * A line the option does not allow at all is reported by LINE_NOT_ALLOWED_FOR_OPTION instead, never twice.
 */
function checkSmallOperationRule(input: FinancingPlanInput, lines: readonly BudgetLine[], baseCategories: readonly LineCategory[], cte: Cents, add: Add): void {
  const { costOption } = input;
  const allowed = ALLOWED_LINE_CATEGORIES[costOption];
  lines.forEach((l, i) => {
    if (!allowed.includes(l.category)) {
      add(
        'LINE_NOT_ALLOWED_FOR_OPTION',
        `Ligne de dépense n° ${i + 1} : les ${CATEGORY_LABELS[l.category]} ne peuvent pas être déclarées avec l'option « ${OPTION_LABELS[costOption]} ».`,
      );
    }
  });

  const small = cte <= SCO_THRESHOLD_CENTS;
  if (OPTIONS_ONLY_UNDER_THRESHOLD.includes(costOption) && !small) {
    add(
      'DRAFT_BUDGET_ABOVE_200K',
      `La méthode du projet de budget n'est ouverte qu'aux opérations dont le coût total ne dépasse pas ${formatEuros(SCO_THRESHOLD_CENTS)} (art. 53, paragraphe 3, point b), du règlement (UE) 2021/1060) ; le coût total est de ${formatEuros(cte)}.`,
    );
  }
  if (!small || input.stateAid || costOption === 'DRAFT_BUDGET') return;
  lines.forEach((l, i) => {
    if (l.amountCents <= 0 || !allowed.includes(l.category) || l.simplifiedCostCode) return;
    if (l.category === 'PARTICIPANTS' || baseCategories.includes(l.category)) return;
    add(
      'SCO_REQUIRED_UNDER_200K',
      `Ligne de dépense n° ${i + 1} (${CATEGORY_LABELS[l.category]}) : le coût total (${formatEuros(cte)}) ne dépasse pas ${formatEuros(SCO_THRESHOLD_CENTS)}, hors aide d'État ces dépenses ne peuvent pas être remboursées au réel ; couvrez-les par un taux forfaitaire calculé sur elles, un coût unitaire, un montant forfaitaire ou un projet de budget (art. 53, paragraphe 2, du règlement (UE) 2021/1060).`,
    );
  });
}

/** Throws on malformed input; returns the effective flat rate. */
function validateInput(input: FinancingPlanInput): BasisPoints {
  assertOneOf(input.costOption, COST_OPTIONS, 'costOption');
  assertBasisPoints(input.rateBp, 'rateBp');
  if (input.rateBasis !== undefined) assertOneOf(input.rateBasis, RATE_BASES, 'rateBasis');
  input.lines.forEach((l, i) => {
    assertOneOf(l.category, LINE_CATEGORIES, `lines[${i}].category`);
    assertCents(l.amountCents, `lines[${i}].amountCents`);
    if (l.quantity !== undefined && l.quantity !== null) assertCents(l.quantity, `lines[${i}].quantity`);
  });
  input.resources.forEach((r, i) => {
    assertOneOf(r.type, RESOURCE_TYPES, `resources[${i}].type`);
    assertCents(r.amountCents, `resources[${i}].amountCents`);
  });
  if (input.call) {
    assertCents(input.call.minEuCents, 'call.minEuCents');
    if (input.call.maxEuCents !== null) assertCents(input.call.maxEuCents, 'call.maxEuCents');
    input.call.allowedOptions.forEach((o, i) => assertBasisPoints(o.rateBp, `call.allowedOptions[${i}].rateBp`));
    input.call.simplifiedCosts?.forEach((d, i) => assertCents(d.amountCents, `call.simplifiedCosts[${i}].amountCents`));
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
          message:
            regulationMax === 0
              ? `L'option « ${OPTION_LABELS[input.costOption]} » n'a pas de taux forfaitaire.`
              : `Le taux forfaitaire ne peut pas dépasser ${formatRate(regulationMax)} pour l'option « ${OPTION_LABELS[input.costOption]} ».`,
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

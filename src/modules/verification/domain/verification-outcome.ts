import { applyRateFloor, cents } from '../../../common/money/cents';
import { computeFinancingPlan, type CostOption, LINE_CATEGORIES, type LineCategory } from '../../cofinancing/domain/cofinancing';
import { categoryOutcome, type CategoryOutcome, type VerifiedLine } from './extrapolation';

/** Decisions on a checked line (docs/domain/verification.md). */
export const LINE_DECISIONS = ['RETAINED', 'REDUCED', 'REJECTED'] as const;
export type LineDecision = (typeof LINE_DECISIONS)[number];

/** Reasons for reducing or rejecting a line; OTHER needs a text. Kept in step with the verification_line CHECK. */
export const REASON_CODES = [
  'OUTSIDE_PERIOD',
  'NOT_PAID',
  'NO_LINK',
  'INSUFFICIENT_PROOF',
  'INELIGIBLE_NATURE',
  'DOUBLE_FUNDING',
  'OVER_TOLERANCE',
  'OTHER',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_LABELS: Record<ReasonCode, string> = {
  OUTSIDE_PERIOD: "Hors de la période d'éligibilité",
  NOT_PAID: 'Dépense non acquittée',
  NO_LINK: "Sans lien avec l'opération",
  INSUFFICIENT_PROOF: 'Pièce justificative absente ou insuffisante',
  INELIGIBLE_NATURE: 'Inéligible par nature',
  DOUBLE_FUNDING: 'Double financement',
  OVER_TOLERANCE: 'Au-delà de la tolérance du plan',
  OTHER: 'Autre motif',
};

export type Selection = VerifiedLine['selection'];

export interface OutcomeLine {
  readonly id: string;
  readonly category: LineCategory;
  readonly declaredCents: number;
  readonly selection: Selection;
  /** Retained after the check; null or undefined while undecided (counted as retained in a provisional outcome). */
  readonly retainedCents?: number | null;
}

export interface OutcomePlan {
  readonly costOption: CostOption;
  readonly flatRateBp: number | null;
  readonly rateBp: number;
  /** The convention plan in force, by category (several lines of a category add up). */
  readonly lines: readonly { category: LineCategory; amountCents: number }[];
}

export interface CategoryResult extends CategoryOutcome {
  readonly category: LineCategory;
  readonly plannedCents: number;
  /** What the category may still retain: planned + tolerance, less what earlier finalised verifications retained. */
  readonly allowedCents: number;
  /** Retained after extrapolation beyond `allowedCents`: not retained (reason OVER_TOLERANCE). */
  readonly overToleranceCents: number;
  /** retainedCents − overToleranceCents. */
  readonly finalRetainedCents: number;
}

export interface VerificationOutcome {
  readonly categories: CategoryResult[];
  readonly directDeclaredCents: number;
  readonly directRetainedCents: number;
  /** Flat-rate costs computed by the co-financing code on the declared bases, then on the retained bases. */
  readonly flatRateDeclaredCents: number;
  readonly flatRateRetainedCents: number;
  /** Direct + flat rate: what `verification.declared_cents` and `retained_cents` hold. */
  readonly declaredCents: number;
  readonly retainedCents: number;
  /** Lines of the sample or above the threshold still without a decision. */
  readonly undecided: number;
}

const sumBy = (xs: readonly { category: LineCategory; amountCents: number }[], c: LineCategory): number =>
  xs.filter((x) => x.category === c).reduce((s, x) => s + x.amountCents, 0);

/** Flat-rate costs of the plan's option on the given direct costs, by the co-financing code (CPR art. 54-56). */
export function flatRateOn(plan: OutcomePlan, direct: readonly { category: LineCategory; amountCents: number }[]): number {
  return computeFinancingPlan({
    costOption: plan.costOption,
    flatRateBp: plan.flatRateBp ?? undefined,
    rateBp: plan.rateBp,
    stateAid: true,
    lines: direct.map((l) => ({ category: l.category, amountCents: cents(l.amountCents) })),
    resources: [],
  }).flatRateCostsCents;
}

/**
 * The outcome of a verification (docs/domain/verification.md), per cost category:
 * 1. checked lines count for what was retained, unsampled lines for what the sample's error leaves
 *    (`categoryOutcome`: extrapolated = floor(rejected in sample × unsampled / sampled));
 * 2. the tolerance between categories: a category may exceed its planned amount by `toleranceBp` of it without an
 *    amendment (call.reallocation_tolerance_bp); what the operation's verified total for the category would retain
 *    beyond planned + tolerance is not retained (our reading of the convention's reallocation clause);
 * 3. flat-rate costs are recomputed by the co-financing code on the retained bases.
 * `previousRetained`: what earlier finalised verifications of the operation retained, by category.
 */
export function verificationOutcome(
  lines: readonly OutcomeLine[],
  plan: OutcomePlan,
  toleranceBp: number,
  previousRetained: Partial<Record<LineCategory, number>> = {},
): VerificationOutcome {
  const byCategory = new Map<LineCategory, VerifiedLine[]>();
  let undecided = 0;
  for (const l of lines) {
    if (l.selection !== 'UNSAMPLED' && (l.retainedCents === null || l.retainedCents === undefined)) undecided++;
    const group = byCategory.get(l.category) ?? [];
    group.push({ id: l.id, amountCents: l.declaredCents, selection: l.selection, retainedCents: l.retainedCents ?? undefined });
    byCategory.set(l.category, group);
  }
  const categories: CategoryResult[] = [];
  for (const category of LINE_CATEGORIES) {
    const group = byCategory.get(category);
    const plannedCents = sumBy(plan.lines, category);
    if (!group && plannedCents === 0) continue;
    const outcome = categoryOutcome(group ?? []);
    const allowedCents = Math.max(0, plannedCents + applyRateFloor(plannedCents, toleranceBp) - (previousRetained[category] ?? 0));
    const overToleranceCents = Math.max(0, outcome.retainedCents - allowedCents);
    categories.push({ category, plannedCents, ...outcome, allowedCents, overToleranceCents, finalRetainedCents: outcome.retainedCents - overToleranceCents });
  }
  const declaredDirect = categories.map((c) => ({ category: c.category, amountCents: c.declaredCents }));
  const retainedDirect = categories.map((c) => ({ category: c.category, amountCents: c.finalRetainedCents }));
  const directDeclaredCents = declaredDirect.reduce((s, c) => s + c.amountCents, 0);
  const directRetainedCents = retainedDirect.reduce((s, c) => s + c.amountCents, 0);
  const flatRateDeclaredCents = flatRateOn(plan, declaredDirect);
  const flatRateRetainedCents = flatRateOn(plan, retainedDirect);
  return {
    categories,
    directDeclaredCents,
    directRetainedCents,
    flatRateDeclaredCents,
    flatRateRetainedCents,
    declaredCents: directDeclaredCents + flatRateDeclaredCents,
    retainedCents: directRetainedCents + flatRateRetainedCents,
    undecided,
  };
}

/** The retained amount a decision implies, or an error code for the field `retainedCents`. */
export function retainedFor(
  decision: LineDecision,
  declaredCents: number,
  reducedTo: number | null | undefined,
): number | 'REDUCED_AMOUNT_REQUIRED' | 'REDUCED_AMOUNT_OUT_OF_RANGE' {
  if (decision === 'RETAINED') return declaredCents;
  if (decision === 'REJECTED') return 0;
  if (reducedTo === null || reducedTo === undefined) return 'REDUCED_AMOUNT_REQUIRED';
  if (!Number.isSafeInteger(reducedTo) || reducedTo < 0 || reducedTo >= declaredCents) return 'REDUCED_AMOUNT_OUT_OF_RANGE';
  return reducedTo;
}

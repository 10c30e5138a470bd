import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { formatEuros } from '../../../common/money/cents';
import { computeFinancingPlan, type CostOption, type FinancingPlan } from '../../cofinancing/domain/cofinancing';
import type { PlanLine, PlanResource } from '../../applications/domain/application-content';

/** A complete version of a financing plan, as `financing_plan_version` keeps it. */
export interface PlanBasis {
  costOption: CostOption;
  flatRateBp: number | null;
  /** The EU rate of the call the plan was computed with. */
  rateBp: number;
  stateAid: boolean;
  lines: readonly PlanLine[];
  resources: readonly PlanResource[];
  euCents: number;
}

export interface ProposedPlan {
  lines: readonly PlanLine[];
  resources: readonly PlanResource[];
}

/**
 * Checks a reduction proposed by the instructor against the applicant's version and recomputes it with the same
 * co-financing code as the applicant's plan (same cost option, flat rate and EU rate, so the EU share is floored at
 * the rate again). A reduction keeps the applicant's lines in order (a dropped line is set to 0), never increases a
 * line, never increases the EU amount, and must itself be a valid plan (balanced, within the rate). Every problem is
 * returned at once.
 */
export function checkReducedPlan(applicant: PlanBasis, proposed: ProposedPlan): { plan: FinancingPlan | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });

  if (proposed.lines.length !== applicant.lines.length) {
    add(
      'reducedPlan.lines',
      'LINES_CHANGED',
      `Le plan réduit reprend les ${applicant.lines.length} lignes du plan du porteur, dans le même ordre (une ligne supprimée est ramenée à 0).`,
    );
  } else {
    proposed.lines.forEach((line, i) => {
      const before = applicant.lines[i];
      if (!before) return; // same number of lines, checked above
      if (line.category !== before.category) {
        add(`reducedPlan.lines[${i}].category`, 'LINE_CATEGORY_CHANGED', `Ligne n° ${i + 1} : la catégorie de dépense du porteur ne peut pas être changée.`);
      }
      if (line.amountCents > before.amountCents) {
        add(
          `reducedPlan.lines[${i}].amountCents`,
          'LINE_INCREASED',
          `Ligne n° ${i + 1} : le montant proposé (${formatEuros(line.amountCents)}) dépasse celui du porteur (${formatEuros(before.amountCents)}).`,
        );
      }
    });
  }

  let plan: FinancingPlan | null = null;
  try {
    plan = computeFinancingPlan({
      costOption: applicant.costOption,
      flatRateBp: applicant.flatRateBp ?? undefined,
      rateBp: applicant.rateBp,
      stateAid: applicant.stateAid,
      lines: proposed.lines,
      resources: proposed.resources,
    });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    (e.details.errors ?? [{ path: '', code: e.code, message: e.message }]).forEach((x) => add(`reducedPlan${x.path ? `.${x.path}` : ''}`, x.code, x.message));
    return { plan: null, errors };
  }
  plan.violations.forEach((v) => add('reducedPlan', v.code, v.message));
  if (plan.requestedEsfPlusCents > applicant.euCents) {
    add(
      'reducedPlan.resources',
      'EU_AMOUNT_INCREASED',
      `Le montant FSE+ proposé (${formatEuros(plan.requestedEsfPlusCents)}) dépasse celui demandé par le porteur (${formatEuros(applicant.euCents)}).`,
    );
  }
  return { plan, errors };
}

export interface PlanTotals {
  directCostsCents: number;
  flatRateCostsCents: number;
  totalEligibleCents: number;
  maxEuCents: number;
  euCents: number;
  otherResourcesCents: number;
}

export interface LineDifference {
  position: number;
  category: string;
  label: string;
  applicantCents: number;
  proposedCents: number;
  deltaCents: number;
}

/** Line-by-line and total-by-total differences between the applicant's version and another one (delta = proposed − applicant). */
export function planDifferences(
  applicant: { lines: readonly PlanLine[]; totals: PlanTotals },
  proposed: { lines: readonly PlanLine[]; totals: PlanTotals },
): { lines: LineDifference[]; totals: { key: keyof PlanTotals; applicantCents: number; proposedCents: number; deltaCents: number }[] } {
  const count = Math.max(applicant.lines.length, proposed.lines.length);
  const lines = Array.from({ length: count }, (_, i) => {
    const a = applicant.lines[i];
    const p = proposed.lines[i];
    const applicantCents = a?.amountCents ?? 0;
    const proposedCents = p?.amountCents ?? 0;
    const shown = a ?? p;
    if (!shown) throw new Error(`plan line ${i} is in neither version`); // i < the longer length
    return { position: i, category: shown.category, label: shown.label, applicantCents, proposedCents, deltaCents: proposedCents - applicantCents };
  });
  const keys = Object.keys(applicant.totals) as (keyof PlanTotals)[];
  const totals = keys.map((key) => ({
    key,
    applicantCents: applicant.totals[key],
    proposedCents: proposed.totals[key],
    deltaCents: proposed.totals[key] - applicant.totals[key],
  }));
  return { lines, totals };
}

import { DomainError } from '../../../common/errors/domain-error';
import { computeFinancingPlan, type CostOption, type FinancingPlan } from '../../cofinancing/domain/cofinancing';
import type { PlanLine, PlanResource } from '../../applications/domain/application-content';

export interface PlanVersion {
  costOption: CostOption;
  flatRateBp: number | null;
  lines: readonly PlanLine[];
  resources: readonly PlanResource[];
  rateBp: number;
  euCents: number;
}

export interface ReducedPlan {
  lines: PlanLine[];
  resources: PlanResource[];
  plan: FinancingPlan;
}

export const COMMITTEE_SELF_LABEL = 'Autofinancement complémentaire (réduction du comité de programmation)';

/**
 * A starting point for the beneficiary's revised plan after a reduced award (docs/domain/committee.md): the costs
 * unchanged, the ESF+ resource at `euCents`, the difference on own funds so the plan balances (Σ resources = CTE,
 * docs/domain/cofinancing.md). Only a suggestion shown in the form: the beneficiary edits it, accepts or refuses; the
 * committee never applies it by itself.
 * @throws DomainError BUSINESS_RULE_VIOLATED when the amount is not a reduction or the recomputed plan is invalid.
 */
export function reducePlan(previous: PlanVersion, euCents: number): ReducedPlan {
  if (!Number.isSafeInteger(euCents) || euCents <= 0 || euCents >= previous.euCents) {
    throw new DomainError('BUSINESS_RULE_VIOLATED', 'Une réduction doit être un montant entier positif inférieur au montant retenu.', {
      errors: [{ path: 'euCents', code: 'NOT_A_REDUCTION', message: 'Le montant réduit doit être inférieur au montant FSE+ retenu.' }],
    });
  }
  const released = previous.euCents - euCents;
  const resources: PlanResource[] = [];
  let esfPlaced = false;
  for (const r of previous.resources) {
    if (r.type !== 'ESF_PLUS') resources.push({ ...r });
    else if (!esfPlaced) {
      resources.push({ ...r, amountCents: euCents });
      esfPlaced = true;
    }
  }
  if (!esfPlaced) resources.unshift({ type: 'ESF_PLUS', funderName: null, amountCents: euCents });
  const self = resources.find((r) => r.type === 'SELF');
  if (self) self.amountCents += released;
  else resources.push({ type: 'SELF', funderName: COMMITTEE_SELF_LABEL, amountCents: released });

  const lines = previous.lines.map((l) => ({ ...l }));
  const plan = computeFinancingPlan({
    costOption: previous.costOption,
    flatRateBp: previous.flatRateBp ?? undefined,
    rateBp: previous.rateBp,
    stateAid: false,
    lines,
    resources,
  });
  // Only what a change of the EU share can break; the call-level checks (SCO threshold, bounds) held at submission.
  const broken = plan.violations.filter((v) => v.code === 'PLAN_UNBALANCED' || v.code === 'ESF_EXCEEDS_RATE' || v.code === 'NEGATIVE_AMOUNT');
  if (broken.length > 0) {
    throw new DomainError('BUSINESS_RULE_VIOLATED', broken.map((v) => v.message).join(' '), {
      errors: broken.map((v) => ({ path: 'euCents', code: v.code, message: v.message })),
    });
  }
  return { lines, resources, plan };
}

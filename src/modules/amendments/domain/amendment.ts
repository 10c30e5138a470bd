import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { formatEuros } from '../../../common/money/cents';
import { computeFinancingPlan, type CallFinancingRules, type CostOption, type FinancingPlan } from '../../cofinancing/domain/cofinancing';
import type { PlanLine, PlanResource } from '../../applications/domain/application-content';
import { durationBetween, durationWithin, isCalendarDate } from '../../applications/domain/duration';
import { type TargetInput, checkTargets } from '../../participants/domain/targets';

export interface AmendmentPlan {
  costOption: CostOption;
  flatRateBp: number | null;
  stateAid: boolean;
  lines: PlanLine[];
  resources: PlanResource[];
}

export interface AmendmentRequest {
  newEndDate: string | null;
  plan: AmendmentPlan | null;
  targets: TargetInput[] | null;
  reason: string;
}

export interface AmendmentContext {
  startDate: string;
  currentEndDate: string;
  maxDurationMonths: number;
  /** The call's eligibility window end (CPR art. 63(2)). */
  eligibilityEnd: string;
  /** The EU amount programmed by the committee: an amendment never raises it. */
  programmedEuCents: number;
  rateBp: number;
  call: CallFinancingRules;
  indicatorCodes: readonly string[];
}

/**
 * Checks an amendment request (avenant): an extension stays within the call's maximum duration and eligibility window;
 * a new plan is valid under the co-financing rules and its EU amount is at most the programmed amount; new targets are
 * well formed. Every problem is reported at once (422 AMENDMENT_INVALID). Returns the recomputed plan, if any.
 */
export function checkAmendment(req: AmendmentRequest, ctx: AmendmentContext): { plan: FinancingPlan | null } {
  const errors: FieldError[] = [];
  if (!req.reason.trim()) errors.push({ path: 'reason', code: 'REQUIRED', message: 'Motivez la demande d’avenant.' });
  if (req.newEndDate === null && req.plan === null && req.targets === null)
    errors.push({ path: 'newEndDate', code: 'EMPTY_AMENDMENT', message: 'Indiquez au moins une modification : prolongation, plan de financement ou cibles.' });
  if (req.newEndDate !== null) {
    if (!isCalendarDate(req.newEndDate)) errors.push({ path: 'newEndDate', code: 'INVALID_DATE', message: 'Date de fin invalide (AAAA-MM-JJ).' });
    else if (req.newEndDate <= ctx.currentEndDate)
      errors.push({ path: 'newEndDate', code: 'NOT_AN_EXTENSION', message: 'La nouvelle date de fin doit être postérieure à la date de fin actuelle.' });
    else if (durationWithin(durationBetween(ctx.startDate, req.newEndDate), 0, ctx.maxDurationMonths) === 'TOO_LONG')
      errors.push({ path: 'newEndDate', code: 'DURATION_TOO_LONG', message: `La durée dépasserait le maximum de l’appel (${ctx.maxDurationMonths} mois).` });
    else if (req.newEndDate > ctx.eligibilityEnd)
      errors.push({ path: 'newEndDate', code: 'OUTSIDE_ELIGIBILITY', message: 'La nouvelle date de fin dépasse la période d’éligibilité de l’appel.' });
  }
  let plan: FinancingPlan | null = null;
  if (req.plan) {
    plan = computeFinancingPlan({
      costOption: req.plan.costOption,
      flatRateBp: req.plan.flatRateBp ?? undefined,
      rateBp: ctx.rateBp,
      stateAid: req.plan.stateAid,
      lines: req.plan.lines,
      resources: req.plan.resources,
      call: ctx.call,
    });
    for (const v of plan.violations) errors.push({ path: 'plan', code: v.code, message: v.message });
    if (plan.requestedEsfPlusCents > ctx.programmedEuCents) {
      errors.push({
        path: 'plan.resources',
        code: 'EU_ABOVE_PROGRAMMED',
        message: `Le montant FSE+ (${formatEuros(plan.requestedEsfPlusCents)}) ne peut pas dépasser le montant programmé (${formatEuros(ctx.programmedEuCents)}).`,
      });
    }
  }
  if (req.targets)
    errors.push(...checkTargets(req.targets, ctx.indicatorCodes).map((e) => ({ ...e, path: `targets${e.path.startsWith('[') ? '' : '.'}${e.path}` })));
  if (errors.length) throw new DomainError('AMENDMENT_INVALID', `La demande d’avenant n’est pas recevable : ${errors.length} point(s).`, { errors });
  return { plan };
}

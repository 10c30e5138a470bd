import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { formatEuros } from '../../../common/money/cents';
import type { PlanLine, PlanResource } from '../../applications/domain/application-content';
import { computeFinancingPlan, type CostOption, type FinancingPlan } from '../../cofinancing/domain/cofinancing';
import { at } from '../../../common/collections';

/**
 * Days the beneficiary has to answer a reduced award (docs/domain/committee.md). Programme practice, not regulation:
 * the same order of time as the signature of the convention; after it, the proposal can only be refused.
 */
export const AWARD_ANSWER_DAYS = 30;

/** `YYYY-MM-DD` + `days` calendar days (dates only, no clock: the due date is a Paris calendar day). */
export function answerDueDate(decidedOn: string, days = AWARD_ANSWER_DAYS): string {
  const d = new Date(`${decidedOn}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `true` while `today` (Europe/Paris) is on or before the due date. */
export function answerOpen(dueDate: string, today: string): boolean {
  return today <= dueDate;
}

/** The plan the committee reduced: the retained version, with what its co-financing was computed with. */
export interface AwardBasis {
  costOption: CostOption;
  flatRateBp: number | null;
  rateBp: number;
  stateAid: boolean;
  lines: readonly PlanLine[];
}

const AMOUNT_RULES: readonly string[] = ['PLAN_UNBALANCED', 'ESF_EXCEEDS_RATE', 'NEGATIVE_AMOUNT'];

export interface RevisedPlan {
  lines: readonly { amountCents: number }[];
  resources: readonly PlanResource[];
}

/**
 * Whether the beneficiary's revised plan fits the committee's proposal: the same lines as the retained plan (the
 * operation the committee selected), each kept or lowered, never raised; the ESF+ resources equal to the amount
 * proposed (the convention and the call's envelope both carry that amount; asking less later is an amendment); and
 * every co-financing rule of the retained plan's cost option and rate (balanced plan, ESF+ within the rate of the
 * total eligible cost, docs/domain/cofinancing.md). Every problem is returned at once, with its field path.
 */
export function checkAwardPlan(
  basis: AwardBasis,
  proposedEuCents: number,
  revised: RevisedPlan,
): { plan: FinancingPlan | null; lines: PlanLine[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });
  if (revised.lines.length !== basis.lines.length) {
    add('lines', 'LINES_CHANGED', `Le plan révisé reprend les ${basis.lines.length} lignes de dépenses du plan retenu (une ligne abandonnée est ramenée à 0).`);
    return { plan: null, lines: [], errors };
  }
  const lines: PlanLine[] = basis.lines.map((l, i) => ({ ...l, amountCents: at(revised.lines, i, 'revised plan line').amountCents }));
  lines.forEach((l, i) => {
    const retained = at(basis.lines, i, 'retained plan line');
    if (!Number.isSafeInteger(l.amountCents) || l.amountCents < 0) add(`lines[${i}].amountCents`, 'INVALID_AMOUNT', `Ligne n° ${i + 1} : montant invalide.`);
    else if (l.amountCents > retained.amountCents) {
      add(
        `lines[${i}].amountCents`,
        'LINE_INCREASED',
        `Ligne n° ${i + 1} : le montant révisé (${formatEuros(l.amountCents)}) dépasse celui du plan retenu par le comité (${formatEuros(retained.amountCents)}).`,
      );
    }
  });
  if (errors.length) return { plan: null, lines, errors };

  let plan: FinancingPlan;
  try {
    plan = computeFinancingPlan({
      costOption: basis.costOption,
      flatRateBp: basis.flatRateBp ?? undefined,
      rateBp: basis.rateBp,
      stateAid: basis.stateAid,
      lines,
      resources: revised.resources,
    });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    for (const x of e.details.errors ?? [{ path: 'resources', code: e.code, message: e.message }]) add(x.path || 'resources', x.code, x.message);
    return { plan: null, lines, errors };
  }
  // What a change of amounts can break; the cost option and the call-level checks were settled at submission, as for
  // the committee's own reduction (reduced-plan.ts).
  for (const v of plan.violations.filter((x) => AMOUNT_RULES.includes(x.code))) add('resources', v.code, v.message);
  if (plan.requestedEsfPlusCents !== proposedEuCents) {
    add(
      'resources',
      'EU_AMOUNT_NOT_PROPOSED',
      `Le montant FSE+ du plan révisé (${formatEuros(plan.requestedEsfPlusCents)}) doit être celui proposé par le comité (${formatEuros(proposedEuCents)}).`,
    );
  }
  return { plan: errors.length ? null : plan, lines, errors };
}

import type { FieldError } from '../../../common/errors/domain-error';
import { frenchCalendarDate, frenchDateTime } from '../../../common/fr';
import { parseEurosToCents } from '../../../common/money/parse-euros';
import type { PlanResource } from '../../applications/domain/application-content';
import { APPLICATION_STATUS_LABELS, isApplicationStatus } from '../../applications/domain/application-status';
import { LINE_CATEGORY_LABELS, RESOURCE_TYPE_LABELS } from '../../applications/domain/labels';
import { RESOURCE_TYPES } from '../../cofinancing/domain/cofinancing';
import { centsToInput, euros } from '../../web/format';
import type { AwardProposalView, RevisedPlanInput } from '../award-proposal.service';
import type { RetainedPlan } from '../award-proposal.repository';
import { reducePlan } from '../domain/reduced-plan';

type Raw = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const EXTRA_RESOURCE_ROWS = 2;
const STATUS_LABELS = { PENDING: 'En attente de votre réponse', ACCEPTED: 'Acceptée', REFUSED: 'Refusée (renonciation)' } as const;
const STAFF_STATUS_LABELS = {
  PENDING: 'En attente de la réponse du porteur',
  ACCEPTED: 'Acceptée par le porteur',
  REFUSED: 'Refusée par le porteur (renonciation)',
} as const;

/** The revised-plan form → the service's input; unreadable amounts are reported on their field. */
export function revisedPlanFromForm(raw: Raw, lineCount: number): { input: RevisedPlanInput; errors: FieldError[]; echo: Record<string, string> } {
  const errors: FieldError[] = [];
  const echo: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (k !== '_csrf') echo[k] = one(v);
  const cents = (text: string, path: string): number => {
    const value = parseEurosToCents(text);
    if (value === null) errors.push({ path, code: 'INVALID_AMOUNT', message: 'Montant invalide : saisissez un montant en euros, par exemple 12 000,50.' });
    return value ?? 0;
  };
  const lines = Array.from({ length: lineCount }, (_, i) => ({ amountCents: cents(one(raw[`ligne-${i}`]), `lines[${i}].amountCents`) }));
  const resources: PlanResource[] = [];
  for (let i = 0; i < 20; i++) {
    const type = one(raw[`ressource-${i}-type`]);
    const amount = one(raw[`ressource-${i}-montant`]);
    if (!type && !amount) continue;
    if (!(RESOURCE_TYPES as readonly string[]).includes(type))
      errors.push({ path: `ressource-${i}-type`, code: 'REQUIRED', message: `Ressource n° ${i + 1} : choisissez son type.` });
    resources.push({
      type: type as PlanResource['type'],
      funderName: one(raw[`ressource-${i}-financeur`]) || null,
      amountCents: cents(amount, `ressource-${i}-montant`),
    });
  }
  return { input: { lines, resources }, errors, echo };
}

/** Service paths → the page's field ids; an error on no field of the page is listed without a link. */
export function awardFieldId(path: string): string {
  const line = /^lines\[(\d+)\]/.exec(path);
  if (line) return `ligne-${line[1]}`;
  if (path.startsWith('resources')) return 'ressources';
  if (path === 'reason') return 'motif';
  return /^ressource-\d+-(type|montant)$/.test(path) || path === 'motif' ? path : '';
}

/** The suggestion the form starts from: the same costs, the ESF+ at the proposed amount, own funds filling the gap. */
function suggestedResources(plan: RetainedPlan, proposedEuCents: number): PlanResource[] {
  try {
    return reducePlan({ ...plan, euCents: plan.euCents }, proposedEuCents).resources;
  } catch {
    return plan.resources.map((r) => (r.type === 'ESF_PLUS' ? { ...r, amountCents: proposedEuCents } : r));
  }
}

function planTable(plan: RetainedPlan) {
  return {
    versionNo: plan.versionNo,
    lines: plan.lines.map((l) => ({
      label: `${LINE_CATEGORY_LABELS[l.category] ?? l.category}${l.label ? ` — ${l.label}` : ''}`,
      amount: euros(l.amountCents),
    })),
    resources: plan.resources.map((r) => ({
      label: `${RESOURCE_TYPE_LABELS[r.type] ?? r.type}${r.funderName ? ` (${r.funderName})` : ''}`,
      amount: euros(r.amountCents),
    })),
    total: euros(plan.totalEligibleCents),
    eu: euros(plan.euCents),
  };
}

/** The proposal page: for the beneficiary (`staff` false, with the answer forms) and for staff (read-only). */
export function awardPageModel(view: AwardProposalView, opts: { staff: boolean; echo?: Record<string, string> | null; errors?: FieldError[] }) {
  const p = view.proposal;
  const echo = opts.echo ?? null;
  const typed = (key: string, fallback: string) => (echo ? (echo[key] ?? '') : fallback);
  const suggestion = suggestedResources(view.retainedPlan, p.proposedEuCents);
  const rows = [...suggestion, ...Array.from({ length: EXTRA_RESOURCE_ROWS }, () => null)];
  const errors = (opts.errors ?? []).map((e) => ({ ...e, path: awardFieldId(e.path) }));
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) fieldErrors[e.path] ??= e.message;
  return {
    p: {
      ...p,
      statusLabel: (opts.staff ? STAFF_STATUS_LABELS : STATUS_LABELS)[p.status],
      retained: euros(p.retainedEuCents),
      proposed: euros(p.proposedEuCents),
      reduction: euros(p.retainedEuCents - p.proposedEuCents),
      dueDateText: frenchCalendarDate(p.answerDueDate),
      decidedAtText: frenchDateTime(new Date(p.decidedAt)),
      answeredAtText: p.answeredAt ? frenchDateTime(new Date(p.answeredAt)) : null,
    },
    dossier: { ...view.dossier, statusLabel: isApplicationStatus(view.dossier.status) ? APPLICATION_STATUS_LABELS[view.dossier.status] : '' },
    open: view.open,
    canAnswer: view.canAnswer,
    retained: planTable(view.retainedPlan),
    revised: view.revisedPlan ? planTable(view.revisedPlan) : null,
    lines: view.retainedPlan.lines.map((l, i) => ({
      index: i,
      label: `${LINE_CATEGORY_LABELS[l.category] ?? l.category}${l.label ? ` — ${l.label}` : ''}`,
      retained: euros(l.amountCents),
      value: typed(`ligne-${i}`, centsToInput(l.amountCents)),
    })),
    resources: rows.map((r, i) => ({
      index: i,
      type: typed(`ressource-${i}-type`, r?.type ?? ''),
      funderName: typed(`ressource-${i}-financeur`, r?.funderName ?? ''),
      amount: typed(`ressource-${i}-montant`, r ? centsToInput(r.amountCents) : ''),
    })),
    resourceTypes: RESOURCE_TYPES.map((t) => ({ value: t, text: RESOURCE_TYPE_LABELS[t] })),
    refusalReason: typed('motif', ''),
    errors,
    fieldErrors,
  };
}

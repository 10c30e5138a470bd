import { formatEuros } from '../../../common/money/cents';
import type { CallRules, FinancingPlanSection } from '../../applications/domain/application-content';
import { parisDate } from '../../applications/domain/application-number';
import { durationBetween, durationWithin, isCalendarDate } from '../../applications/domain/duration';
import { documentTypeLabel } from '../../applications/domain/labels';
import { computeApplicationPlan } from '../../applications/domain/submission-checks';
import { LEGAL_FORM_LABELS, LEGAL_FORMS } from '../../organisations/domain/organisation-profile';
import { siretProblem } from '../../organisations/domain/siret';
import { frenchCalendarDate } from '../../../common/fr';

export const ADMISSIBILITY_CHECK_IDS = [
  'SUBMITTED_BEFORE_CLOSING',
  'REQUIRED_DOCUMENTS_PRESENT',
  'EU_AMOUNT_WITHIN_CALL_BOUNDS',
  'DURATION_WITHIN_CALL_BOUNDS',
  'DATES_IN_ELIGIBILITY_WINDOW',
  'PROJECT_NOT_COMPLETED',
  'FINANCING_PLAN_VALID',
  'ORGANISATION_LEGAL_PERSON',
] as const;
export type AdmissibilityCheckId = (typeof ADMISSIBILITY_CHECK_IDS)[number];

export interface AdmissibilityCheck {
  checkId: AdmissibilityCheckId;
  passed: boolean;
  /** Why it passed or failed, in French, for the instructor and the letter. */
  reason: string;
}

/**
 * What the checks look at, all taken from the submission snapshots and the call version the dossier was submitted
 * under (never from the live dossier, which the applicant may be editing while INCOMPLETE).
 */
export interface AdmissibilityFacts {
  /** The first submission: the deadline is judged on it (complements may arrive after closing). */
  firstSubmittedAt: Date;
  /** The submission under review (the latest): the project must not be finished by then (CPR art. 63(6)). */
  latestSubmittedAt: Date;
  /** The rules of the call version the dossier was submitted under. */
  call: CallRules;
  project: { startDate: string | null; endDate: string | null };
  financingPlan: FinancingPlanSection;
  documentTypes: readonly string[];
  organisation: { siret: string; legalForm: string | null };
}

/** Runs every check of docs/domain/admissibility.md (none stops the others), in a fixed order. */
export function runAdmissibilityChecks(f: AdmissibilityFacts): AdmissibilityCheck[] {
  return [
    submittedBeforeClosing(f),
    requiredDocumentsPresent(f),
    euAmountWithinBounds(f),
    durationWithinBounds(f),
    datesInEligibilityWindow(f),
    projectNotCompleted(f),
    financingPlanValid(f),
    organisationLegalPerson(f),
  ];
}

const pass = (checkId: AdmissibilityCheckId, reason: string): AdmissibilityCheck => ({ checkId, passed: true, reason });
const fail = (checkId: AdmissibilityCheckId, reason: string): AdmissibilityCheck => ({ checkId, passed: false, reason });

export function submittedBeforeClosing(f: Pick<AdmissibilityFacts, 'firstSubmittedAt' | 'call'>): AdmissibilityCheck {
  const id = 'SUBMITTED_BEFORE_CLOSING';
  return f.firstSubmittedAt.getTime() < f.call.closesAt.getTime()
    ? pass(id, `Dossier déposé le ${frenchCalendarDate(parisDate(f.firstSubmittedAt))}, avant la clôture de l'appel à projets.`)
    : fail(
        id,
        `Dossier déposé le ${frenchCalendarDate(parisDate(f.firstSubmittedAt))}, après la clôture de l'appel à projets (${frenchCalendarDate(parisDate(f.call.closesAt))}).`,
      );
}

export function requiredDocumentsPresent(f: Pick<AdmissibilityFacts, 'call' | 'documentTypes'>): AdmissibilityCheck {
  const id = 'REQUIRED_DOCUMENTS_PRESENT';
  const missing = f.call.requiredDocumentTypes.filter((t) => !f.documentTypes.includes(t));
  if (missing.length === 0) return pass(id, 'Toutes les pièces exigées par l’appel à projets sont jointes.');
  return fail(id, `Pièce(s) manquante(s) : ${missing.map(documentTypeLabel).join(', ')}.`);
}

/** The ESF+ amount requested: the sum of the ESF_PLUS resources (docs/domain/cofinancing.md). */
export function requestedEuCents(plan: Pick<FinancingPlanSection, 'resources'>): number {
  return plan.resources.filter((r) => r.type === 'ESF_PLUS').reduce((sum, r) => sum + r.amountCents, 0);
}

export function euAmountWithinBounds(f: Pick<AdmissibilityFacts, 'call' | 'financingPlan'>): AdmissibilityCheck {
  const id = 'EU_AMOUNT_WITHIN_CALL_BOUNDS';
  const eu = requestedEuCents(f.financingPlan);
  const { minEuCents: min, maxEuCents: max } = f.call;
  const bounds = max === null ? `au moins ${formatEuros(min)}` : `entre ${formatEuros(min)} et ${formatEuros(max)}`;
  if (eu < min) return fail(id, `Montant FSE+ demandé de ${formatEuros(eu)}, inférieur au minimum de l'appel (${formatEuros(min)}).`);
  if (max !== null && eu > max) return fail(id, `Montant FSE+ demandé de ${formatEuros(eu)}, supérieur au maximum de l'appel (${formatEuros(max)}).`);
  return pass(id, `Montant FSE+ demandé de ${formatEuros(eu)}, ${bounds}.`);
}

function dates(f: Pick<AdmissibilityFacts, 'project'>): { start: string; end: string } | null {
  const { startDate: s, endDate: e } = f.project;
  return s && e && isCalendarDate(s) && isCalendarDate(e) && s <= e ? { start: s, end: e } : null;
}

export function durationWithinBounds(f: Pick<AdmissibilityFacts, 'call' | 'project'>): AdmissibilityCheck {
  const id = 'DURATION_WITHIN_CALL_BOUNDS';
  const d = dates(f);
  if (!d) return fail(id, 'Les dates de début et de fin du projet sont absentes ou incohérentes.');
  const { minDurationMonths: min, maxDurationMonths: max } = f.call;
  const duration = durationBetween(d.start, d.end);
  const text = `${duration.months} mois${duration.extraDays ? ` et ${duration.extraDays} jour(s)` : ''}`;
  const verdict = durationWithin(duration, min, max);
  if (verdict === 'TOO_SHORT') return fail(id, `Durée de ${text}, inférieure au minimum de l'appel (${min} mois).`);
  if (verdict === 'TOO_LONG') return fail(id, `Durée de ${text}, supérieure au maximum de l'appel (${max} mois).`);
  return pass(id, `Durée de ${text}, entre ${min} et ${max} mois.`);
}

export function datesInEligibilityWindow(f: Pick<AdmissibilityFacts, 'call' | 'project'>): AdmissibilityCheck {
  const id = 'DATES_IN_ELIGIBILITY_WINDOW';
  const d = dates(f);
  if (!d) return fail(id, 'Les dates de début et de fin du projet sont absentes ou incohérentes.');
  const window = `du ${frenchCalendarDate(f.call.eligibilityStart)} au ${frenchCalendarDate(f.call.eligibilityEnd)}`;
  if (d.start < f.call.eligibilityStart || d.end > f.call.eligibilityEnd) {
    return fail(id, `Projet du ${frenchCalendarDate(d.start)} au ${frenchCalendarDate(d.end)}, hors de la période d'éligibilité de l'appel (${window}).`);
  }
  return pass(id, `Projet du ${frenchCalendarDate(d.start)} au ${frenchCalendarDate(d.end)}, dans la période d'éligibilité de l'appel (${window}).`);
}

/** CPR art. 63(6): an operation physically completed before the application is submitted cannot be selected. */
export function projectNotCompleted(f: Pick<AdmissibilityFacts, 'latestSubmittedAt' | 'project'>): AdmissibilityCheck {
  const id = 'PROJECT_NOT_COMPLETED';
  const end = f.project.endDate;
  if (!end || !isCalendarDate(end)) return fail(id, 'La date de fin du projet est absente.');
  const submitted = parisDate(f.latestSubmittedAt);
  if (end < submitted) {
    return fail(
      id,
      `Le projet s'est achevé le ${frenchCalendarDate(end)}, avant le dépôt du ${frenchCalendarDate(submitted)} (article 63(6) du règlement (UE) 2021/1060).`,
    );
  }
  return pass(id, `Le projet n'était pas achevé au dépôt (fin prévue le ${frenchCalendarDate(end)}).`);
}

/** Reuses the co-financing code (docs/domain/cofinancing.md) through the same adapter the submission uses. */
export function financingPlanValid(f: Pick<AdmissibilityFacts, 'call' | 'financingPlan'>): AdmissibilityCheck {
  const id = 'FINANCING_PLAN_VALID';
  if (!f.financingPlan.costOption) return fail(id, "Aucune option de coûts n'est choisie.");
  const { plan, errors } = computeApplicationPlan(f.financingPlan, f.call);
  if (!plan || errors.length > 0) return fail(id, `Plan de financement non conforme : ${errors.map((e) => e.message).join(' ')}`);
  return pass(
    id,
    `Plan de financement équilibré : coût total éligible ${formatEuros(plan.totalEligibleCostsCents)}, FSE+ ${formatEuros(plan.requestedEsfPlusCents)} (plafond ${formatEuros(plan.maxEsfPlusCents)}).`,
  );
}

/** A legal person of one of the forms of docs/domain/organisations.md with a SIRET that passes the INSEE checks (Luhn, La Poste). */
export function organisationLegalPerson(f: Pick<AdmissibilityFacts, 'organisation'>): AdmissibilityCheck {
  const id = 'ORGANISATION_LEGAL_PERSON';
  const problems: string[] = [];
  const siret = siretProblem(f.organisation.siret);
  if (siret) problems.push(`SIRET ${f.organisation.siret} invalide : ${siret}`);
  const form = f.organisation.legalForm;
  const known = form !== null && (LEGAL_FORMS as readonly string[]).includes(form);
  if (!known) problems.push("La forme juridique de la structure n'est pas celle d'une personne morale reconnue.");
  if (problems.length) return fail(id, problems.join(' '));
  return pass(id, `Personne morale (${LEGAL_FORM_LABELS[form as keyof typeof LEGAL_FORM_LABELS]}), SIRET ${f.organisation.siret} valide.`);
}

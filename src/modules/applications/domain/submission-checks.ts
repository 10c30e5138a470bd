import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { formatEuros } from '../../../common/money/cents';
import { computeFinancingPlan, type FinancingPlan } from '../../cofinancing/domain/cofinancing';
import type { ApplicationContent, CallRules, FinancingPlanSection, ProjectSection } from './application-content';
import { parisDate } from './application-number';
import { durationBetween, durationWithin, isCalendarDate } from './duration';
import { ARTICLE15_KEYS, documentTypeLabel, operationTypeLabel, targetPublicLabel } from './labels';
import { frenchCalendarDate } from '../../../common/fr';
import { missingTargets } from '../../participants/domain/targets';
import { deMinimisCeiling, validateStateAid } from '../../cofinancing/domain/state-aid';

export interface PlanResult {
  plan: FinancingPlan | null;
  errors: FieldError[];
}

/**
 * The financing plan computed with the call's rules (`computeFinancingPlan`), or null while no cost option is chosen.
 * Every violation becomes a `financingPlan` error carrying its stable code; malformed input becomes errors too.
 */
export function computeApplicationPlan(section: FinancingPlanSection, call: CallRules): PlanResult {
  if (!section.costOption) return { plan: null, errors: [] };
  try {
    const plan = computeFinancingPlan({
      costOption: section.costOption,
      flatRateBp: section.flatRateBp ?? undefined,
      rateBp: call.maxRateBp,
      rateBasis: call.rateBasis ?? 'TOTAL_ELIGIBLE_COST',
      stateAid: section.stateAid,
      lines: section.lines,
      resources: section.resources,
      call: { allowedOptions: call.costOptions, minEuCents: call.minEuCents, maxEuCents: call.maxEuCents, simplifiedCosts: call.simplifiedCosts ?? [] },
    });
    return { plan, errors: plan.violations.map((v) => ({ path: 'financingPlan', code: v.code, message: v.message })) };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const errors = e.details.errors ?? [{ path: 'financingPlan', code: e.code, message: e.message }];
    return { plan: null, errors: errors.map((x) => ({ ...x, path: `financingPlan.${x.path}` })) };
  }
}

export interface SubmissionCheck {
  errors: FieldError[];
  plan: FinancingPlan | null;
}

/**
 * Every rule a dossier must meet to be submitted (docs/domain/cofinancing.md, admissibility.md, eligibility.md), run in full so the applicant sees every
 * missing or invalid item at once: sections filled, the State aid regime declared (when the caller loads it), required documents present, a valid financing plan within the
 * call's EU bounds, a duration within the call's bounds, dates inside the call's eligibility window, a project not
 * finished at submission (CPR art. 63(6)), and the call open at `now` by the server's clock.
 */
export function checkSubmission(content: ApplicationContent, call: CallRules, now: Date): SubmissionCheck {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });

  checkProject(content.project, call, parisDate(now), add);

  for (const key of ARTICLE15_KEYS) {
    const a = content.article15[key];
    if (a?.answer === null || a?.answer === undefined) add(`article15.${key}.answer`, 'REQUIRED', `Article 15, ${label15(key)} : répondez par oui ou par non.`);
    if (!filled(a?.justification)) add(`article15.${key}.justification`, 'REQUIRED', `Article 15, ${label15(key)} : la justification est obligatoire.`);
  }

  const fp = content.financingPlan;
  if (!fp.costOption) add('financingPlan.costOption', 'REQUIRED', "Choisissez l'option de coûts du plan de financement.");
  if (fp.lines.length === 0) add('financingPlan.lines', 'REQUIRED', 'Ajoutez au moins une ligne de dépense.');
  if (!fp.resources.some((r) => r.type === 'ESF_PLUS' && r.amountCents > 0)) {
    add('financingPlan.resources', 'ESF_PLUS_MISSING', 'Indiquez le montant FSE+ demandé dans les ressources.');
  }
  fp.resources.forEach((r, i) => {
    if (r.type === 'PUBLIC' && !filled(r.funderName))
      add(`financingPlan.resources[${i}].funderName`, 'REQUIRED', `Ressource n° ${i + 1} : indiquez le nom du cofinanceur public.`);
  });
  const { plan, errors: planErrors } = computeApplicationPlan(fp, call);
  errors.push(...planErrors);

  if (content.stateAid !== undefined) checkStateAid(content, plan, add);

  for (const type of call.requiredDocumentTypes) {
    if (!content.documentTypes.includes(type)) add(`documents.${type}`, 'DOCUMENT_MISSING', `Pièce manquante : ${documentTypeLabel(type)}.`);
  }

  // Annex I targets (docs/domain/execution.md): EECO01 with its breakdown by sex and every indicator of the call.
  if (content.indicatorTargets) errors.push(...missingTargets(content.indicatorTargets, call.indicatorCodes ?? []));

  if (call.status !== 'PUBLISHED' || now.getTime() >= call.closesAt.getTime()) {
    add('call', 'CALL_CLOSED', "L'appel à projets est clos : le dépôt n'est plus possible.");
  } else if (now.getTime() < call.opensAt.getTime()) {
    add('call', 'CALL_NOT_OPEN', "L'appel à projets n'est pas encore ouvert : le dépôt n'est pas encore possible.");
  }
  return { errors, plan };
}

type Add = (path: string, code: string, message: string) => void;

/**
 * State aid is a regime, not a checkbox (docs/domain/state-aid.md): a regime with its facts, or « no State aid »
 * justified, must be declared before submission; a de minimis aid that the current ESF+ amount would take over the
 * three-year ceiling (Regulation (EU) 2023/2831 and 2023/2832, art. 3(2)) cannot be granted under that regime.
 */
function checkStateAid(content: ApplicationContent, plan: FinancingPlan | null, add: Add): void {
  const d = content.stateAid;
  if (!d) {
    add(
      'stateAid.regime',
      'REQUIRED',
      "Aides d'État : déclarez le régime applicable (de minimis, exemption par catégorie, service d'intérêt économique général) ou expliquez pourquoi le soutien n'est pas une aide d'État.",
    );
    return;
  }
  for (const e of validateStateAid(d)) add(`stateAid.${e.path}`, e.code, `Aides d'État : ${e.message}`);
  const ceiling = deMinimisCeiling(d.regime, d.deMinimisReceivedCents, plan?.requestedEsfPlusCents ?? 0);
  if (ceiling.applies && ceiling.exceeded) {
    add(
      'stateAid.deMinimisReceivedCents',
      'DE_MINIMIS_CEILING_EXCEEDED',
      `Aides d'État : avec le FSE+ demandé, les aides de minimis reçues sur trois ans atteindraient ${formatEuros(ceiling.totalCents)}, au-delà du plafond de ${formatEuros(ceiling.ceilingCents)}.`,
    );
  }
}

function checkProject(p: ProjectSection, call: CallRules, today: string, add: Add): void {
  if (!filled(p.title)) add('project.title', 'REQUIRED', 'Le titre du projet est obligatoire.');
  if (!filled(p.summary)) add('project.summary', 'REQUIRED', 'Le résumé du projet est obligatoire.');
  if (!filled(p.socialNeed)) add('project.socialNeed', 'REQUIRED', 'Décrivez le besoin social auquel le projet répond.');
  if (p.targetPublics.length === 0) add('project.targetPublics', 'REQUIRED', 'Indiquez au moins un public cible.');
  if (call.targetPublics.length > 0) {
    for (const t of p.targetPublics) {
      if (!call.targetPublics.includes(t))
        add('project.targetPublics', 'TARGET_PUBLIC_NOT_IN_CALL', `Le public « ${targetPublicLabel(t)} » n'est pas visé par l'appel à projets.`);
    }
  }
  if (!filled(p.place)) add('project.place', 'REQUIRED', 'Indiquez le lieu de réalisation du projet.');
  if (!filled(p.departement)) add('project.departement', 'REQUIRED', 'Indiquez le département de réalisation du projet.');
  if (p.withParticipants === null) add('project.withParticipants', 'REQUIRED', 'Indiquez si le projet accompagne des participants.');
  if (p.withParticipants && !(p.plannedParticipants && p.plannedParticipants > 0)) {
    add('project.plannedParticipants', 'REQUIRED', 'Indiquez le nombre de participants prévus.');
  }

  checkPriority6(p, call, today, add);

  const start = p.startDate && isCalendarDate(p.startDate) ? p.startDate : null;
  const end = p.endDate && isCalendarDate(p.endDate) ? p.endDate : null;
  if (!start) add('project.startDate', 'REQUIRED', 'La date de début du projet est obligatoire.');
  if (!end) add('project.endDate', 'REQUIRED', 'La date de fin du projet est obligatoire.');
  if (start && start < call.eligibilityStart) {
    add(
      'project.startDate',
      'OUTSIDE_ELIGIBILITY_WINDOW',
      `Le projet ne peut pas commencer avant le ${frenchCalendarDate(call.eligibilityStart)} (période d'éligibilité de l'appel).`,
    );
  }
  if (end && end > call.eligibilityEnd) {
    add(
      'project.endDate',
      'OUTSIDE_ELIGIBILITY_WINDOW',
      `Le projet doit se terminer au plus tard le ${frenchCalendarDate(call.eligibilityEnd)} (période d'éligibilité de l'appel).`,
    );
  }
  if (end && end < today) {
    add('project.endDate', 'PROJECT_ALREADY_COMPLETED', 'Un projet déjà achevé ne peut pas être soutenu (article 63(6) du règlement (UE) 2021/1060).');
  }
  if (start && end && end < start) {
    add('project.endDate', 'DATES_INVERTED', 'La date de fin doit être postérieure à la date de début.');
  } else if (start && end) {
    const verdict = durationWithin(durationBetween(start, end), call.minDurationMonths, call.maxDurationMonths);
    if (verdict === 'TOO_SHORT') add('project.duration', 'DURATION_TOO_SHORT', `La durée du projet doit être d'au moins ${call.minDurationMonths} mois.`);
    if (verdict === 'TOO_LONG') add('project.duration', 'DURATION_TOO_LONG', `La durée du projet ne peut pas dépasser ${call.maxDurationMonths} mois.`);
  }
}

/** The answers the Priority 6 scope rules need (docs/domain/eligibility.md); judging them is the instructor's, not submission's. */
function checkPriority6(p: ProjectSection, call: CallRules, today: string, add: Add): void {
  if (!filled(p.operationType)) add('project.operationType', 'REQUIRED', "Indiquez le type d'opération.");
  else if (call.allowedOperationTypes?.length && !call.allowedOperationTypes.includes(p.operationType!)) {
    add(
      'project.operationType',
      'OPERATION_TYPE_NOT_IN_CALL',
      `Le type d'opération « ${operationTypeLabel(p.operationType!)} » n'est pas prévu par l'appel à projets.`,
    );
  }
  if (p.existingProject === null) add('project.existingProject', 'REQUIRED', 'Indiquez si le projet existe déjà.');
  if (!p.existingProject) return;
  const started = p.experimentationStartDate && isCalendarDate(p.experimentationStartDate) ? p.experimentationStartDate : null;
  if (!started) add('project.experimentationStartDate', 'REQUIRED', 'Indiquez la date de début de la phase expérimentale du projet existant.');
  else if (started > today)
    add(
      'project.experimentationStartDate',
      'DATE_IN_FUTURE',
      "La phase expérimentale d'un projet existant a déjà commencé : sa date de début ne peut pas être future.",
    );
  if (p.newTerritory === null) add('project.newTerritory', 'REQUIRED', 'Indiquez si le projet essaime sur un territoire jamais financé.');
  if (p.substantialChange === null) add('project.substantialChange', 'REQUIRED', 'Indiquez si le projet modifie substantiellement son approche.');
}

export interface ChecklistSection {
  key: 'project' | 'article15' | 'financingPlan' | 'stateAid' | 'indicatorTargets' | 'documents' | 'call';
  label: string;
  complete: boolean;
  errors: FieldError[];
}

const SECTIONS: readonly { key: ChecklistSection['key']; label: string }[] = [
  { key: 'project', label: 'Projet' },
  { key: 'article15', label: 'Innovation sociale (article 15)' },
  { key: 'financingPlan', label: 'Plan de financement' },
  { key: 'stateAid', label: "Aides d'État" },
  { key: 'indicatorTargets', label: 'Cibles des indicateurs' },
  { key: 'documents', label: 'Pièces justificatives' },
  { key: 'call', label: 'Appel à projets ouvert' },
];

/** Groups the errors of {@link checkSubmission} by section, in the order the applicant fills them. */
export function checklist(errors: readonly FieldError[]): ChecklistSection[] {
  return SECTIONS.map(({ key, label }) => {
    const own = errors.filter((e) => e.path === key || e.path.startsWith(`${key}.`));
    return { key, label, complete: own.length === 0, errors: own };
  });
}

/** EU amount bounds of a call, in words, for the pages. */
export function euBoundsText(call: Pick<CallRules, 'minEuCents' | 'maxEuCents'>): string {
  return call.maxEuCents === null ? `au moins ${formatEuros(call.minEuCents)}` : `entre ${formatEuros(call.minEuCents)} et ${formatEuros(call.maxEuCents)}`;
}

function filled(text: string | null | undefined): boolean {
  return typeof text === 'string' && text.trim().length > 0;
}

function label15(key: string): string {
  return key === 'i1' ? 'I 1°' : key === 'i2' ? 'I 2°' : 'II';
}

import { frenchCalendarDate, frenchDateTime, frenchSize } from '../../common/fr';
import type { Article15Section, ProjectSection } from '../applications/domain/application-content';
import {
  ARTICLE15_KEYS,
  ARTICLE15_QUESTIONS,
  COST_OPTION_LABELS,
  LINE_CATEGORY_LABELS,
  operationTypeLabel,
  RESOURCE_TYPE_LABELS,
  targetPublicLabel,
} from '../applications/domain/labels';
import type { PlanTotals } from '../applications/financing-plan-version.sql';
import type { CostOption, LineCategory, ResourceType } from '../cofinancing/domain/cofinancing';
import { euros } from './format';

/** What a read-only summary of a dossier shows: the applicant after submission, an evaluator scoring it. */
export interface SummaryInput {
  project: ProjectSection;
  article15: Article15Section;
  plan: {
    /** « Plan déposé par le porteur », « Plan retenu à l'instruction (version 2) »… */
    caption: string;
    costOption: CostOption | null;
    lines: readonly { category: LineCategory; label: string; amountCents: number }[];
    resources: readonly { type: ResourceType; funderName: string | null; amountCents: number }[];
    totals: PlanTotals | null;
  } | null;
  documents: readonly { documentTypeLabel: string; originalName: string; sizeBytes: number; uploadedAt: Date; href: string | null }[];
}

const yesNo = (v: boolean | null | undefined): string => (v === true ? 'Oui' : v === false ? 'Non' : 'Non renseigné');
const text = (v: string | null | undefined): string => (v && v.trim() ? v : 'Non renseigné');

/** Every answer as label/value pairs in French, nothing hidden, no code shown (issue 14, points 13 and 14). */
export function dossierSummary(s: SummaryInput) {
  const p = s.project;
  const project = [
    { label: 'Titre', value: text(p.title) },
    { label: 'Résumé', value: text(p.summary) },
    { label: 'Besoin social auquel le projet répond', value: text(p.socialNeed) },
    { label: 'Publics visés', value: p.targetPublics.length ? p.targetPublics.map(targetPublicLabel).join(' ; ') : 'Non renseigné' },
    { label: "Type d'opération", value: p.operationType ? operationTypeLabel(p.operationType) : 'Non renseigné' },
    {
      label: 'Période de réalisation',
      value: p.startDate && p.endDate ? `du ${frenchCalendarDate(p.startDate)} au ${frenchCalendarDate(p.endDate)}` : 'Non renseignée',
    },
    { label: 'Lieu de réalisation', value: `${text(p.place)}${p.departement ? ` (département ${p.departement})` : ''}` },
    { label: 'Opération avec participants', value: yesNo(p.withParticipants) },
    ...(p.withParticipants ? [{ label: 'Participants prévus', value: p.plannedParticipants === null ? 'Non renseigné' : String(p.plannedParticipants) }] : []),
    { label: 'Projet déjà existant', value: yesNo(p.existingProject) },
    ...(p.existingProject
      ? [
          { label: 'Début de la phase expérimentale', value: p.experimentationStartDate ? frenchCalendarDate(p.experimentationStartDate) : 'Non renseigné' },
          { label: 'Nouveau territoire', value: yesNo(p.newTerritory) },
          { label: 'Changement substantiel', value: yesNo(p.substantialChange) },
        ]
      : []),
  ];
  const article15 = ARTICLE15_KEYS.map((key) => {
    const a = s.article15[key];
    return { key, question: ARTICLE15_QUESTIONS[key], answer: yesNo(a?.answer), justification: text(a?.justification) };
  });
  const plan = s.plan && {
    caption: s.plan.caption,
    costOption: s.plan.costOption ? COST_OPTION_LABELS[s.plan.costOption] : 'Non renseignée',
    lines: s.plan.lines.map((l) => ({ category: LINE_CATEGORY_LABELS[l.category] ?? l.category, label: l.label, amount: euros(l.amountCents) })),
    resources: s.plan.resources.map((r) => ({ type: RESOURCE_TYPE_LABELS[r.type] ?? r.type, funder: r.funderName ?? '—', amount: euros(r.amountCents) })),
    totals: s.plan.totals && [
      { label: 'Coûts directs', value: euros(s.plan.totals.directCostsCents) },
      { label: 'Coûts forfaitaires', value: euros(s.plan.totals.flatRateCostsCents) },
      { label: 'Coût total éligible', value: euros(s.plan.totals.totalEligibleCents) },
      { label: 'FSE+ maximum au taux de l’appel', value: euros(s.plan.totals.maxEuCents) },
      { label: 'FSE+', value: euros(s.plan.totals.euCents) },
      { label: 'Autres ressources', value: euros(s.plan.totals.otherResourcesCents) },
    ],
  };
  const documents = s.documents.map((d) => ({
    type: d.documentTypeLabel,
    name: d.originalName,
    size: frenchSize(d.sizeBytes),
    uploadedAt: frenchDateTime(d.uploadedAt),
    href: d.href,
  }));
  return { project, article15, plan, documents };
}

export type DossierSummary = ReturnType<typeof dossierSummary>;

import { formatRate } from '../../common/money/cents';
import { departementName } from '../catalogue/domain/territories';
import type { ApplicationView } from '../applications/application-view.service';
import { canTransition } from '../applications/domain/application-status';
import { COST_OPTION_LABELS, LINE_CATEGORY_LABELS, RESOURCE_TYPE_LABELS, targetPublicLabel } from '../applications/domain/labels';
import { euBoundsText } from '../applications/domain/submission-checks';
import { planVersionTotals } from '../applications/financing-plan-version.sql';
import { dossierSummary } from './dossier-summary';
import { euros, statusBadgeClass } from './format';
import { COMPLEMENT_SECTION_LABELS, type ComplementSection } from '../applications/domain/complements';
import { frenchCalendarDate, frenchDateTime, frenchSize } from '../../common/fr';

/** The part of a request for complements each section page edits. */
const COMPLEMENT_SECTION_OF: Partial<Record<string, ComplementSection>> = {
  project: 'PROJECT',
  article15: 'ARTICLE_15',
  financingPlan: 'FINANCING_PLAN',
  stateAid: 'FINANCING_PLAN',
  documents: 'DOCUMENTS',
};

export type SectionKey = 'overview' | 'project' | 'article15' | 'financingPlan' | 'stateAid' | 'indicatorTargets' | 'documents' | 'submit';

const SECTION_PAGES: readonly { key: SectionKey; path: string; label: string }[] = [
  { key: 'overview', path: '', label: "Vue d'ensemble" },
  { key: 'project', path: '/projet', label: 'Projet' },
  { key: 'article15', path: '/article-15', label: 'Innovation sociale (article 15)' },
  { key: 'financingPlan', path: '/plan-de-financement', label: 'Plan de financement' },
  { key: 'stateAid', path: '/aides-d-etat', label: "Aides d'État" },
  { key: 'indicatorTargets', path: '/cibles', label: 'Cibles des indicateurs' },
  { key: 'documents', path: '/pieces', label: 'Pièces justificatives' },
  { key: 'submit', path: '/deposer', label: 'Dépôt du dossier' },
];

/** The page model of a dossier: the API view plus French formatting, the side menu and what the user may do. */
export function dossierModel(view: ApplicationView, current: SectionKey) {
  const base = `/dossiers/${view.id}`;
  const sectionComplete = (key: SectionKey): boolean | null => view.checklist?.sections.find((s) => s.key === key)?.complete ?? null;
  const plan = view.financingPlan.computed;
  const request = view.status === 'INCOMPLETE' && view.complementRequest?.open ? view.complementRequest : null;
  const flagged = (key: SectionKey) => !!request && request.complements.some((c) => c.section === COMPLEMENT_SECTION_OF[key]);
  return {
    ...view,
    base,
    current,
    // While INCOMPLETE, only the parts flagged by the request for complements, until its due date (docs/domain/admissibility.md).
    editable: view.status === 'DRAFT' || flagged(current),
    complementsView: view.complementRequest
      ? {
          open: view.complementRequest.open,
          dueDateText: frenchCalendarDate(view.complementRequest.dueDate),
          items: view.complementRequest.complements.map((c) => ({
            ...c,
            sectionLabel: COMPLEMENT_SECTION_LABELS[c.section],
            href: base + (SECTION_PAGES.find((p) => COMPLEMENT_SECTION_OF[p.key] === c.section)?.path ?? ''),
          })),
        }
      : null,
    messagesView: (view.messages ?? []).map((m) => ({ ...m, createdAtText: frenchDateTime(m.createdAt), lines: m.body.split('\n') })),
    withdrawable: canTransition(view.status, 'WITHDRAWN'),
    statusBadge: statusBadgeClass(view.status),
    submittedAtText: view.submittedAt ? frenchDateTime(view.submittedAt) : null,
    callClosesAtText: frenchDateTime(view.call.closesAt),
    callEuBoundsText: euBoundsText(view.call),
    callMaxRateText: formatRate(view.call.maxRateBp),
    callWindowText: `du ${frenchCalendarDate(view.call.eligibilityStart)} au ${frenchCalendarDate(view.call.eligibilityEnd)}`,
    menu: SECTION_PAGES.filter((s) => s.key !== 'submit' || view.status === 'DRAFT')
      .map((s) => ({
        ...s,
        href: base + s.path,
        current: s.key === current,
        complete: sectionComplete(s.key),
      }))
      .concat(view.submittedAt ? [{ key: 'overview', path: '/messages', label: 'Messages', href: `${base}/messages`, current: false, complete: null }] : []),
    checklistSections: (view.checklist?.sections ?? []).map((s) => ({
      ...s,
      href: s.key === 'call' ? null : base + (SECTION_PAGES.find((p) => p.key === s.key)?.path ?? ''),
    })),
    projectText: {
      startDate: view.project.startDate ? frenchCalendarDate(view.project.startDate) : null,
      endDate: view.project.endDate ? frenchCalendarDate(view.project.endDate) : null,
      targetPublics: view.project.targetPublics.map(targetPublicLabel),
      // CPR art. 108(2), read from the département of realisation (docs/domain/region-category.md).
      regionCategory: view.regionCategory
        ? `${view.regionCategory.label} (${departementName(view.regionCategory.departement) ?? view.regionCategory.departement}, ${view.regionCategory.departement})`
        : null,
    },
    planText: {
      costOption: view.financingPlan.costOption ? COST_OPTION_LABELS[view.financingPlan.costOption] : null,
      direct: euros(plan?.directCostsCents),
      flat: euros(plan?.flatRateCostsCents),
      cte: euros(plan?.totalEligibleCostsCents),
      maxEsf: euros(plan?.maxEsfPlusCents),
      requested: euros(plan?.requestedEsfPlusCents),
      other: euros(plan?.otherResourcesCents),
      resourcesTotal: euros(plan ? plan.requestedEsfPlusCents + plan.otherResourcesCents : null),
      balance: euros(plan ? plan.totalEligibleCostsCents - plan.requestedEsfPlusCents - plan.otherResourcesCents : null),
      lines: view.financingPlan.lines.map((l) => ({ ...l, categoryLabel: LINE_CATEGORY_LABELS[l.category], amountText: euros(l.amountCents) })),
      resources: view.financingPlan.resources.map((r) => ({ ...r, typeLabel: RESOURCE_TYPE_LABELS[r.type], amountText: euros(r.amountCents) })),
    },
    documentsView: view.documents.map((d) => ({
      ...d,
      sizeText: frenchSize(d.sizeBytes),
      uploadedAtText: frenchDateTime(d.uploadedAt),
      href: `/api/v1/applications/${view.id}/documents/${d.id}/content`,
      // Four groups of 16 hex digits, so the fingerprint wraps inside a table cell.
      sha256Groups: d.sha256.match(/.{1,16}/g) ?? [],
    })),
    summary: applicantSummary(view),
    historyView: view.history.map((h) => ({ ...h, occurredAtText: frenchDateTime(h.occurredAt) })),
  };
}

/** What the applicant sent, every answer readable (issue 14, point 14): shown on the overview once submitted. */
function applicantSummary(view: ApplicationView) {
  const plan = view.financingPlan.computed;
  return dossierSummary({
    project: view.project,
    article15: view.article15,
    plan: {
      caption: view.submittedAt ? 'Plan déposé' : 'Plan en cours de saisie',
      costOption: view.financingPlan.costOption,
      lines: view.financingPlan.lines,
      resources: view.financingPlan.resources,
      totals: plan && planVersionTotals(plan),
    },
    documents: view.documents.map((d) => ({ ...d, href: `/api/v1/applications/${view.id}/documents/${d.id}/content` })),
  });
}

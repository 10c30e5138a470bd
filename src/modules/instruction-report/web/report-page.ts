import { LINE_CATEGORY_LABELS, RESOURCE_TYPE_LABELS } from '../../applications/domain/labels';
import { centsToInput, euros } from '../../web/format';
import { FLAT_RATE_BASE_CATEGORIES, RESOURCE_TYPES } from '../../cofinancing/domain/cofinancing';
import type { PlanTotals } from '../domain/reduced-plan';
import type { InstructionReportView } from '../instruction-report.service';
import { frenchDateTime } from '../../../common/fr';
import { OPINION_LABELS, OPINIONS, REPORT_SECTION_HINTS, REPORT_SECTION_LABELS, REPORT_SECTIONS, type ReportSections } from '../domain/report-sections';
import type { InstructionReportRow } from '../instruction-report.repository';

const TOTAL_LABELS: Readonly<Record<keyof PlanTotals, string>> = {
  directCostsCents: 'Coûts directs',
  flatRateCostsCents: 'Coûts forfaitaires',
  totalEligibleCents: 'Coût total éligible',
  maxEuCents: 'FSE+ maximal au taux de l’appel',
  euCents: 'FSE+ retenu',
  otherResourcesCents: 'Autres ressources',
};

const SOURCE_LABELS = { APPLICANT: 'porteur de projet', INSTRUCTOR: 'instructeur', COMMITTEE: 'comité de programmation', AMENDMENT: 'avenant' } as const;
const EXTRA_RESOURCE_ROWS = 2;

/** The page model of the instruction report: the opinion form, the reduced-plan editor and the differences. */
export function reportPageModel(view: InstructionReportView, echo: Record<string, string> | null) {
  const applicant = view.planVersions[0] ?? null;
  const retained = view.planVersions[view.planVersions.length - 1] ?? null;
  const typed = (key: string, fallback: string) => (echo ? (echo[key] ?? '') : fallback);
  const resources = retained ? [...retained.resources, ...Array.from({ length: EXTRA_RESOURCE_ROWS }, () => null)] : [];
  return {
    version: view.version,
    editable: view.status === 'UNDER_INSTRUCTION',
    canSubmit: view.status === 'UNDER_INSTRUCTION' && view.report !== null,
    verdict: view.eligibility?.verdict ?? null,
    opinions: OPINIONS.map((value) => ({ value, label: OPINION_LABELS[value] })),
    sections: REPORT_SECTIONS.map((key) => ({
      key,
      label: REPORT_SECTION_LABELS[key],
      hint: REPORT_SECTION_HINTS[key],
      value: typed(`section-${key}`, view.report?.sections?.[key] ?? ''),
    })),
    summary: view.report ? reportSummary(view.report) : null,
    report: view.report
      ? {
          ...view.report,
          opinionLabel: OPINION_LABELS[view.report.opinion],
          writtenAtText: frenchDateTime(new Date(view.report.writtenAt)),
          submittedAtText: view.report.submittedAt ? frenchDateTime(new Date(view.report.submittedAt)) : null,
        }
      : null,
    values: {
      opinion: typed('opinion', view.report?.opinion ?? ''),
      motivation: typed('motivation', view.report?.motivation ?? ''),
      reducePlan: echo ? echo.reducePlan === 'true' : false,
      reductionReason: typed('reductionReason', ''),
    },
    lines: (applicant?.lines ?? []).map((l, i) => ({
      index: i,
      category: l.category,
      categoryLabel: LINE_CATEGORY_LABELS[l.category] ?? l.category,
      label: l.label,
      applicantText: euros(l.amountCents),
      proposed: typed(`lines[${i}][amount]`, centsToInput(retained?.lines[i]?.amountCents ?? l.amountCents)),
    })),
    resources: resources.map((r, i) => ({
      index: i,
      type: typed(`resources[${i}][type]`, r?.type ?? ''),
      funderName: typed(`resources[${i}][funderName]`, r?.funderName ?? ''),
      amount: typed(`resources[${i}][amount]`, r ? centsToInput(r.amountCents) : ''),
    })),
    // Read by reduced-plan.js to recompute the proposal in the page with the server's integer rules.
    planRules: applicant
      ? JSON.stringify({ rateBp: applicant.rateBp, flatRateBp: applicant.flatRateBp ?? 0, bases: FLAT_RATE_BASE_CATEGORIES[applicant.costOption] })
      : '{}',
    retainedTotals: retained
      ? {
          direct: euros(retained.totals.directCostsCents),
          flat: euros(retained.totals.flatRateCostsCents),
          cte: euros(retained.totals.totalEligibleCents),
          maxEsf: euros(retained.totals.maxEuCents),
          esf: euros(retained.totals.euCents),
          balance: euros(retained.totals.totalEligibleCents - retained.totals.euCents - retained.totals.otherResourcesCents),
        }
      : null,
    resourceTypes: RESOURCE_TYPES.map((t) => ({ value: t, text: RESOURCE_TYPE_LABELS[t] })),
    versions: view.planVersions.map((v) => ({
      versionNo: v.versionNo,
      sourceLabel: SOURCE_LABELS[v.source],
      reason: v.reason,
      createdAtText: frenchDateTime(new Date(v.createdAt)),
      retained: v.versionNo === view.retainedVersionNo,
    })),
    differences: view.differences
      ? {
          retainedVersionNo: view.retainedVersionNo,
          lines: view.differences.lines.map((d) => ({
            ...d,
            categoryLabel: LINE_CATEGORY_LABELS[d.category as keyof typeof LINE_CATEGORY_LABELS] ?? d.category,
            applicantText: euros(d.applicantCents),
            proposedText: euros(d.proposedCents),
            deltaText: d.deltaCents === 0 ? '—' : euros(d.deltaCents),
          })),
          totals: view.differences.totals.map((t) => ({
            label: TOTAL_LABELS[t.key],
            applicantText: euros(t.applicantCents),
            proposedText: euros(t.proposedCents),
            deltaText: t.deltaCents === 0 ? '—' : euros(t.deltaCents),
          })),
        }
      : null,
  };
}

/**
 * The report as the committee and evaluators read it (templates/views/instruction-report/_summary.njk): each section
 * under its title, the opinion and its reasoning. A report written before the structure shows its sections as not written.
 */
export function reportSummary(report: Pick<InstructionReportRow, 'opinion' | 'motivation' | 'sections' | 'submittedAt'>) {
  const sections: ReportSections = report.sections ?? {};
  return {
    opinionLabel: OPINION_LABELS[report.opinion],
    motivation: report.motivation,
    validated: report.submittedAt !== null,
    structured: REPORT_SECTIONS.some((k) => sections[k]),
    sections: REPORT_SECTIONS.map((key) => ({ key, label: REPORT_SECTION_LABELS[key], text: sections[key] ?? null })),
  };
}

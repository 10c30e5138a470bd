import { frenchDateTime } from '../../../common/fr';
import { documentTypeLabel } from '../../applications/domain/labels';
import { OPINION_LABELS, REPORT_SECTION_LABELS, REPORT_SECTIONS, type InstructionOpinion } from '../../instruction-report/domain/report-sections';
import { dossierSummary } from '../../web/dossier-summary';
import type { PanelDossier } from '../evaluation-dossier.repository';

const PLAN_SOURCES: Readonly<Record<string, string>> = {
  APPLICANT: 'plan déposé par le porteur',
  INSTRUCTOR: "plan retenu à l'instruction",
  COMMITTEE: 'plan retenu par le comité',
  AMENDMENT: 'plan modifié par avenant',
};

/** The evaluator's dossier page: the shared read-only summary, with the retained plan and the instruction report. */
export function panelDossierModel(d: PanelDossier) {
  return {
    dossier: { id: d.id, number: d.number, title: d.project.title, organisationName: d.organisationName },
    summary: dossierSummary({
      project: d.project,
      article15: d.article15,
      plan: d.plan && {
        caption: `Version ${d.plan.versionNo} — ${PLAN_SOURCES[d.plan.source] ?? 'plan retenu'}`,
        costOption: d.plan.costOption,
        lines: d.plan.lines,
        resources: d.plan.resources,
        totals: d.plan.totals,
      },
      documents: d.documents.map((doc) => ({ ...doc, documentTypeLabel: documentTypeLabel(doc.documentType), href: `/evaluation/${d.id}/pieces/${doc.id}` })),
    }),
    report: d.report && {
      opinion: OPINION_LABELS[d.report.opinion as InstructionOpinion] ?? d.report.opinion,
      motivation: d.report.motivation,
      submittedAtText: d.report.submittedAt ? frenchDateTime(new Date(d.report.submittedAt)) : null,
      sections: REPORT_SECTIONS.filter((k) => d.report?.sections?.[k]).map((k) => ({ label: REPORT_SECTION_LABELS[k], text: d.report!.sections[k] })),
    },
  };
}

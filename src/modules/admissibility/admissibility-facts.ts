import type { CallRules } from '../applications/domain/application-content';
import type { AdmissibilityFacts } from './domain/admissibility-checks';
import type { SubmissionRow } from './admissibility.repository';

/** The facts of the checks, from the first and the latest submission snapshots and the frozen call version. */
export function admissibilityFacts(first: SubmissionRow, latest: SubmissionRow, call: CallRules, legalForm: string | null): AdmissibilityFacts {
  const s = latest.snapshot;
  return {
    firstSubmittedAt: new Date(first.submittedAt),
    latestSubmittedAt: new Date(latest.submittedAt),
    call,
    project: { startDate: s.project.startDate ?? null, endDate: s.project.endDate ?? null },
    financingPlan: {
      costOption: s.financingPlan.costOption,
      flatRateBp: s.financingPlan.flatRateBp,
      stateAid: s.financingPlan.stateAid,
      lines: s.financingPlan.lines,
      resources: s.financingPlan.resources,
    },
    documentTypes: s.documents.map((d) => d.documentType),
    organisation: { siret: s.organisation.siret, legalForm },
  };
}

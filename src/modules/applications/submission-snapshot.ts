import type { FinancingPlan } from '../cofinancing/domain/cofinancing';
import type { ApplicationBundle } from './application-rows';
import { contentOf } from './application-content';
import type { TargetRow } from '../participants/indicator-targets.sql';

/**
 * The immutable record of what was submitted (CPR art. 69, Annex XIII): the whole content, the call and its version,
 * the computed plan and every document with its SHA-256. Stored once; the database refuses to change it afterwards.
 */
export function submissionSnapshot(
  b: ApplicationBundle,
  plan: FinancingPlan,
  number: string,
  submittedAt: Date,
  callVersion: number,
  indicatorTargets: readonly TargetRow[] = [],
) {
  const content = contentOf(b);
  return {
    schemaVersion: 1,
    applicationId: b.row.id,
    number,
    submittedAt: submittedAt.toISOString(),
    call: { id: b.call.id, reference: b.call.reference, title: b.call.title, version: callVersion, maxRateBp: b.call.maxRateBp },
    organisation: b.organisation,
    project: content.project,
    article15: content.article15,
    financingPlan: {
      ...content.financingPlan,
      totals: {
        directCostsCents: plan.directCostsCents,
        flatRateCostsCents: plan.flatRateCostsCents,
        totalEligibleCents: plan.totalEligibleCostsCents,
        maxEuCents: plan.maxEsfPlusCents,
        euRequestedCents: plan.requestedEsfPlusCents,
        otherResourcesCents: plan.otherResourcesCents,
      },
    },
    // The State aid regime declared (docs/domain/state-aid.md); absent only for dossiers submitted before it was required.
    ...(content.stateAid !== undefined ? { stateAid: content.stateAid } : {}),
    // ESF+ Annex I targets the dossier declared (EECO01 and the call's indicators), printed in the convention.
    indicatorTargets: [...indicatorTargets],
    documents: b.documents.map((d) => ({
      id: d.id,
      documentType: d.documentType,
      originalName: d.originalName,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      uploadedAt: d.uploadedAt.toISOString(),
    })),
  };
}

import type { ApplicationBundle } from './application-rows';
import type { ApplicationContent } from './domain/application-content';

/** The plain content the pure checks work on. */
export function contentOf(
  b: Pick<ApplicationBundle, 'row' | 'lines' | 'resources' | 'documents'> & Partial<Pick<ApplicationBundle, 'indicatorTargets' | 'stateAid'>>,
): ApplicationContent {
  const r = b.row;
  return {
    project: {
      title: r.title,
      summary: r.summary,
      socialNeed: r.socialNeed,
      targetPublics: r.targetPublics,
      startDate: r.startDate,
      endDate: r.endDate,
      place: r.place,
      departement: r.departement,
      withParticipants: r.withParticipants,
      plannedParticipants: r.plannedParticipants,
      operationType: r.operationType,
      existingProject: r.existingProject,
      experimentationStartDate: r.experimentationStartDate,
      newTerritory: r.newTerritory,
      substantialChange: r.substantialChange,
      physicalInvestment: r.physicalInvestment,
    },
    article15: { i1: r.art15I1, i2: r.art15I2, ii: r.art15Ii },
    financingPlan: {
      costOption: r.costOption,
      flatRateBp: r.flatRateBp,
      stateAid: r.stateAid,
      lines: b.lines.map(({ category, label, amountCents, simplifiedCostCode, quantity }) => ({
        category,
        label,
        amountCents,
        ...(simplifiedCostCode ? { simplifiedCostCode, quantity: quantity ?? 0 } : {}),
      })),
      resources: b.resources.map(({ type, funderName, amountCents }) => ({ type, funderName, amountCents })),
    },
    documentTypes: b.documents.map((d) => d.documentType),
    ...(b.indicatorTargets ? { indicatorTargets: b.indicatorTargets } : {}),
    ...(b.stateAid !== undefined ? { stateAid: b.stateAid } : {}),
  };
}

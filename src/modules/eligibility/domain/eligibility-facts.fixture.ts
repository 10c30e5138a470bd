import type { EligibilityFacts } from './eligibility-facts';

/** Facts of a dossier that passes every rule; specs override what each scenario is about. */
export function eligibleFacts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    answers: { I_1: true, I_2: false, II: true },
    funderIsCollectiviteTerritoriale: false,
    targetPublics: ['DEMANDEURS_EMPLOI_LONGUE_DUREE'],
    allowedTargetPublics: ['DEMANDEURS_EMPLOI_LONGUE_DUREE', 'FAMILLES_MONOPARENTALES', 'JEUNES_NEET'],
    operationType: 'AVEC_PARTICIPANTS',
    allowedOperationTypes: ['AVEC_PARTICIPANTS', 'SANS_PARTICIPANTS'],
    existingProject: false,
    experimentationStartDate: null,
    submissionDate: '2025-03-15',
    newTerritory: false,
    substantialChange: false,
    ...overrides,
  };
}

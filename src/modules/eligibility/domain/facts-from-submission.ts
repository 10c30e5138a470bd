import { parisDate } from '../../applications/domain/application-number';
import type { EligibilityFacts } from './eligibility-facts';
import { art15IIWaivedFor, type GrantorNature } from './grantor';

/** The parts of a submission snapshot the rules read; every field may be missing from an older snapshot. */
export interface SubmittedDossier {
  submittedAt: string;
  project: {
    targetPublics?: readonly string[] | null;
    operationType?: string | null;
    existingProject?: boolean | null;
    experimentationStartDate?: string | null;
    newTerritory?: boolean | null;
    substantialChange?: boolean | null;
  };
  article15: Partial<Record<'i1' | 'i2' | 'ii', { answer: boolean | null } | null>>;
}

/** The call's side of the facts, from the call version the dossier was submitted under. */
export interface CallScope {
  /** Stored on older calls; ignored: the article 15, II waiver follows the grantor's nature (./grantor.ts). */
  funderType?: string;
  targetPublics: readonly string[];
  allowedOperationTypes: readonly string[];
}

/**
 * The facts of the eligibility rules, from what the applicant submitted and the call's scope. Only a « yes » counts
 * as a yes: an unanswered Article 15 question cannot establish a criterion. The submission date is the calendar day
 * in Europe/Paris, the one the « less than one year » ground is counted against. Whether the funder is a collectivité
 * territoriale (article 15, II) comes from the nature of the body granting the support, never from the call.
 */
export function factsFromSubmission(dossier: SubmittedDossier, call: CallScope, grantor: GrantorNature): EligibilityFacts {
  const p = dossier.project;
  const yes = (key: 'i1' | 'i2' | 'ii') => dossier.article15[key]?.answer === true;
  return {
    answers: { I_1: yes('i1'), I_2: yes('i2'), II: yes('ii') },
    funderIsCollectiviteTerritoriale: art15IIWaivedFor(grantor),
    targetPublics: [...(p.targetPublics ?? [])],
    allowedTargetPublics: [...call.targetPublics],
    operationType: p.operationType || null,
    allowedOperationTypes: [...call.allowedOperationTypes],
    existingProject: p.existingProject === true,
    experimentationStartDate: p.existingProject === true ? (p.experimentationStartDate ?? null) : null,
    submissionDate: parisDate(new Date(dossier.submittedAt)),
    newTerritory: p.existingProject === true && p.newTerritory === true,
    substantialChange: p.existingProject === true && p.substantialChange === true,
  };
}

import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { parseCalendarDate, type CalendarDate } from './calendar-date';

/** The applicant's answers to Article 15 of the loi ESS, each justified in the dossier (docs/domain/eligibility.md). */
export interface Art15Answers {
  /** I 1° : répond à des besoins sociaux non ou mal satisfaits. */
  I_1: boolean;
  /** I 2° : répond à des besoins sociaux par une forme innovante d'entreprise, un processus innovant de production de biens ou de services ou un mode innovant d'organisation du travail. */
  I_2: boolean;
  /** II : le caractère innovant rend difficile le financement intégral aux conditions normales du marché. */
  II: boolean;
}

/** Everything the eligibility rules need, gathered beforehand by the service: the rules do no IO. */
export interface EligibilityFacts {
  answers: Art15Answers;
  /** Derived from the grantor's nature (grantor.ts), never from the call: article 15, II is waived only for a collectivité. */
  funderIsCollectiviteTerritoriale: boolean;
  /** Codes of the dossier's target publics. */
  targetPublics: readonly string[];
  /** Codes of the target publics the call accepts. */
  allowedTargetPublics: readonly string[];
  /** Null when the dossier declares none (submitted before the question was asked). */
  operationType: string | null;
  allowedOperationTypes: readonly string[];
  existingProject: boolean;
  /** Start of the experimental phase; only meaningful for an existing project. */
  experimentationStartDate: CalendarDate | null;
  /** Calendar date of submission in Europe/Paris. */
  submissionDate: CalendarDate;
  /** The project spreads to a territory never funded before (essaimage). */
  newTerritory: boolean;
  /** The project changes its innovative approach substantially. */
  substantialChange: boolean;
}

export type RuleId = 'ART15_I' | 'ART15_II' | 'P6_TARGET_PUBLIC' | 'P6_OPERATION_TYPE' | 'P6_EXISTING_PROJECT';

export interface RuleResult {
  ruleId: RuleId;
  passed: boolean;
  /** French, shown to the instructor and quoted in letters. */
  reason: string;
  legalReference: string;
}

export type EligibilityRule = (facts: EligibilityFacts) => RuleResult;

/**
 * Checks the shape of the facts the rules rely on (calendar dates, non-empty codes).
 * @throws DomainError VALIDATION_FAILED listing every malformed field.
 */
export function assertEligibilityFacts(facts: EligibilityFacts): void {
  const errors: FieldError[] = [];
  const dateError = (value: string, path: string): void => {
    try {
      parseCalendarDate(value, path);
    } catch (e) {
      if (e instanceof DomainError) errors.push(...(e.details.errors ?? []));
      else throw e;
    }
  };
  dateError(facts.submissionDate, 'submissionDate');
  if (facts.experimentationStartDate !== null) dateError(facts.experimentationStartDate, 'experimentationStartDate');
  const codes: [string, readonly string[]][] = [
    ['targetPublics', facts.targetPublics],
    ['allowedTargetPublics', facts.allowedTargetPublics],
    ['allowedOperationTypes', facts.allowedOperationTypes],
    ['operationType', facts.operationType === null ? [] : [facts.operationType]],
  ];
  for (const [path, list] of codes) {
    list.forEach((code, i) => {
      if (typeof code !== 'string' || code.trim() === '') {
        errors.push({ path: `${path}[${i}]`, code: 'EMPTY_CODE', message: 'Le code ne peut pas être vide.' });
      }
    });
  }
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'Invalid eligibility facts', { errors });
  }
}

import type { RuleId } from './eligibility-facts';
import type { ReviewedEligibilityReport } from './apply-overrides';

export type EligibilityVerdict = 'ELIGIBLE' | 'INELIGIBLE';

export interface VerdictReason {
  ruleId: RuleId;
  reason: string;
  legalReference: string;
}

/**
 * The final verdict from the effective results (after the instructor's overrides):
 * `(I_1 OR I_2) AND (funderIsCollectiviteTerritoriale OR II)` is ART15_I AND ART15_II, to which the Priority 6 scope
 * rules add; every failing rule is a reason, in report order (quoted in the ineligibility letter).
 */
export function verdictOf(reviewed: ReviewedEligibilityReport): { verdict: EligibilityVerdict; reasons: VerdictReason[] } {
  const failing = reviewed.results.filter((r) => !r.passed);
  return {
    verdict: failing.length === 0 ? 'ELIGIBLE' : 'INELIGIBLE',
    reasons: failing.map((r) => ({ ruleId: r.ruleId, reason: r.reason, legalReference: r.legalReference })),
  };
}

import { assertEligibilityFacts, type EligibilityFacts, type EligibilityRule, type RuleResult } from './eligibility-facts';
import { art15IRule } from './rules/art15-i.rule';
import { art15IIRule } from './rules/art15-ii.rule';
import { p6ExistingProjectRule } from './rules/p6-existing-project.rule';
import { p6OperationTypeRule } from './rules/p6-operation-type.rule';
import { p6TargetPublicRule } from './rules/p6-target-public.rule';

/** Stored with every report; bump it whenever a rule, its wording or the rule list changes. */
export const RULE_SET_VERSION = 'art15-p6/3';

/** The rules in report order. */
export const ELIGIBILITY_RULES: readonly EligibilityRule[] = [art15IRule, art15IIRule, p6TargetPublicRule, p6OperationTypeRule, p6ExistingProjectRule];

export interface EligibilityReport {
  ruleSetVersion: string;
  eligible: boolean;
  results: RuleResult[];
}

/**
 * Runs every rule, without stopping at the first failure, so the report gives every reason (docs/domain/eligibility.md).
 * Eligible iff all rules pass.
 * @throws DomainError VALIDATION_FAILED when the facts are malformed.
 */
export function evaluateEligibility(facts: EligibilityFacts): EligibilityReport {
  assertEligibilityFacts(facts);
  const results = ELIGIBILITY_RULES.map((rule) => rule(facts));
  return { ruleSetVersion: RULE_SET_VERSION, eligible: results.every((r) => r.passed), results };
}

import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import type { RuleId, RuleResult } from './eligibility-facts';
import type { EligibilityReport } from './evaluate-eligibility';

/** An instructor's decision on one rule; a confirmation (same verdict as the engine) is allowed too. */
export interface RuleOverride {
  ruleId: string;
  passed: boolean;
  reason: string;
}

export interface ReviewedRuleResult {
  ruleId: RuleId;
  legalReference: string;
  /** Final verdict: the instructor's when overridden, otherwise the engine's. */
  passed: boolean;
  reason: string;
  engineResult: RuleResult;
  override: { passed: boolean; reason: string } | null;
}

export interface ReviewedEligibilityReport {
  ruleSetVersion: string;
  eligible: boolean;
  engineEligible: boolean;
  results: ReviewedRuleResult[];
}

/**
 * Applies the instructor's per-rule decisions to an engine report and recomputes the verdict,
 * keeping each engine result beside its override. The engine report is not modified.
 * @throws DomainError VALIDATION_FAILED on an unknown or repeated rule, or an empty reason.
 */
export function applyOverrides(report: EligibilityReport, overrides: readonly RuleOverride[]): ReviewedEligibilityReport {
  const errors: FieldError[] = [];
  const known = new Set<string>(report.results.map((r) => r.ruleId));
  const byRule = new Map<string, RuleOverride>();
  overrides.forEach((o, i) => {
    if (!known.has(o.ruleId)) {
      errors.push({ path: `overrides[${i}].ruleId`, code: 'UNKNOWN_RULE', message: `Règle inconnue : ${o.ruleId}.` });
    } else if (byRule.has(o.ruleId)) {
      errors.push({ path: `overrides[${i}].ruleId`, code: 'DUPLICATE_RULE', message: `Règle ${o.ruleId} déjà traitée.` });
    }
    if (typeof o.reason !== 'string' || o.reason.trim() === '') {
      errors.push({ path: `overrides[${i}].reason`, code: 'REASON_REQUIRED', message: 'Un motif écrit est obligatoire.' });
    }
    if (!byRule.has(o.ruleId)) byRule.set(o.ruleId, o);
  });
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid eligibility overrides', { errors });

  const results = report.results.map((engineResult): ReviewedRuleResult => {
    const o = byRule.get(engineResult.ruleId);
    const override = o ? { passed: o.passed, reason: o.reason.trim() } : null;
    return {
      ruleId: engineResult.ruleId,
      legalReference: engineResult.legalReference,
      passed: override ? override.passed : engineResult.passed,
      reason: override ? override.reason : engineResult.reason,
      engineResult: { ...engineResult },
      override,
    };
  });
  return {
    ruleSetVersion: report.ruleSetVersion,
    eligible: results.every((r) => r.passed),
    engineEligible: report.results.every((r) => r.passed),
    results,
  };
}

import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../applications/domain/application-status';
import { applyOverrides, type ReviewedRuleResult } from './domain/apply-overrides';
import { type CsessGrid, type CsessScore, csessSubtotals, type CsessSubtotal } from './domain/csess-grid';
import type { EligibilityFacts } from './domain/eligibility-facts';
import type { EligibilityVerdict, VerdictReason } from './domain/verdict';
import type { EligibilityReportRow, InstructedDossier } from './eligibility.repository';

export interface EligibilityView {
  applicationId: string;
  status: ApplicationStatus;
  statusLabel: string;
  ruleSetVersion: string;
  facts: EligibilityFacts;
  /** One per rule in report order: the effective result, the engine's beside it, and the override if any. */
  results: (ReviewedRuleResult & { override: (ReviewedRuleResult['override'] & { by: string; at: string }) | null })[];
  engineEligible: boolean;
  /** The verdict the effective results give now (confirmed or not). */
  eligible: boolean;
  verdict: EligibilityVerdict | null;
  verdictReasons: VerdictReason[];
  evaluatedBy: string;
  evaluatedAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  csess: { grid: CsessGrid; defaultGrid: boolean; scores: CsessScore[]; subtotals: CsessSubtotal[]; total: number; max: number };
  version: number;
}

export function toEligibilityView(dossier: InstructedDossier, report: EligibilityReportRow, grid: { grid: CsessGrid; isDefault: boolean }): EligibilityView {
  const reviewed = applyOverrides({ ruleSetVersion: report.ruleSetVersion, eligible: false, results: report.results }, report.overrides);
  const byRule = new Map(report.overrides.map((o) => [o.ruleId, o]));
  const totals = csessSubtotals(grid.grid, report.csessScores);
  return {
    applicationId: report.applicationId,
    status: dossier.status,
    statusLabel: APPLICATION_STATUS_LABELS[dossier.status],
    ruleSetVersion: report.ruleSetVersion,
    facts: report.facts,
    results: reviewed.results.map((r) => {
      const o = byRule.get(r.ruleId);
      return { ...r, override: r.override && o ? { ...r.override, by: o.by, at: o.at } : null };
    }),
    engineEligible: reviewed.engineEligible,
    eligible: reviewed.eligible,
    verdict: report.verdict,
    verdictReasons: report.verdictReasons,
    evaluatedBy: report.evaluatedBy,
    evaluatedAt: new Date(report.evaluatedAt).toISOString(),
    confirmedBy: report.confirmedBy,
    confirmedAt: report.confirmedAt ? new Date(report.confirmedAt).toISOString() : null,
    csess: { grid: grid.grid, defaultGrid: grid.isDefault, scores: report.csessScores, subtotals: totals.categories, total: totals.total, max: totals.max },
    version: report.version,
  };
}

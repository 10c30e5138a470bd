import type { EntityManager } from 'typeorm';

export type PlanVersionSource = 'APPLICANT' | 'INSTRUCTOR' | 'COMMITTEE' | 'AMENDMENT';

export interface PlanVersionRow {
  applicationId: string;
  versionNo: number;
  source: PlanVersionSource;
  costOption: string;
  flatRateBp: number | null;
  lines: readonly unknown[];
  resources: readonly unknown[];
  totals: { direct: number; flat: number; eligible: number; maxEu: number; eu: number; other: number };
  rateBp: number;
  reason: string | null;
  createdBy: string;
}

/**
 * Appends one version of a dossier's financing plan. The one writer of `financing_plan_version` for submission,
 * resubmission, instruction and committee: earlier versions are never changed (UPDATE and DELETE are revoked).
 */
export async function insertPlanVersion(em: EntityManager, v: PlanVersionRow): Promise<void> {
  await em.query(
    `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, flat_rate_bp, lines, resources, total_direct_cents,
       total_flat_rate_cents, total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [v.applicationId, v.versionNo, v.source, v.costOption, v.flatRateBp, JSON.stringify(v.lines), JSON.stringify(v.resources), v.totals.direct,
      v.totals.flat, v.totals.eligible, v.totals.maxEu, v.totals.eu, v.totals.other, v.rateBp, v.reason, v.createdBy],
  );
}

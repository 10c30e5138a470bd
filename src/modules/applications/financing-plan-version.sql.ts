import type { DataSource, EntityManager } from 'typeorm';
import { type Cents, toCents } from '../../common/money/cents';
import type { CostOption, FinancingPlan } from '../cofinancing/domain/cofinancing';
import type { PlanLine, PlanResource } from './domain/application-content';

export type PlanVersionSource = 'APPLICANT' | 'INSTRUCTOR' | 'COMMITTEE' | 'AMENDMENT';

/** The totals stored with every version of a plan: one shape for writing and reading them. */
export interface PlanVersionTotals {
  directCostsCents: Cents;
  flatRateCostsCents: Cents;
  totalEligibleCents: Cents;
  maxEuCents: Cents;
  euCents: Cents;
  otherResourcesCents: Cents;
}

/** One version of a dossier's financing plan, as `financing_plan_version` keeps it (append-only). */
export interface PlanVersion {
  applicationId: string;
  versionNo: number;
  source: PlanVersionSource;
  costOption: CostOption;
  flatRateBp: number | null;
  /** The EU rate of the call the plan was computed with. */
  rateBp: number;
  lines: PlanLine[];
  resources: PlanResource[];
  totals: PlanVersionTotals;
  reason: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export type NewPlanVersion = Omit<PlanVersion, 'createdAt' | 'createdBy' | 'lines' | 'resources'> & {
  lines: readonly PlanLine[];
  resources: readonly PlanResource[];
  createdBy: string;
};

/** The totals a computed plan (docs/domain/cofinancing.md) stores with its version. */
export function planVersionTotals(plan: FinancingPlan): PlanVersionTotals {
  return {
    directCostsCents: plan.directCostsCents,
    flatRateCostsCents: plan.flatRateCostsCents,
    totalEligibleCents: plan.totalEligibleCostsCents,
    maxEuCents: plan.maxEsfPlusCents,
    euCents: plan.requestedEsfPlusCents,
    otherResourcesCents: plan.otherResourcesCents,
  };
}

/**
 * Appends one version of a dossier's financing plan. The one writer of `financing_plan_version` for submission,
 * resubmission, instruction, committee and amendments: earlier versions are never changed (UPDATE and DELETE are revoked).
 */
export async function insertPlanVersion(em: EntityManager, v: NewPlanVersion): Promise<void> {
  const t = v.totals;
  await em.query(
    `INSERT INTO financing_plan_version (application_id, version_no, source, cost_option, flat_rate_bp, lines, resources, total_direct_cents,
       total_flat_rate_cents, total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      v.applicationId,
      v.versionNo,
      v.source,
      v.costOption,
      v.flatRateBp,
      JSON.stringify(v.lines),
      JSON.stringify(v.resources),
      t.directCostsCents,
      t.flatRateCostsCents,
      t.totalEligibleCents,
      t.maxEuCents,
      t.euCents,
      t.otherResourcesCents,
      v.rateBp,
      v.reason,
      v.createdBy,
    ],
  );
}

/** A row as selected below: money columns arrive as bigint text and are decoded once (docs/decisions/0005-integer-money.md). */
interface PlanVersionRaw extends Omit<PlanVersion, 'totals'> {
  direct: string;
  flat: string;
  eligible: string;
  maxEu: string;
  eu: string;
  other: string;
}

/** Every version of a dossier's plan, oldest first: the one mapping from `financing_plan_version` to {@link PlanVersion}. */
export async function readPlanVersions(runner: DataSource | EntityManager, applicationId: string): Promise<PlanVersion[]> {
  const rows: PlanVersionRaw[] = await runner.query(
    `SELECT application_id AS "applicationId", version_no AS "versionNo", source, cost_option AS "costOption", flat_rate_bp AS "flatRateBp",
            rate_bp AS "rateBp", lines, resources, total_direct_cents AS direct, total_flat_rate_cents AS flat, total_eligible_cents AS eligible,
            max_eu_cents AS "maxEu", eu_cents AS eu, other_resources_cents AS other, reason, created_by AS "createdBy", created_at AS "createdAt"
       FROM financing_plan_version WHERE application_id = $1 ORDER BY version_no`,
    [applicationId],
  );
  return rows.map(({ direct, flat, eligible, maxEu, eu, other, ...r }) => ({
    ...r,
    totals: {
      directCostsCents: toCents(direct),
      flatRateCostsCents: toCents(flat),
      totalEligibleCents: toCents(eligible),
      maxEuCents: toCents(maxEu),
      euCents: toCents(eu),
      otherResourcesCents: toCents(other),
    },
  }));
}

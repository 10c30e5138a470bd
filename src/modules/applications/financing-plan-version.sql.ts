import type { DataSource, EntityManager } from 'typeorm';
import { type Cents, toCents } from '../../common/money/cents';
import type { CostOption, FinancingPlan } from '../cofinancing/domain/cofinancing';
import type { PlanLine, PlanResource } from './domain/application-content';

export type PlanVersionSource = 'APPLICANT' | 'INSTRUCTOR' | 'COMMITTEE' | 'AMENDMENT';

/**
 * The totals stored with every version of a plan: one shape for writing them, reading them back and showing them
 * (the evaluator's and the applicant's dossier summaries, the convention). Computed by docs/domain/cofinancing.md.
 */
export interface PlanTotals {
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
  lines: (PlanLine & { amountCents: Cents })[];
  resources: (PlanResource & { amountCents: Cents })[];
  totals: PlanTotals;
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
export function planVersionTotals(
  plan: Pick<
    FinancingPlan,
    'directCostsCents' | 'flatRateCostsCents' | 'totalEligibleCostsCents' | 'maxEsfPlusCents' | 'requestedEsfPlusCents' | 'otherResourcesCents'
  >,
): PlanTotals {
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
  await em.query(`INSERT INTO financing_plan_version (${PLAN_VERSION_INSERT_COLUMNS}) VALUES (${planVersionPlaceholders(1)})`, planVersionValues(v));
}

const PLAN_VERSION_INSERT_COLUMNS = `application_id, version_no, source, cost_option, flat_rate_bp, lines, resources, total_direct_cents,
  total_flat_rate_cents, total_eligible_cents, max_eu_cents, eu_cents, other_resources_cents, rate_bp, reason, created_by`;

/** `$from`… for {@link planVersionValues}, so that a larger statement can write the row with its other parameters. */
export function planVersionPlaceholders(from: number): string {
  return Array.from({ length: 16 }, (_, i) => `$${from + i}${i === 5 || i === 6 ? '::jsonb' : ''}`).join(', ');
}

/** The row as one INSERT (inside a larger statement): `INSERT … SELECT <placeholders> FROM <source>`. */
export function planVersionInsertSql(from: number, source: string): string {
  return `INSERT INTO financing_plan_version (${PLAN_VERSION_INSERT_COLUMNS}) SELECT ${planVersionPlaceholders(from)} FROM ${source}`;
}

export function planVersionValues(v: NewPlanVersion): unknown[] {
  const t = v.totals;
  return [
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
  ];
}

type Money = string | number;

/**
 * A `financing_plan_version` row as {@link planVersionColumns} selects it: money columns arrive as bigint text and the
 * JSON amounts as numbers, all decoded once by {@link toPlanVersion} (docs/decisions/0005-integer-money.md).
 */
export interface PlanVersionRow extends Omit<PlanVersion, 'totals' | 'lines' | 'resources'> {
  lines: (Omit<PlanLine, 'amountCents'> & { amountCents: Money })[];
  resources: (Omit<PlanResource, 'amountCents'> & { amountCents: Money })[];
  direct: Money;
  flat: Money;
  eligible: Money;
  maxEu: Money;
  eu: Money;
  other: Money;
}

/** The select list of a {@link PlanVersionRow}; `alias` is the table's alias in the caller's query. */
export function planVersionColumns(alias: string): string {
  const f = alias;
  return `${f}.application_id AS "applicationId", ${f}.version_no AS "versionNo", ${f}.source, ${f}.cost_option AS "costOption",
    ${f}.flat_rate_bp AS "flatRateBp", ${f}.rate_bp AS "rateBp", ${f}.lines, ${f}.resources, ${f}.total_direct_cents AS direct,
    ${f}.total_flat_rate_cents AS flat, ${f}.total_eligible_cents AS eligible, ${f}.max_eu_cents AS "maxEu", ${f}.eu_cents AS eu,
    ${f}.other_resources_cents AS other, ${f}.reason, ${f}.created_by AS "createdBy", ${f}.created_at AS "createdAt"`;
}

/** The one mapping from a selected row to {@link PlanVersion}. */
export function toPlanVersion({ direct, flat, eligible, maxEu, eu, other, lines, resources, ...r }: PlanVersionRow): PlanVersion {
  return {
    ...r,
    lines: lines.map((l) => ({ ...l, amountCents: toCents(l.amountCents) })),
    resources: resources.map((x) => ({ ...x, amountCents: toCents(x.amountCents) })),
    totals: {
      directCostsCents: toCents(direct),
      flatRateCostsCents: toCents(flat),
      totalEligibleCents: toCents(eligible),
      maxEuCents: toCents(maxEu),
      euCents: toCents(eu),
      otherResourcesCents: toCents(other),
    },
  };
}

/** Every version of a dossier's plan, oldest first. */
export async function readPlanVersions(runner: DataSource | EntityManager, applicationId: string): Promise<PlanVersion[]> {
  const rows = await runner.query<PlanVersionRow[]>(
    `SELECT ${planVersionColumns('f')} FROM financing_plan_version f WHERE f.application_id = $1 ORDER BY f.version_no`,
    [applicationId],
  );
  return rows.map(toPlanVersion);
}

/**
 * The retained plan of a dossier: its highest version (the applicant's, then the instructor's, the committee's or an
 * amendment's, docs/domain/committee.md), or the given version when `versionNo` is set; null when there is none.
 */
export async function readLatestPlanVersion(
  runner: DataSource | EntityManager,
  applicationId: string,
  versionNo: number | null = null,
): Promise<PlanVersion | null> {
  const rows = await runner.query<PlanVersionRow[]>(
    `SELECT ${planVersionColumns('f')} FROM financing_plan_version f
      WHERE f.application_id = $1 ${versionNo === null ? '' : 'AND f.version_no = $2'} ORDER BY f.version_no DESC LIMIT 1`,
    versionNo === null ? [applicationId] : [applicationId, versionNo],
  );
  const [row] = rows;
  return row ? toPlanVersion(row) : null;
}

/** The plan columns a report or ranking load reads one at a time. */
export type RetainedPlanColumn = 'eu_cents' | 'total_eligible_cents' | 'other_resources_cents' | 'rate_bp';

/**
 * SQL of one column of a dossier's retained plan (its highest version, as {@link readLatestPlanVersion}), as a scalar
 * sub-select for the queries that read many dossiers at once (ranking loads, minutes, reports: docs/decisions/0001-raw-sql.md).
 * `applicationId` is an SQL expression (`a.id`, `$1`); money columns come back as bigint text, for `toCents`.
 */
export function retainedPlanColumnSql(column: RetainedPlanColumn, applicationId: string): string {
  return `(SELECT rp.${column} FROM financing_plan_version rp WHERE rp.application_id = ${applicationId} ORDER BY rp.version_no DESC LIMIT 1)`;
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { toCents, toCentsOrNull } from '../../common/money/cents';
import type { SimplifiedCostDefinition } from '../cofinancing/domain/cost-options';
import type { RateBasis, RegionCategory } from '../cofinancing/domain/rate-caps';
import type { CsessGrid } from '../eligibility/domain/csess-grid';
import type { CallStatus, FunderType } from './domain/call-labels';
import type { CallCostOptionRule, CallRulesInput } from './domain/call-window';
import { first } from '../../common/collections';

export type CallCostOptionRow = CallCostOptionRule;

/** The fields a programme manager edits, in application types (cents and bp as numbers, instants as Dates). */
export interface CallFields extends CallRulesInput {
  reference: string;
  title: string;
  description: string;
  programmeCci: string;
  specificObjective: string;
  interventionFieldCode: string;
  fund: string;
  costOptions: CallCostOptionRow[];
  requiredDocumentTypes: string[];
  targetPublics: string[];
  allowedOperationTypes: string[];
  participantsExpected: boolean;
  funderType: FunderType;
  draftsBeforeOpening: boolean;
  evaluationGrid: Record<string, unknown> | null;
  /** The CSESS characterisation grid (docs/domain/eligibility.md); null: the default template is used. */
  csessGrid: CsessGrid | null;
  regionCategory: RegionCategory | null;
  rateBasis: RateBasis;
  simplifiedCosts: SimplifiedCostDefinition[];
  /** Execution settings (docs/domain/execution.md): days to sign the convention, re-allocation tolerance, ESF+ indicators. */
  signatureDeadlineDays: number;
  reallocationToleranceBp: number;
  indicatorCodes: string[];
}

export interface CallRecord extends CallFields {
  id: string;
  status: CallStatus;
  publishedVersion: number | null;
  publishedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CallListRow extends CallRecord {
  /** The sort key at microsecond precision, for the keyset cursor. */
  sortKey: string;
}

export type CallListFilter = 'open' | 'upcoming' | 'closed' | 'draft' | 'published' | 'all';

/** Filter and order of each listing; the keyset is (sort column, id) in the same direction. */
const LISTINGS: Record<CallListFilter, { where: string; column: string; direction: 'ASC' | 'DESC' }> = {
  open: { where: `c.status = 'PUBLISHED' AND c.opens_at <= :now AND c.closes_at > :now`, column: 'closes_at', direction: 'ASC' },
  upcoming: { where: `c.status = 'PUBLISHED' AND c.opens_at > :now`, column: 'opens_at', direction: 'ASC' },
  closed: { where: `(c.status = 'ARCHIVED' OR (c.status = 'PUBLISHED' AND c.closes_at <= :now))`, column: 'closes_at', direction: 'DESC' },
  draft: { where: `c.status = 'DRAFT'`, column: 'created_at', direction: 'DESC' },
  published: { where: `c.status <> 'DRAFT'`, column: 'created_at', direction: 'DESC' },
  all: { where: `true`, column: 'created_at', direction: 'DESC' },
};

const SELECT = `
  c.id, c.reference, c.title, c.description, c.programme_cci AS "programmeCci", c.priority,
  c.specific_objective AS "specificObjective", c.intervention_field_code AS "interventionFieldCode", c.fund,
  c.max_rate_bp AS "maxRateBp", c.envelope_cents::text AS "envelopeCents", c.opens_at AS "opensAt", c.closes_at AS "closesAt",
  c.min_eu_cents::text AS "minEuCents", c.max_eu_cents::text AS "maxEuCents",
  c.min_duration_months AS "minDurationMonths", c.max_duration_months AS "maxDurationMonths",
  c.eligibility_start::text AS "eligibilityStart", c.eligibility_end::text AS "eligibilityEnd",
  c.cost_options AS "costOptions", c.region_category AS "regionCategory", c.rate_basis AS "rateBasis", c.simplified_costs AS "simplifiedCosts", c.required_document_types AS "requiredDocumentTypes", c.target_publics AS "targetPublics",
  c.allowed_operation_types AS "allowedOperationTypes", c.participants_expected AS "participantsExpected",
  c.funder_type AS "funderType", c.drafts_before_opening AS "draftsBeforeOpening", c.evaluation_grid AS "evaluationGrid", c.csess_grid AS "csessGrid",
  c.signature_deadline_days AS "signatureDeadlineDays", c.reallocation_tolerance_bp AS "reallocationToleranceBp", c.indicator_codes AS "indicatorCodes",
  c.status, c.published_version AS "publishedVersion", c.published_at AS "publishedAt", c.version,
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

type RawCall = Omit<CallRecord, 'envelopeCents' | 'minEuCents' | 'maxEuCents'> & { envelopeCents: string; minEuCents: string; maxEuCents: string | null };

@Injectable()
export class CallsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, fields: CallFields, createdBy: string | null): Promise<string> {
    const row = first<{ id: string }>(
      await em.query(
        `INSERT INTO call (${WRITE_COLUMNS.join(', ')}, created_by)
       VALUES (${WRITE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, $${WRITE_COLUMNS.length + 1}) RETURNING id`,
        [...writeValues(fields), createdBy],
      ),
      'the inserted call row',
    );
    return row.id;
  }

  async findById(id: string, em: EntityManager | DataSource = this.dataSource): Promise<CallRecord | null> {
    const rows: RawCall[] = await em.query(`SELECT ${SELECT} FROM call c WHERE c.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Locks the row until the end of the caller's transaction, so that checks and the update see the same state. */
  async findByIdForUpdate(em: EntityManager, id: string): Promise<CallRecord | null> {
    const rows: RawCall[] = await em.query(`SELECT ${SELECT} FROM call c WHERE c.id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Optimistic update: false when the row is no longer at `expectedVersion`. */
  async update(em: EntityManager, id: string, expectedVersion: number, fields: CallFields): Promise<boolean> {
    const n = WRITE_COLUMNS.length;
    const [, count] = (await em.query(
      `UPDATE call SET ${WRITE_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ')}, version = version + 1, updated_at = now()
        WHERE id = $${n + 1} AND version = $${n + 2}`,
      [...writeValues(fields), id, expectedVersion],
    )) as [unknown, number];
    return count === 1;
  }

  /** Marks the call published under the next rules version; returns that version, or null when stale. */
  async markPublished(em: EntityManager, id: string, expectedVersion: number): Promise<number | null> {
    const [rows]: [{ published_version: number }[], number] = await em.query(
      `UPDATE call SET status = 'PUBLISHED', published_version = coalesce(published_version, 0) + 1, published_at = now(),
                       version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING published_version`,
      [id, expectedVersion],
    );
    return rows[0]?.published_version ?? null;
  }

  /** A published call changed: its rules are published again as `version` (the caller holds the row lock). */
  async bumpPublishedVersion(em: EntityManager, id: string, version: number): Promise<void> {
    await em.query(`UPDATE call SET published_version = $2, published_at = now() WHERE id = $1 AND status = 'PUBLISHED'`, [id, version]);
  }

  /** Freezes the current row as rules version `version` (the row as JSON, as the demo seeder does). */
  async insertVersion(em: EntityManager, id: string, version: number, publishedBy: string | null): Promise<void> {
    await em.query(
      `INSERT INTO call_version (call_id, version, rules, published_by)
       SELECT c.id, $2, to_jsonb(c.*), $3 FROM call c WHERE c.id = $1`,
      [id, version, publishedBy],
    );
  }

  /** A frozen version read back with the same column mapping as a live call. */
  async findVersion(id: string, version: number): Promise<{ publishedAt: Date; call: CallRecord } | null> {
    const rows: (RawCall & { frozenAt: Date })[] = await this.dataSource.query(
      `SELECT ${SELECT}, v.published_at AS "frozenAt"
         FROM call_version v CROSS JOIN LATERAL jsonb_populate_record(NULL::call, v.rules) c
        WHERE v.call_id = $1 AND v.version = $2`,
      [id, version],
    );
    return rows[0] ? { publishedAt: rows[0].frozenAt, call: toRecord(rows[0]) } : null;
  }

  /** One page of a listing, `limit + 1` rows so the caller knows whether another page follows. */
  async list(filter: CallListFilter, now: Date, limit: number, after: { key: string; id: string } | null): Promise<CallListRow[]> {
    const { where, column, direction } = LISTINGS[filter];
    const params: unknown[] = [limit + 1];
    const param = (value: unknown): string => `$${params.push(value)}`;
    const conditions = [where.includes(':now') ? where.replaceAll(':now', `${param(now)}::timestamptz`) : where];
    if (after) {
      const cmp = direction === 'ASC' ? '>' : '<';
      conditions.push(`(c.${column}, c.id) ${cmp} (${param(after.key)}::timestamptz, ${param(after.id)}::uuid)`);
    }
    const rows: (RawCall & { sortKey: string })[] = await this.dataSource.query(
      `SELECT ${SELECT}, to_char(c.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortKey"
         FROM call c
        WHERE ${conditions.join(' AND ')}
        ORDER BY c.${column} ${direction}, c.id ${direction}
        LIMIT $1`,
      params,
    );
    return rows.map((r) => ({ ...toRecord(r), sortKey: r.sortKey }));
  }
}

const WRITE_COLUMNS = [
  'reference',
  'title',
  'description',
  'programme_cci',
  'priority',
  'specific_objective',
  'intervention_field_code',
  'fund',
  'max_rate_bp',
  'envelope_cents',
  'opens_at',
  'closes_at',
  'min_eu_cents',
  'max_eu_cents',
  'min_duration_months',
  'max_duration_months',
  'eligibility_start',
  'eligibility_end',
  'cost_options',
  'required_document_types',
  'target_publics',
  'allowed_operation_types',
  'participants_expected',
  'funder_type',
  'drafts_before_opening',
  'evaluation_grid',
  'csess_grid',
  'region_category',
  'rate_basis',
  'simplified_costs',
  'signature_deadline_days',
  'reallocation_tolerance_bp',
  'indicator_codes',
] as const;

function writeValues(f: CallFields): unknown[] {
  return [
    f.reference,
    f.title,
    f.description,
    f.programmeCci,
    f.priority,
    f.specificObjective,
    f.interventionFieldCode,
    f.fund,
    f.maxRateBp,
    f.envelopeCents,
    f.opensAt,
    f.closesAt,
    f.minEuCents,
    f.maxEuCents,
    f.minDurationMonths,
    f.maxDurationMonths,
    f.eligibilityStart,
    f.eligibilityEnd,
    JSON.stringify(f.costOptions),
    JSON.stringify(f.requiredDocumentTypes),
    JSON.stringify(f.targetPublics),
    JSON.stringify(f.allowedOperationTypes),
    f.participantsExpected,
    f.funderType,
    f.draftsBeforeOpening,
    f.evaluationGrid === null ? null : JSON.stringify(f.evaluationGrid),
    f.csessGrid === null ? null : JSON.stringify(f.csessGrid),
    f.regionCategory,
    f.rateBasis,
    JSON.stringify(f.simplifiedCosts),
    f.signatureDeadlineDays,
    f.reallocationToleranceBp,
    JSON.stringify(f.indicatorCodes),
  ];
}

function toRecord(r: RawCall): CallRecord {
  return {
    ...r,
    envelopeCents: toCents(r.envelopeCents),
    minEuCents: toCents(r.minEuCents),
    maxEuCents: toCentsOrNull(r.maxEuCents),
    // A version frozen before a column existed reads it back as NULL.
    costOptions: r.costOptions ?? [],
    requiredDocumentTypes: r.requiredDocumentTypes ?? [],
    targetPublics: r.targetPublics ?? [],
    allowedOperationTypes: r.allowedOperationTypes ?? [],
    evaluationGrid: r.evaluationGrid ?? null,
    csessGrid: r.csessGrid ?? null,
    regionCategory: r.regionCategory ?? null,
    rateBasis: r.rateBasis ?? 'TOTAL_ELIGIBLE_COST',
    simplifiedCosts: r.simplifiedCosts ?? [],
    signatureDeadlineDays: r.signatureDeadlineDays ?? 30,
    reallocationToleranceBp: r.reallocationToleranceBp ?? 1000,
    indicatorCodes: r.indicatorCodes ?? [],
  };
}

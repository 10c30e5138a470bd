import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OPERATION_FROM, PUBLISHED_SQL } from '../catalogue/catalogue.sql';
import type { DashboardRaw } from './domain/dashboard';
import { first } from '../../common/collections';

export interface DashboardScope {
  /** Paris calendar dates, inclusive; null: unbounded. */
  from: string | null;
  to: string | null;
  callId: string | null;
}

type Agg = { operations: number; eu_cents: string };
const n = (v: string | number | null | undefined) => {
  const x = Number(v ?? 0);
  if (!Number.isSafeInteger(x)) throw new Error('aggregate is not a safe integer');
  return x;
};

/**
 * The dashboard's aggregates in one round trip. A programmed operation is dated by its favourable committee decision
 * (else its last update, for operations recorded without a decision); the period filter applies to that date, to the
 * submission time of dossiers and to the opening of calls, all in Paris time.
 */
const AGGREGATES_SQL = `
  WITH scoped AS MATERIALIZED (
    SELECT a.call_id, coalesce(a.departement, o.departement) AS departement, a.target_publics, a.operation_type, x.eu_cents,
           to_char(coalesce(fav.decided_at, a.updated_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS month
      ${OPERATION_FROM}
     WHERE a.status IN ${PUBLISHED_SQL}
       AND ($1::uuid IS NULL OR a.call_id = $1::uuid)
       AND ($2::date IS NULL OR coalesce(fav.decided_at, a.updated_at) >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris'))
       AND ($3::date IS NULL OR coalesce(fav.decided_at, a.updated_at) < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')))
  SELECT
    (SELECT coalesce(json_agg(t), '[]') FROM (SELECT call_id, count(*)::int AS operations, sum(eu_cents)::text AS eu_cents FROM scoped GROUP BY 1) t) AS by_call,
    (SELECT coalesce(json_agg(t), '[]') FROM (SELECT month, count(*)::int AS operations, sum(eu_cents)::text AS eu_cents FROM scoped GROUP BY 1) t) AS by_month,
    (SELECT coalesce(json_agg(t), '[]') FROM (SELECT departement, count(*)::int AS operations, sum(eu_cents)::text AS eu_cents FROM scoped GROUP BY 1) t) AS by_departement,
    (SELECT coalesce(json_agg(t), '[]') FROM (SELECT p AS code, count(*)::int AS operations, sum(eu_cents)::text AS eu_cents
                                                FROM scoped, jsonb_array_elements_text(target_publics) p GROUP BY 1) t) AS by_public,
    (SELECT coalesce(json_agg(t), '[]') FROM (SELECT operation_type AS code, count(*)::int AS operations, sum(eu_cents)::text AS eu_cents FROM scoped GROUP BY 1) t) AS by_type,
    (SELECT count(*)::int FROM application a WHERE a.submitted_at IS NOT NULL AND ($1::uuid IS NULL OR a.call_id = $1::uuid)
        AND ($2::date IS NULL OR a.submitted_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris'))
        AND ($3::date IS NULL OR a.submitted_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'))) AS dossiers_received`;

const CALLS_SQL = `
  SELECT id, reference, title, envelope_cents,
         (($2::date IS NULL OR opens_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris'))
          AND ($3::date IS NULL OR opens_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'))) AS launched
    FROM call WHERE status <> 'DRAFT' AND ($1::uuid IS NULL OR id = $1::uuid) ORDER BY reference`;

/**
 * Execution as of today per call (not filtered by period): expenditure declared in submitted reports, retained by
 * finalised verifications, EU paid by validated payments (recoveries are in the managing authority's exports), participants entered against
 * the latest EECO01 targets.
 */
const EXECUTION_SQL = `
  SELECT a.call_id,
         coalesce(sum(d.declared), 0)::text AS declared_cents,
         coalesce(sum(v.retained), 0)::text AS verified_cents,
         coalesce(sum(p.paid), 0)::text AS paid_cents,
         coalesce(sum(pt.n), 0)::int AS participants,
         coalesce(sum(tg.total), 0)::int AS participant_target
    FROM application a
    LEFT JOIN LATERAL (SELECT sum(l.eligible_cents) AS declared FROM execution_report r JOIN expenditure_line l ON l.report_id = r.id
                        WHERE r.application_id = a.id AND r.status = 'SUBMITTED') d ON true
    LEFT JOIN LATERAL (SELECT sum(retained_cents) AS retained FROM verification WHERE application_id = a.id AND status = 'FINALISED') v ON true
    LEFT JOIN LATERAL (SELECT sum(amount_cents) AS paid FROM payment WHERE application_id = a.id AND status = 'VALIDATED') p ON true
    LEFT JOIN LATERAL (SELECT count(*) AS n FROM participant x JOIN execution_report r ON r.id = x.report_id
                        WHERE x.application_id = a.id AND r.status = 'SUBMITTED') pt ON true
    LEFT JOIN LATERAL (SELECT total FROM indicator_target WHERE application_id = a.id AND code = 'EECO01' ORDER BY version_no DESC LIMIT 1) tg ON true
   WHERE a.status IN ${PUBLISHED_SQL} AND ($1::uuid IS NULL OR a.call_id = $1::uuid)
   GROUP BY a.call_id`;

@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(scope: DashboardScope): Promise<DashboardRaw> {
    const params = [scope.callId, scope.from, scope.to];
    const [aggregates, calls, execution] = await Promise.all([
      this.dataSource.query(AGGREGATES_SQL, params) as Promise<Record<string, unknown>[]>,
      this.dataSource.query(CALLS_SQL, params) as Promise<{ id: string; reference: string; title: string; envelope_cents: string; launched: boolean }[]>,
      this.dataSource.query(EXECUTION_SQL, [scope.callId]) as Promise<
        { call_id: string; declared_cents: string; verified_cents: string; paid_cents: string; participants: number; participant_target: number }[]
      >,
    ]);
    const agg = first(aggregates, 'the dashboard aggregates'); // one row: aggregates without GROUP BY
    const rows = <T extends Agg>(v: unknown) => v as T[];
    return {
      calls: calls.map((c) => ({ id: c.id, reference: c.reference, title: c.title, envelopeCents: n(c.envelope_cents), launchedInPeriod: c.launched })),
      dossiersReceived: n(agg.dossiers_received as number),
      byCall: rows<Agg & { call_id: string }>(agg.by_call).map((r) => ({ callId: r.call_id, operations: r.operations, euCents: n(r.eu_cents) })),
      byMonth: rows<Agg & { month: string }>(agg.by_month).map((r) => ({ month: r.month, operations: r.operations, euCents: n(r.eu_cents) })),
      byDepartement: rows<Agg & { departement: string | null }>(agg.by_departement).map((r) => ({
        departement: r.departement,
        operations: r.operations,
        euCents: n(r.eu_cents),
      })),
      byTargetPublic: rows<Agg & { code: string }>(agg.by_public).map((r) => ({ code: r.code, operations: r.operations, euCents: n(r.eu_cents) })),
      byOperationType: rows<Agg & { code: string | null }>(agg.by_type).map((r) => ({ code: r.code, operations: r.operations, euCents: n(r.eu_cents) })),
      execution: execution.map((r) => ({
        callId: r.call_id,
        declaredCents: n(r.declared_cents),
        verifiedCents: n(r.verified_cents),
        paidCents: n(r.paid_cents),
        participants: r.participants,
        participantTarget: r.participant_target,
      })),
    };
  }

  async calls(): Promise<{ id: string; reference: string; title: string }[]> {
    return this.dataSource.query(`SELECT id, reference, title FROM call WHERE status <> 'DRAFT' ORDER BY reference`);
  }
}

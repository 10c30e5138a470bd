import { Injectable } from '@nestjs/common';
import { beneficiaryLegalNameSql, beneficiarySiretSql } from '../organisations/beneficiary-identity.sql';
import { toCents } from '../../common/money/cents';
import { DataSource } from 'typeorm';
import type { ApplicationStatus } from '../applications/domain/application-status';
import type { DecisionOutcome, OperationRecord } from './domain/operation-record';
import type { CallEnvelope } from './render/funding-summary';

export interface ReportScope {
  priority: number;
  /** null: every call of the priority. */
  callId: string | null;
}

interface OperationRow {
  number: string;
  call_reference: string;
  call_title: string;
  priority: number;
  specific_objective: string;
  intervention_field_code: string;
  fund: string;
  legal_name: string;
  siret: string;
  postal_code: string;
  departement: string | null;
  title: string | null;
  summary: string | null;
  start_date: string | null;
  end_date: string | null;
  status: ApplicationStatus;
  total_eligible_cents: string;
  eu_cents: string;
  other_resources_cents: string;
  decision_outcome: DecisionOutcome | null;
  decision_date: string | null;
  envelope_cents: string;
  programmed_to_date_cents: string;
}

/**
 * The dossiers of the scope with their retained amounts: the retained plan is the highest financing_plan_version;
 * the EU amount is the latest FAVORABLE committee decision's when there is one (a reduced grant), else the plan's.
 * The running total counts only selected operations, in dossier-number order within each call.
 */
export const OPERATIONS_SQL = `
  SELECT a.number, c.reference AS call_reference, c.title AS call_title, c.priority, c.specific_objective, c.intervention_field_code, c.fund,
         ${beneficiaryLegalNameSql()} AS legal_name, ${beneficiarySiretSql()} AS siret, o.postal_code, coalesce(a.departement, o.departement) AS departement,
         a.title, a.summary, to_char(a.start_date, 'YYYY-MM-DD') AS start_date, to_char(a.end_date, 'YYYY-MM-DD') AS end_date, a.status,
         x.total_eligible_cents, x.eu_cents, x.other_resources_cents,
         ld.outcome AS decision_outcome, to_char(ld.decided_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS decision_date,
         c.envelope_cents,
         sum(CASE WHEN a.status IN ('PROGRAMMED', 'CONVENTION_ISSUED') THEN x.eu_cents ELSE 0 END)
           OVER (PARTITION BY c.reference ORDER BY a.number ROWS UNBOUNDED PRECEDING) AS programmed_to_date_cents
    FROM application a
    JOIN call c ON c.id = a.call_id
    JOIN organisation o ON o.id = a.organisation_id
    LEFT JOIN LATERAL (
      SELECT total_eligible_cents, eu_cents, other_resources_cents FROM financing_plan_version
       WHERE application_id = a.id ORDER BY version_no DESC LIMIT 1) p ON true
    LEFT JOIN LATERAL (
      SELECT eu_cents FROM committee_decision WHERE application_id = a.id AND outcome = 'FAVORABLE' ORDER BY decided_at DESC LIMIT 1) fav ON true
    LEFT JOIN LATERAL (
      SELECT outcome, decided_at FROM committee_decision WHERE application_id = a.id ORDER BY decided_at DESC LIMIT 1) ld ON true
    CROSS JOIN LATERAL (SELECT
      coalesce(p.total_eligible_cents, a.total_eligible_cents, 0) AS total_eligible_cents,
      coalesce(fav.eu_cents, p.eu_cents, a.eu_requested_cents, 0) AS eu_cents,
      coalesce(p.other_resources_cents, a.other_resources_cents, 0) AS other_resources_cents) x
   WHERE a.status = ANY($1::text[]) AND c.priority = $2 AND ($3::uuid IS NULL OR c.id = $3::uuid)
   ORDER BY c.reference, a.number`;

export function toOperationRecord(r: OperationRow): OperationRecord {
  return {
    number: r.number,
    callReference: r.call_reference,
    callTitle: r.call_title,
    priority: Number(r.priority),
    specificObjective: r.specific_objective,
    interventionField: r.intervention_field_code,
    fund: r.fund,
    organisationName: r.legal_name,
    siret: r.siret,
    postalCode: r.postal_code,
    departement: r.departement,
    title: r.title,
    summary: r.summary,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    totalEligibleCents: toCents(r.total_eligible_cents),
    euCents: toCents(r.eu_cents),
    otherResourcesCents: toCents(r.other_resources_cents),
    decisionOutcome: r.decision_outcome,
    decisionDate: r.decision_date,
    envelopeCents: toCents(r.envelope_cents),
    programmedToDateCents: toCents(r.programmed_to_date_cents),
  };
}

/** Read side of the exports: the report queries, read through a server-side cursor so memory stays flat. */
@Injectable()
export class ReportDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Batches of dossiers in the given statuses, from one read-only REPEATABLE READ snapshot. */
  async *operations(statuses: readonly ApplicationStatus[], scope: ReportScope, batchSize = 2000): AsyncGenerator<OperationRecord[]> {
    for await (const rows of this.cursor<OperationRow>(OPERATIONS_SQL, [statuses, scope.priority, scope.callId], batchSize)) {
      yield rows.map(toOperationRecord);
    }
  }

  async callsInScope(scope: ReportScope): Promise<CallEnvelope[]> {
    const rows: { reference: string; title: string; envelope_cents: string }[] = await this.dataSource.query(
      `SELECT reference, title, envelope_cents FROM call WHERE priority = $1 AND ($2::uuid IS NULL OR id = $2::uuid) AND status <> 'DRAFT' ORDER BY reference`,
      [scope.priority, scope.callId],
    );
    return rows.map((r) => ({ reference: r.reference, title: r.title, envelopeCents: toCents(r.envelope_cents) }));
  }

  /**
   * A server-side cursor (DECLARE … FETCH n): Postgres keeps the result, the process holds one batch at a time.
   * The transaction is read-only and REPEATABLE READ so that every batch sees the same snapshot.
   */
  private async *cursor<T>(sql: string, params: unknown[], batchSize: number): AsyncGenerator<T[]> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction('REPEATABLE READ');
      await qr.query('SET TRANSACTION READ ONLY');
      // JIT compilation of this wide query cost seconds on 100 000 rows for nothing: the plan is index lookups.
      await qr.query('SET LOCAL jit = off');
      await qr.query(`DECLARE report_cursor NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows: T[] = await qr.query(`FETCH ${Math.trunc(batchSize)} FROM report_cursor`);
        if (rows.length === 0) break;
        yield rows;
      }
      await qr.commitTransaction();
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      await qr.release();
    }
  }
}

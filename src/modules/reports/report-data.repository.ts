import { Injectable } from '@nestjs/common';
import { beneficiaryLegalNameSql, beneficiarySiretSql } from '../organisations/beneficiary-identity.sql';
import { toCents } from '../../common/money/cents';
import { DataSource } from 'typeorm';
import type { ApplicationStatus } from '../applications/domain/application-status';
import type { DecisionOutcome, OperationRecord } from './domain/operation-record';
import type { CallEnvelope } from './render/funding-summary';
import { computeIndicators, INDICATOR_LABELS, isIndicatorCode, type IndicatorCode, type IndicatorParticipant } from '../participants/domain/indicators';
import type { ForecastOperation } from '../payments/domain/forecast';
import type { IndicatorRecord, PaymentRecord } from './domain/execution-tables';
import { retainedPlanColumnSql } from '../applications/financing-plan-version.sql';

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
  region_category: string | null;
  planned_participants: number | null;
  actual_participants: number | null;
  last_update: string | null;
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
  declared_cents: string;
  verified_cents: string;
  paid_cents: string;
  irregularity_cents: string;
}

/**
 * The dossiers of the scope with their retained amounts: the retained plan is the highest financing_plan_version;
 * the EU amount is the latest FAVORABLE committee decision's when there is one (a reduced grant), else the plan's.
 * The running total counts only selected operations, in dossier-number order within each call.
 */
/**
 * Rows fetched per cursor round trip: each batch is garbage once written, and smaller batches leave less of it to be
 * promoted to the old generation (bench:exports, docs/decisions/0010-throughput.md); 500 costs no time over 2 000.
 */
const EXPORT_BATCH_ROWS = 500;

/** A validated payment as the payments report selects it; the amount as bigint text. */
interface PaymentRow {
  reference: string;
  validated_on: string;
  kind: PaymentRecord['kind'];
  amount_cents: string;
  number: string;
  title: string | null;
  call_reference: string;
  legal_name: string;
  siret: string;
  iban: string;
  bic: string | null;
}

interface IndicatorTargetRow {
  code: string;
  total: number;
  women: number | null;
  men: number | null;
  non_binary: number | null;
}

export const OPERATIONS_SQL = `
  SELECT a.number, c.reference AS call_reference, c.title AS call_title, c.priority, c.specific_objective, c.intervention_field_code, c.fund,
         ${beneficiaryLegalNameSql()} AS legal_name, ${beneficiarySiretSql()} AS siret, o.postal_code, coalesce(a.departement, o.departement) AS departement, a.region_category,
         a.title, a.summary, to_char(a.start_date, 'YYYY-MM-DD') AS start_date,
         to_char(coalesce((SELECT op.end_date FROM operation op WHERE op.application_id = a.id), a.end_date), 'YYYY-MM-DD') AS end_date, a.status,
         a.planned_participants, (SELECT count(*)::int FROM participant pt WHERE pt.application_id = a.id) AS actual_participants,
         to_char(greatest(a.updated_at, ld.decided_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS last_update,
         x.total_eligible_cents, x.eu_cents, x.other_resources_cents,
         ld.outcome AS decision_outcome, to_char(ld.decided_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS decision_date,
         c.envelope_cents,
         sum(CASE WHEN a.status IN ('PROGRAMMED', 'CONVENTION_ISSUED', 'CONVENTION_SIGNED', 'IN_PROGRESS', 'CLOSED') THEN x.eu_cents ELSE 0 END)
           OVER (PARTITION BY c.reference ORDER BY a.number ROWS UNBOUNDED PRECEDING) AS programmed_to_date_cents,
         m.declared_cents, m.verified_cents, m.paid_cents, m.irregularity_cents
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
    -- Execution figures (docs/domain/payments.md): declared in submitted reports, retained by finalised verifications,
    -- paid (validated payments less settled recoveries), irregularities recorded.
    CROSS JOIN LATERAL (SELECT
      (SELECT coalesce(sum(l.eligible_cents), 0) FROM expenditure_line l JOIN execution_report r ON r.id = l.report_id WHERE r.application_id = a.id AND r.status = 'SUBMITTED') AS declared_cents,
      (SELECT coalesce(sum(v.retained_cents), 0) FROM verification v WHERE v.application_id = a.id AND v.status = 'FINALISED') AS verified_cents,
      (SELECT coalesce(sum(amount_cents), 0) FROM payment WHERE application_id = a.id AND status = 'VALIDATED')
        - (SELECT coalesce(sum(amount_cents), 0) FROM recovery_order WHERE application_id = a.id AND status = 'SETTLED') AS paid_cents,
      (SELECT coalesce(sum(amount_cents), 0) FROM irregularity WHERE application_id = a.id) AS irregularity_cents) m
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
    regionCategory: r.region_category,
    plannedParticipants: r.planned_participants,
    actualParticipants: r.actual_participants,
    lastUpdate: r.last_update,
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
    declaredCents: toCents(r.declared_cents),
    verifiedCents: toCents(r.verified_cents),
    paidCents: toCents(r.paid_cents),
    irregularityCents: toCents(r.irregularity_cents),
  };
}

/** Read side of the exports: the report queries, read through a server-side cursor so memory stays flat. */
@Injectable()
export class ReportDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Batches of dossiers in the given statuses, from one read-only REPEATABLE READ snapshot. */
  async *operations(statuses: readonly ApplicationStatus[], scope: ReportScope, batchSize = EXPORT_BATCH_ROWS): AsyncGenerator<OperationRecord[]> {
    for await (const rows of this.cursor<OperationRow>(OPERATIONS_SQL, [statuses, scope.priority, scope.callId], batchSize)) {
      yield rows.map(toOperationRecord);
    }
  }

  /** Validated payments of the scope, in validation order, with the full IBAN (the payment file is for the accounting system). */
  async *payments(scope: ReportScope, batchSize = EXPORT_BATCH_ROWS): AsyncGenerator<PaymentRecord[]> {
    const sql = `
      SELECT p.reference, to_char(p.validated_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS validated_on, p.kind, p.amount_cents,
             a.number, a.title, c.reference AS call_reference, ${beneficiaryLegalNameSql()} AS legal_name, ${beneficiarySiretSql()} AS siret, b.iban, b.bic
        FROM payment p JOIN application a ON a.id = p.application_id JOIN call c ON c.id = a.call_id JOIN organisation o ON o.id = a.organisation_id
        JOIN bank_account b ON b.id = p.bank_account_id
       WHERE p.status = 'VALIDATED' AND c.priority = $1 AND ($2::uuid IS NULL OR c.id = $2::uuid)
       ORDER BY p.validated_at, p.reference`;
    for await (const rows of this.cursor<PaymentRow>(sql, [scope.priority, scope.callId], batchSize)) {
      yield rows.map((r) => ({
        reference: r.reference,
        validatedOn: r.validated_on,
        kind: r.kind,
        amountCents: toCents(r.amount_cents),
        number: r.number,
        title: r.title,
        callReference: r.call_reference,
        beneficiary: r.legal_name,
        siret: r.siret,
        iban: r.iban,
        bic: r.bic,
      }));
    }
  }

  /**
   * Indicators achieved against targets (ESF+ Annex I) for each started operation of the scope, by sex, then one total
   * line per indicator. Participants are read one operation at a time and never leave the worker.
   */
  async *indicators(scope: ReportScope): AsyncGenerator<IndicatorRecord[]> {
    const ops = await this.dataSource.query<{ id: string; number: string; codes: string[] | null }[]>(
      `SELECT a.id, a.number, c.indicator_codes AS codes FROM application a JOIN call c ON c.id = a.call_id
        WHERE a.status IN ('CONVENTION_SIGNED', 'IN_PROGRESS', 'CLOSED') AND c.priority = $1 AND ($2::uuid IS NULL OR c.id = $2::uuid) ORDER BY a.number`,
      [scope.priority, scope.callId],
    );
    const totals = new Map<IndicatorCode, IndicatorRecord>();
    for (const op of ops) {
      const [targets, participants] = await Promise.all([
        this.dataSource.query<IndicatorTargetRow[]>(
          `SELECT code, total, women, men, non_binary FROM indicator_target WHERE application_id = $1 AND version_no = (SELECT max(version_no) FROM indicator_target WHERE application_id = $1)`,
          [op.id],
        ),
        this.dataSource.query<IndicatorParticipant[]>(
          `SELECT identity_key AS key, sex, birth_date::text AS "birthDate", entry_date::text AS "entryDate", employment_status AS "employmentStatus", education_level AS "educationLevel",
                  disability, third_country_national AS "thirdCountryNational", foreign_background AS "foreignBackground", minority, homeless, rural,
                  exit_date::text AS "exitDate", exit_job_search AS "exitJobSearch", exit_education AS "exitEducation", exit_qualification AS "exitQualification", exit_employed AS "exitEmployed"
             FROM participant WHERE application_id = $1`,
          [op.id],
        ),
      ]);
      const achieved = computeIndicators(participants);
      const byCode = new Map(targets.map((t) => [t.code, t]));
      const codes = [...new Set([...(op.codes ?? []), ...byCode.keys()])].filter(isIndicatorCode).sort();
      const rows: IndicatorRecord[] = codes.map((code) => {
        const t = byCode.get(code);
        const a = achieved[code];
        const row: IndicatorRecord = {
          number: op.number,
          code,
          label: INDICATOR_LABELS[code],
          target: t ? { total: t.total, women: t.women, men: t.men, nonBinary: t.non_binary } : null,
          achieved: { total: a.total, women: a.women, men: a.men, nonBinary: a.nonBinary },
        };
        const sum = totals.get(code) ?? {
          number: 'Total',
          code,
          label: INDICATOR_LABELS[code],
          target: { total: 0, women: 0, men: 0, nonBinary: 0 },
          achieved: { total: 0, women: 0, men: 0, nonBinary: 0 },
        };
        sum.target!.total += t?.total ?? 0;
        sum.target!.women = (sum.target!.women ?? 0) + (t?.women ?? 0);
        sum.target!.men = (sum.target!.men ?? 0) + (t?.men ?? 0);
        sum.target!.nonBinary = (sum.target!.nonBinary ?? 0) + (t?.non_binary ?? 0);
        sum.achieved.total += a.total;
        sum.achieved.women += a.women;
        sum.achieved.men += a.men;
        sum.achieved.nonBinary += a.nonBinary;
        totals.set(code, sum);
        return row;
      });
      if (rows.length) yield rows;
    }
    const closing = [...totals.values()].sort((a, b) => a.code.localeCompare(b.code));
    if (closing.length) yield closing;
  }

  /** What the payment forecast needs: each started operation's ceiling, cap, paid amount and reports not yet paid. */
  async forecastInputs(scope: ReportScope): Promise<ForecastOperation[]> {
    const rows = await this.dataSource.query<
      { id: string; ceiling: string; cap: number; paid: string; pending: { kind: 'INTERMEDIATE' | 'FINAL'; dueDate: string }[] | null }[]
    >(
      `SELECT a.id,
              coalesce((SELECT eu_cents FROM committee_decision WHERE application_id = a.id AND outcome = 'FAVORABLE' ORDER BY decided_at DESC LIMIT 1),
                       ${retainedPlanColumnSql('eu_cents', 'a.id')}, 0) AS ceiling,
              c.interim_cap_bp AS cap,
              (SELECT coalesce(sum(amount_cents), 0) FROM payment WHERE application_id = a.id AND status = 'VALIDATED')
                - (SELECT coalesce(sum(amount_cents), 0) FROM recovery_order WHERE application_id = a.id AND status = 'SETTLED') AS paid,
              (SELECT jsonb_agg(jsonb_build_object('kind', r.kind, 'dueDate', (CASE WHEN r.postponement_status = 'GRANTED' THEN r.postponement_due_date ELSE r.due_date END)::text) ORDER BY r.due_date, r.seq)
                 FROM execution_report r LEFT JOIN verification v ON v.report_id = r.id
                WHERE r.application_id = a.id AND r.status <> 'CANCELLED'
                  AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.verification_id = v.id AND p.status = 'VALIDATED')
                  AND NOT EXISTS (SELECT 1 FROM recovery_order ro WHERE ro.verification_id = v.id)) AS pending
         FROM application a JOIN call c ON c.id = a.call_id
        WHERE a.status IN ('CONVENTION_SIGNED', 'IN_PROGRESS') AND c.priority = $1 AND ($2::uuid IS NULL OR c.id = $2::uuid)
        ORDER BY a.number`,
      [scope.priority, scope.callId],
    );
    return rows.map((r) => ({
      applicationId: r.id,
      euCeilingCents: toCents(r.ceiling),
      interimCapBp: Number(r.cap),
      paidCents: toCents(r.paid),
      pending: (r.pending ?? []).map((p) => ({ applicationId: r.id, kind: p.kind, dueDate: p.dueDate })),
    }));
  }

  async callsInScope(scope: ReportScope): Promise<CallEnvelope[]> {
    const rows = await this.dataSource.query<{ reference: string; title: string; envelope_cents: string }[]>(
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
        // QueryRunner.query has no row type parameter: the caller names the cursor's row type T.
        const rows = (await qr.query(`FETCH ${Math.trunc(batchSize)} FROM report_cursor`)) as T[];
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

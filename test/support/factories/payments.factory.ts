import { DataSource } from 'typeorm';
import { createOpenCall } from './application.factory';
import { setStatus } from './documents.factory';
import { createProgrammedDossier } from './reports.factory';

/**
 * A started operation written as the schema owner (the execution journey up to the start is covered by
 * execution.e2e-spec.ts): a programmed dossier with a favourable decision, moved to IN_PROGRESS, its operation row with
 * the start attested, and an intermediate and a final report already SUBMITTED `submittedDaysAgo` Paris calendar days ago
 * (at noon, so that the clock's day count does not depend on the hour the tests run nor on a daylight-saving change).
 */
export async function startedOperation(
  owner: DataSource,
  o: { callId?: string; euCents: number; totalEligibleCents: number; submittedDaysAgo?: [number, number] },
) {
  const callId = o.callId ?? (await createOpenCall(owner)).id;
  const plan = { totalEligibleCents: o.totalEligibleCents, euCents: o.euCents, otherResourcesCents: o.totalEligibleCents - o.euCents };
  const { id, number } = await createProgrammedDossier(owner, { callId, plan, decision: { outcome: 'FAVORABLE', euCents: o.euCents } });
  await setStatus(owner, id, 'IN_PROGRESS');
  const [{ organisation_id: organisationId, created_by: createdBy }] = await owner.query(`SELECT organisation_id, created_by FROM application WHERE id = $1`, [
    id,
  ]);
  await owner.query(
    `INSERT INTO operation (application_id, end_date, signature_due_date, notified_on, actual_start_date, start_attested_by, start_attested_at)
     VALUES ($1, '2027-02-28', '2026-04-01', '2026-03-01', '2026-03-02', $2, now() - interval '200 days')`,
    [id, createdBy],
  );
  const [intermediateAgo, finalAgo] = o.submittedDaysAgo ?? [70, 10];
  const report = async (seq: number, kind: string, ago: number): Promise<string> => {
    const [r] = await owner.query(
      `INSERT INTO execution_report (application_id, seq, kind, period_start, period_end, due_date, status, snapshot, submitted_at, submitted_by)
       VALUES ($1, $2, $3, '2026-03-01', '2026-12-31', '2027-01-31', 'SUBMITTED', '{}'::jsonb, ((now() AT TIME ZONE 'Europe/Paris')::date - $4::int + time '12:00') AT TIME ZONE 'Europe/Paris', $5) RETURNING id`,
      [id, seq, kind, ago, createdBy],
    );
    return r.id;
  };
  const intermediateReportId = await report(1, 'INTERMEDIATE', intermediateAgo);
  const finalReportId = await report(2, 'FINAL', finalAgo);
  return { id, number, callId, organisationId: organisationId as string, intermediateReportId, finalReportId };
}

/**
 * A FINALISED verification of a report, as the verification module writes it (contract: `verification` table);
 * `pauseDays` records a contradictory step that stopped the 80-day clock that many days, already answered.
 */
export async function finalisedVerification(
  owner: DataSource,
  v: { reportId: string; applicationId: string; retainedCents: number; finalisedBy: string; pauseDays?: number; status?: 'FINALISED' | 'CONTRADICTORY' },
): Promise<string> {
  const [row] = await owner.query(
    `INSERT INTO verification (report_id, application_id, status, instructor_id, declared_cents, retained_cents, finalised_by, finalised_at,
                               contradictory_sent_at, contradictory_due_date, contradictory_answered_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7,
             CASE WHEN $8::int IS NULL THEN NULL ELSE ((now() AT TIME ZONE 'Europe/Paris')::date - $8::int + time '12:00') AT TIME ZONE 'Europe/Paris' END,
             $9, CASE WHEN $10::int IS NULL THEN NULL ELSE ((now() AT TIME ZONE 'Europe/Paris')::date - $10::int + time '12:00') AT TIME ZONE 'Europe/Paris' END)
     RETURNING id`,
    [
      v.reportId,
      v.applicationId,
      v.status ?? 'FINALISED',
      v.finalisedBy,
      v.retainedCents,
      (v.status ?? 'FINALISED') === 'FINALISED' ? v.finalisedBy : null,
      (v.status ?? 'FINALISED') === 'FINALISED' ? new Date() : null,
      // The contradictory pause in Paris calendar days (sent pauseDays + 5 days ago, answered 5 days ago), at noon.
      v.pauseDays ? v.pauseDays + 5 : null,
      v.pauseDays ? new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) : null,
      v.pauseDays ? 5 : null,
    ],
  );
  return row.id;
}

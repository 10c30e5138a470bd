import type { EntityManager } from 'typeorm';
import { type ExistingReport, rescheduleReports, type ScheduledReport } from './domain/schedule';

/** Writes an operation's report schedule once (the convention's countersignature); a replay changes nothing. */
export async function insertSchedule(em: EntityManager, applicationId: string, schedule: readonly ScheduledReport[]): Promise<void> {
  for (const r of schedule) {
    await em.query(
      `INSERT INTO execution_report (application_id, seq, kind, period_start, period_end, due_date) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (application_id, seq) DO NOTHING`,
      [applicationId, r.seq, r.kind, r.periodStart, r.periodEnd, r.dueDate],
    );
  }
}

/** Applies a new schedule (an accepted amendment): submitted reports stay, drafts are re-dated, missing ones added. */
export async function applySchedule(
  em: EntityManager,
  applicationId: string,
  next: readonly ScheduledReport[],
): Promise<{ updated: number; inserted: number; cancelled: number }> {
  const existing: ExistingReport[] = await em.query(
    `SELECT id, seq, kind, status, period_start::text AS "periodStart" FROM execution_report WHERE application_id = $1 ORDER BY seq FOR UPDATE`,
    [applicationId],
  );
  const change = rescheduleReports(existing, next);
  for (const r of change.update) {
    await em.query(
      `UPDATE execution_report SET period_start = $3, period_end = $4, due_date = $5, version = version + 1 WHERE application_id = $1 AND seq = $2 AND status = 'DRAFT'`,
      [applicationId, r.seq, r.periodStart, r.periodEnd, r.dueDate],
    );
  }
  await insertSchedule(em, applicationId, change.insert);
  if (change.cancel.length)
    await em.query(`UPDATE execution_report SET status = 'CANCELLED', version = version + 1 WHERE id = ANY($1) AND status = 'DRAFT'`, [change.cancel]);
  return { updated: change.update.length, inserted: change.insert.length, cancelled: change.cancel.length };
}

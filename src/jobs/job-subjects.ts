import type { EntityManager } from 'typeorm';
import { JobName } from './queues';

/**
 * The row a job is expected to produce (a document, an export), written PENDING in the requesting transaction. When
 * the job fails for good, that row says so with the reason; when staff retry it, it goes back to PENDING. Jobs with
 * nothing to show (pings, scheduled maintenance) have no subject.
 */
type Subject = { table: 'document' | 'report_export'; where: string; params: (p: Record<string, string>) => unknown[] };

const SUBJECTS: Partial<Record<JobName, Subject>> = {
  [JobName.GenerateReceipt]: {
    table: 'document',
    where: `subject_type = 'application' AND subject_id = $1::uuid AND kind = 'RECEIPT' AND version = 1`,
    params: (p) => [p.applicationId],
  },
  [JobName.GenerateConvention]: { table: 'document', where: `id = $1::uuid`, params: (p) => [p.documentId] },
  [JobName.GenerateDecisionLetter]: { table: 'document', where: `id = $1::uuid`, params: (p) => [p.documentId] },
  [JobName.GenerateCommitteeMinutes]: { table: 'document', where: `id = $1::uuid`, params: (p) => [p.documentId] },
  [JobName.GenerateReportExport]: { table: 'report_export', where: `id = $1::uuid`, params: (p) => [p.reportId] },
};

/** Marks the job's expected row FAILED with a reason users can read (only while it is still PENDING). */
export async function markSubjectFailed(em: EntityManager, jobName: string, payload: Record<string, string>, reason: string): Promise<void> {
  const s = SUBJECTS[jobName as JobName];
  if (!s) return;
  const params = s.params(payload);
  await em.query(`UPDATE ${s.table} SET status = 'FAILED', failure_reason = $${params.length + 1} WHERE ${s.where} AND status = 'PENDING'`, [
    ...params,
    `La génération a échoué : ${reason}`.slice(0, 500),
  ]);
}

/** Puts a FAILED row back to PENDING for a new run of its job. */
export async function resetSubjectForRetry(em: EntityManager, jobName: string, payload: Record<string, string>): Promise<void> {
  const s = SUBJECTS[jobName as JobName];
  if (!s) return;
  const started = s.table === 'report_export' ? ', started_at = NULL' : '';
  await em.query(`UPDATE ${s.table} SET status = 'PENDING', failure_reason = NULL${started} WHERE ${s.where} AND status = 'FAILED'`, s.params(payload));
}

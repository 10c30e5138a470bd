import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { markSubjectFailed } from './job-subjects';
import { isOutboxJobId } from './queues';

/**
 * What happened to an outbox row once queued: done (the worker completed it) or failed for good (with the reason,
 * also on the row the job was to produce). Written by the worker as it happens and, when the database was the cause
 * and could not take the write, by the reconciler once it is back.
 */
@Injectable()
export class JobOutcomes {
  constructor(private readonly dataSource: DataSource) {}

  async done(jobId: string | undefined): Promise<void> {
    if (!isOutboxJobId(jobId)) return;
    await this.dataSource.query(`UPDATE outbox SET done_at = now() WHERE id = $1 AND done_at IS NULL`, [jobId]);
  }

  /** Returns false when the row was already done or failed (or is not an outbox job). */
  async failed(jobId: string | undefined, reason: string): Promise<boolean> {
    if (!isOutboxJobId(jobId)) return false;
    return this.dataSource.transaction(async (em) => {
      const [rows] = (await em.query(
        `UPDATE outbox SET failed_at = now(), failure_reason = $2 WHERE id = $1 AND done_at IS NULL AND failed_at IS NULL RETURNING job_name, payload`,
        [jobId, reason.slice(0, 1000) || 'échec sans message'],
      )) as [{ job_name: string; payload: Record<string, string> }[], number];
      const [row] = rows;
      if (!row) return false;
      await markSubjectFailed(em, row.job_name, row.payload, reason);
      return true;
    });
  }
}

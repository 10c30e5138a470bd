import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobQueues } from '../common/outbox/job-queues.service';
import { JobHandler } from './job-handler';
import { JobOutcomes } from './job-outcomes.service';
import { JobName, QueueName } from './queues';

const BATCH = 500;

interface OpenRow {
  id: string;
  queue: QueueName;
  job_name: string;
  payload: Record<string, unknown>;
}

export interface ReconcileReport {
  checked: number;
  republished: number;
  completed: number;
  failed: number;
}

/**
 * Compares the outbox (what is expected) with Redis (what is queued): a published row that is neither done nor
 * failed must have a job. A job Redis no longer knows (restarted empty, evicted) is added again under the same
 * jobId, so a job that does exist is never duplicated; a completed one marks the row done; a failed one (retries
 * exhausted, or stalled too often: BullMQ emits no `failed` event for those) records its reason on the row and on
 * the document or export it was to produce. The database is the source of truth: this runs only when it answers.
 */
@Injectable()
export class OutboxReconciler implements JobHandler<typeof JobName.ReconcileOutbox> {
  readonly jobName = JobName.ReconcileOutbox;
  private readonly logger = new Logger(OutboxReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outcomes: JobOutcomes,
    private readonly queues: JobQueues,
  ) {}

  handle(): Promise<void> {
    return this.reconcile().then(() => undefined);
  }

  async reconcile(): Promise<ReconcileReport> {
    const rows: OpenRow[] = await this.dataSource.query(
      `SELECT id, queue, job_name, payload FROM outbox
        WHERE published_at IS NOT NULL AND done_at IS NULL AND failed_at IS NULL ORDER BY published_at LIMIT ${BATCH}`,
    );
    const report: ReconcileReport = { checked: rows.length, republished: 0, completed: 0, failed: 0 };
    for (const row of rows) {
      const queue = this.queues.get(row.queue);
      const state = await queue.getJobState(row.id);
      if (state === 'unknown') {
        await queue.add(row.job_name, row.payload, { jobId: row.id });
        await this.dataSource.query(`UPDATE outbox SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE id = $1`, [
          row.id,
          'job absent de Redis : republié par le réconciliateur',
        ]);
        report.republished++;
      } else if (state === 'completed') {
        await this.outcomes.done(row.id);
        report.completed++;
      } else if (state === 'failed') {
        const job = await queue.getJob(row.id);
        if (await this.outcomes.failed(row.id, job?.failedReason || 'échec sans message')) report.failed++;
      }
    }
    if (report.republished || report.failed) this.logger.warn(`outbox reconciled: ${JSON.stringify(report)}`);
    return report;
  }
}

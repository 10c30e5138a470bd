import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { JobQueues } from '../../common/outbox/job-queues.service';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import { resetSubjectForRetry } from '../../jobs/job-subjects';
import type { QueueName } from '../../jobs/queues';
import { first } from '../../common/collections';

export interface FailedJobView {
  id: string;
  jobName: string;
  /** The ids the job works on (payloads hold ids only). */
  payload: Record<string, unknown>;
  createdAt: string;
  failedAt: string;
  failureReason: string;
  retryCount: number;
}

const LIMIT = 200;

/** Jobs that failed for good (outbox rows with `failed_at`), for administrators to read and to run again. */
@Injectable()
export class FailedJobsService {
  private readonly logger = new Logger(FailedJobsService.name);

  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    private readonly relay: OutboxRelay,
  ) {}

  /** How many jobs the workers gave up on (the administrator's home page). */
  async count(): Promise<number> {
    const row = first<{ n: number }>(await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NOT NULL`), 'the failed jobs count');
    return row.n;
  }

  async list(): Promise<FailedJobView[]> {
    const rows: {
      id: string;
      job_name: string;
      payload: Record<string, unknown>;
      created_at: Date;
      failed_at: Date;
      failure_reason: string;
      retry_count: number;
    }[] = await this.dataSource.query(
      `SELECT id, job_name, payload, created_at, failed_at, failure_reason, retry_count FROM outbox WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id LIMIT ${LIMIT}`,
    );
    return rows.map((r) => ({
      id: r.id,
      jobName: r.job_name,
      payload: r.payload,
      createdAt: r.created_at.toISOString(),
      failedAt: r.failed_at.toISOString(),
      failureReason: r.failure_reason,
      retryCount: r.retry_count,
    }));
  }

  /**
   * Runs a failed job again under the same job id: BullMQ's failed copy is removed first (otherwise the id would be
   * taken and the new job ignored), then, in one transaction, the outbox row goes back to unpublished, the document or
   * export it produces back to PENDING, and the audit row is written. The relay publishes it at once.
   */
  async retry(id: string, actor: Actor): Promise<void> {
    const [row]: { queue: QueueName; failed_at: Date | null }[] = await this.dataSource.query(`SELECT queue, failed_at FROM outbox WHERE id = $1`, [id]);
    if (!row) throw new DomainError('NOT_FOUND', 'Tâche introuvable.');
    if (!row.failed_at) throw new DomainError('JOB_NOT_FAILED', "Cette tâche n'est pas en échec : elle est terminée ou encore en cours.");
    try {
      await this.queues.get(row.queue).remove(id);
    } catch (e) {
      this.logger.warn(`cannot remove failed job ${id}: ${(e as Error).message}`);
      throw new DomainError('SERVICE_UNAVAILABLE', 'La file des tâches est momentanément indisponible ; réessayez dans un instant.', { retryAfterSeconds: 10 });
    }
    await this.dataSource.transaction(async (em) => {
      const [rows] = (await em.query(
        `UPDATE outbox SET failed_at = NULL, failure_reason = NULL, published_at = NULL, last_error = NULL, retry_count = retry_count + 1
          WHERE id = $1 AND failed_at IS NOT NULL RETURNING job_name, payload, failure_reason`,
        [id],
      )) as [{ job_name: string; payload: Record<string, string> }[], number];
      const [row] = rows;
      if (!row) throw new DomainError('JOB_NOT_FAILED', "Cette tâche n'est pas en échec : elle est terminée ou encore en cours.");
      await resetSubjectForRetry(em, row.job_name, row.payload);
      await this.audit.record(em, actor, { action: 'job.retried', subjectType: 'outbox', subjectId: id, after: { jobName: row.job_name } });
    });
    this.relay.kick();
  }
}

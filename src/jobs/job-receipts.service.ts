import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Exactly-once effects over at-least-once delivery: the receipt row and the handler's writes commit together, so a
 * redelivered or duplicated job finds its receipt and does nothing.
 */
@Injectable()
export class JobReceipts {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `effect` once per job id; returns false when the job had already been handled. */
  runOnce(jobId: string, jobName: string, effect: (em: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO job_receipt (job_id, job_name) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING RETURNING job_id`,
        [jobId, jobName],
      );
      if (inserted.length === 0) return false;
      await effect(em);
      return true;
    });
  }
}

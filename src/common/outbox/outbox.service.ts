import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads, QUEUE_OF_JOB } from '../../jobs/queues';
import { first } from '../collections';

/** Writes a job request in the business transaction; the relay publishes it after commit (docs/architecture.md). */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(em: EntityManager, name: N, payload: JobPayloads[N]): Promise<string> {
    if (!em.queryRunner?.isTransactionActive) throw new Error('outbox rows are written inside the business transaction');
    const rows: { id: string }[] = await em.query(`INSERT INTO outbox (queue, job_name, payload) VALUES ($1, $2, $3::jsonb) RETURNING id`, [
      QUEUE_OF_JOB[name],
      name,
      JSON.stringify(payload),
    ]);
    return first(rows, 'the inserted outbox row').id;
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads, QUEUE_OF_JOB } from '../../jobs/queues';
import { first } from '../collections';

/** One job request: its name and the payload its handler takes. */
export type OutboxJob = { [N in JobName]: { name: N; payload: JobPayloads[N] } }[JobName];

/**
 * An outbox row written by a statement that also writes the row it follows (a CTE), so that both cost one round trip:
 * `INSERT INTO outbox (${OUTBOX_COLUMNS}) SELECT $q, $n, $p::jsonb FROM <inserted>`, with {@link outboxValues} as $q, $n, $p.
 */
export const OUTBOX_COLUMNS = 'queue, job_name, payload';

export function outboxValues(job: OutboxJob): [queue: string, name: string, payload: string] {
  return [QUEUE_OF_JOB[job.name], job.name, JSON.stringify(job.payload)];
}

/** Outbox rows exist only with the business change they follow. */
export function assertInTransaction(em: EntityManager): void {
  if (!em.queryRunner?.isTransactionActive) throw new Error('outbox rows are written inside the business transaction');
}

/** Writes a job request in the business transaction; the relay publishes it after commit (docs/architecture.md). */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(em: EntityManager, name: N, payload: JobPayloads[N]): Promise<string> {
    assertInTransaction(em);
    const rows: { id: string }[] = await em.query(`INSERT INTO outbox (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3::jsonb) RETURNING id`, [
      QUEUE_OF_JOB[name],
      name,
      JSON.stringify(payload),
    ]);
    return first(rows, 'the inserted outbox row').id;
  }

  enqueueJob(em: EntityManager, job: OutboxJob): Promise<string> {
    return this.enqueue(em, job.name, job.payload as never);
  }
}

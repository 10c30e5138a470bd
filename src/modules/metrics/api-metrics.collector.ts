import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { JobQueues } from '../../common/outbox/job-queues.service';
import { QueueName } from '../../jobs/queues';
import { Metrics } from './metrics.service';
import { first } from '../../common/collections';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;

/**
 * What the api reports of the whole system at each scrape, whatever worker did the work: queue depths (BullMQ's
 * counts in Redis) and the outbox, the durable record (docs/decisions/0007): how many expected jobs are unfinished,
 * the age of the oldest (the lag), and the jobs failed for good, by job name.
 */
@Injectable()
export class ApiMetricsCollector implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly queues: JobQueues,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const queues = this.queues;
    const dataSource = this.dataSource;
    new Gauge({
      name: 'essaim_queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const name of Object.values(QueueName)) {
          const counts = await Promise.resolve()
            .then(() => queues.get(name).getJobCounts(...STATES))
            .catch(() => null); // Redis away: no sample rather than a failed scrape
          if (counts) for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
        }
      },
    });
    const unfinished = new Gauge({
      name: 'essaim_outbox_unfinished',
      help: 'Outbox rows neither done nor failed for good',
      registers: [this.metrics.registry],
    });
    const failed = new Gauge({
      name: 'essaim_outbox_failed',
      help: 'Jobs failed for good (outbox rows with failed_at), by job name',
      labelNames: ['job'] as const,
      registers: [this.metrics.registry],
    });
    new Gauge({
      name: 'essaim_outbox_lag_seconds',
      help: 'Age of the oldest outbox row neither done nor failed (0 when none)',
      registers: [this.metrics.registry],
      async collect() {
        // Milliseconds as an integer (no float in SQL), seconds for Prometheus.
        const row = first(
          await dataSource
            .query<{ n: number; lag_ms: string | null }[]>(
              `SELECT count(*)::int AS n, (extract(epoch FROM now() - min(created_at)) * 1000)::bigint AS lag_ms FROM outbox WHERE done_at IS NULL AND failed_at IS NULL`,
            )
            .catch(() => [{ n: 0, lag_ms: null }]),
          'the outbox lag',
        );
        this.set(row.lag_ms === null ? 0 : Number(row.lag_ms) / 1000);
        unfinished.set(row.n);
        const byJob = await dataSource
          .query<{ job_name: string; n: number }[]>(`SELECT job_name, count(*)::int AS n FROM outbox WHERE failed_at IS NOT NULL GROUP BY job_name`)
          .catch(() => []);
        failed.reset();
        for (const r of byJob) failed.set({ job: r.job_name }, r.n);
      },
    });
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { withCorrelationId } from '../common/logging/request-context';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { workerRedisOptions } from '../infra/redis-options';
import { Metrics } from '../modules/metrics/metrics.service';
import { JOB_HANDLERS, JobHandler } from './job-handler';
import { JobOutcomes } from './job-outcomes.service';
import { JobName, QUEUE_OF_JOB, QueueName } from './queues';

/** Starts one BullMQ worker per queue that has handlers. Boot fails if a job name has no handler. */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: Worker[] = [];
  private readonly byName = new Map<string, JobHandler>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    private readonly outcomes: JobOutcomes,
    private readonly metrics: Metrics,
  ) {
    for (const h of handlers) this.byName.set(h.jobName, h);
    const missing = Object.values(JobName).filter((n) => !this.byName.has(n));
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    const queues = new Set<QueueName>(Object.values(JobName).map((n) => QUEUE_OF_JOB[n]));
    for (const queue of queues) {
      const worker = new Worker(queue, (job) => withCorrelationId(`job:${job.id}`, () => this.process(job)), {
        connection: workerRedisOptions(this.config.redis.url),
        prefix: this.config.queue.prefix,
        concurrency: this.config.queue.workerConcurrency,
        lockDuration: this.config.queue.lockDurationMs,
        stalledInterval: this.config.queue.stalledIntervalMs,
        maxStalledCount: 1,
      });
      worker.on('error', (e) => this.logger.warn(`worker ${queue}: ${e.message}`));
      worker.on('failed', (job, e) => this.onFailed(job, e));
      worker.on('stalled', (jobId) => this.logger.warn(`job ${jobId} stalled and will be retried`));
      this.workers.push(worker);
    }
    this.logger.log(`processing queues: ${[...queues].join(', ')}`);
  }

  /** Stops fetching and lets active jobs finish (BullMQ graceful shutdown). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private async process(job: Job): Promise<void> {
    const handler = this.byName.get(job.name);
    if (!handler) throw new Error(`unknown job ${job.name}`);
    const started = Date.now();
    this.logger.log(`job ${job.name} ${job.id} started`);
    try {
      // The handler was registered under this job's name, so the payload is its own (JobPayloads).
      await handler.handle(job as Job<never>);
      // Before BullMQ hears of the completion: if this write fails the job is retried (handlers are idempotent).
      await this.outcomes.done(job.id);
    } catch (e) {
      this.metrics.jobDuration.observe({ job: job.name, outcome: 'failed' }, (Date.now() - started) / 1000);
      throw e;
    }
    this.metrics.jobDuration.observe({ job: job.name, outcome: 'done' }, (Date.now() - started) / 1000);
    this.logger.log(`job ${job.name} ${job.id} done in ${Date.now() - started} ms`);
  }

  /**
   * The last attempt's failure is recorded on the outbox row and the expected document or export. When the database
   * is what failed, this write fails too: the reconciler records it from BullMQ's failed set once it is back.
   */
  private onFailed(job: Job | undefined, e: Error): void {
    const final = !!job && (!!job.finishedOn || job.attemptsMade >= (job.opts.attempts ?? 1));
    this.metrics.jobFailures.inc({ job: job?.name ?? 'unknown', final: String(final) });
    this.logger.error(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}${final ? ', final' : ''}): ${e.message}`);
    if (final) {
      this.outcomes
        .failed(job.id, e.message)
        .catch((err: Error) => this.logger.warn(`failure of ${job.id} not recorded yet (${err.message}); the reconciler will`));
    }
  }
}

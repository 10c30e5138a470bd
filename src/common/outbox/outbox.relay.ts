import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { QueueName } from '../../jobs/queues';
import { JobQueues } from './job-queues.service';

interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: string;
  payload: Record<string, unknown>;
}

const BATCH = 100;

/**
 * Publishes committed outbox rows to BullMQ with jobId = outbox id. Rows are claimed with SKIP LOCKED so several
 * api replicas can relay at once; a row published twice is deduplicated by the job id and by the handler's receipt.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Publish now (called after a commit that wrote outbox rows); coalesces concurrent calls. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  /** Publishes every pending row; returns how many were published. */
  async drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          let n: number;
          do {
            n = await this.publishBatch();
            total += n;
          } while (n === BATCH);
        } while (this.again);
      } catch (e) {
        this.logger.warn(`outbox relay paused: ${(e as Error).message}`);
      }
      return total;
    })().finally(() => (this.running = null));
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.drain().finally(() => this.schedule()), this.config.queue.outboxPollMs);
    this.timer.unref();
  }

  private publishBatch(): Promise<number> {
    return this.dataSource
      .transaction(async (em) => {
        const rows: OutboxRow[] = await em.query(
          `SELECT id, queue, job_name, payload FROM outbox WHERE published_at IS NULL ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        );
        const published: string[] = [];
        for (const row of rows) {
          try {
            await this.queues.get(row.queue).add(row.job_name, row.payload, { jobId: row.id });
            published.push(row.id);
          } catch (e) {
            await em.query(`UPDATE outbox SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE id = $1`, [
              row.id,
              (e as Error).message.slice(0, 500),
            ]);
            await this.queues.reset();
            break; // Redis is away: keep the order, try again on the next tick.
          }
        }
        if (published.length) {
          await em.query(`UPDATE outbox SET published_at = now(), publish_attempts = publish_attempts + 1 WHERE id = ANY($1::uuid[])`, [published]);
        }
        return published.length === rows.length ? rows.length : -1;
      })
      .then((n) => (n < 0 ? 0 : n));
  }
}

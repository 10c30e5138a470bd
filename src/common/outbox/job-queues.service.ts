import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { producerRedisOptions } from '../../infra/redis-options';
import { jobOptions, QueueName } from '../../jobs/queues';

/**
 * Producer-side BullMQ queues over one eagerly connected, fail-fast Redis client: the outbox relay (api), the
 * reconciler (worker) and the staff's retry.
 * While Redis is away, `get` refuses at once and the relay leaves rows in the outbox for the next tick.
 */
@Injectable()
export class JobQueues implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueues.name);
  private readonly queues = new Map<string, Queue>();
  private connection: Redis;
  private lastWarn = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.connection = new Redis(producerRedisOptions(this.config.redis.url));
    this.connection.on('error', (e: Error) => this.warn(`redis: ${e.message}`));
  }

  get(name: QueueName): Queue {
    if (this.connection.status !== 'ready') throw new Error(`redis not ready (${this.connection.status})`);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.queue.prefix, defaultJobOptions: jobOptions(this.config.queue) });
      queue.on('error', (e: Error) => this.warn(`queue ${name}: ${e.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Drops the queue objects after a failure so that they are rebuilt on a healthy connection. */
  async reset(): Promise<void> {
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarn > 30_000) {
      this.lastWarn = Date.now();
      this.logger.warn(message);
    }
  }
}

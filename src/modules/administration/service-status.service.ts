import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { JobQueues } from '../../common/outbox/job-queues.service';
import { projectRoot } from '../../common/project-root';
import { REDIS_CLIENT } from '../../infra/redis.token';
import { QueueName } from '../../jobs/queues';
import { first } from '../../common/collections';

export type Health = 'up' | 'down';

export interface QueueDepth {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface ServiceStatus {
  checkedAt: Date;
  version: string;
  database: { status: Health; latencyMs: number | null };
  redis: { status: Health; latencyMs: number | null };
  /** null when Redis does not answer (depths unknown). */
  queues: QueueDepth[] | null;
  outbox: { pending: number; oldestPendingAt: Date | null; lagSeconds: number; failing: number } | null;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

let version: string | undefined;
function appVersion(): string {
  version ??= (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** What an administrator needs to tell whether the service works: each dependency answers, and jobs flow. */
@Injectable()
export class ServiceStatusService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly queues: JobQueues,
  ) {}

  async read(): Promise<ServiceStatus> {
    const [database, redis] = await Promise.all([timed(() => this.dataSource.query('SELECT 1'), 2000), timed(() => this.redis.ping(), 1000)]);
    const [queues, outbox] = await Promise.all([
      redis.status === 'up' ? this.depths() : Promise.resolve(null),
      database.status === 'up' ? this.outbox() : Promise.resolve(null),
    ]);
    return { checkedAt: new Date(), version: appVersion(), database, redis, queues, outbox };
  }

  private async depths(): Promise<QueueDepth[] | null> {
    try {
      return await withTimeout(
        Promise.all(
          Object.values(QueueName).map(async (name) => {
            const c = await this.queues.get(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
            return { name, waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
          }),
        ),
        2000,
      );
    } catch {
      return null;
    }
  }

  /** Rows not yet handed to the queues: the relay's lag is the age of the oldest one. */
  private async outbox(): Promise<ServiceStatus['outbox']> {
    const row = first<{ pending: number; oldest: Date | null; failing: number }>(
      await this.dataSource.query(
        `SELECT count(*)::int AS pending, min(created_at) AS oldest, count(*) FILTER (WHERE publish_attempts > 0)::int AS failing
         FROM outbox WHERE published_at IS NULL`,
      ),
      'the outbox query',
    );
    const lagSeconds = row.oldest ? Math.max(0, Math.round((Date.now() - new Date(row.oldest).getTime()) / 1000)) : 0;
    return { pending: row.pending, oldestPendingAt: row.oldest, lagSeconds, failing: row.failing };
  }
}

async function timed(probe: () => Promise<unknown>, ms: number): Promise<{ status: Health; latencyMs: number | null }> {
  const start = process.hrtime.bigint();
  try {
    await withTimeout(probe(), ms);
    return { status: 'up', latencyMs: Number((process.hrtime.bigint() - start) / 1_000_000n) };
  } catch {
    return { status: 'down', latencyMs: null };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from '../../infra/redis.token';

export interface Count {
  count: number;
  /** Seconds until the window resets (≥ 1 while counting). */
  ttl: number;
}

/**
 * Fixed-window counters in Redis, shared by every api replica (login and sign-up throttling, ASVS 6.3.1). If Redis is
 * unreachable they fall back to this process's memory: degraded, but the guarded action stays both possible and
 * throttled. Keys must not carry personal data (hash e-mails before using them).
 */
@Injectable()
export class RateCounter {
  private readonly logger = new Logger(RateCounter.name);
  private readonly local = new Map<string, { count: number; resetAt: number }>();
  private lastWarn = 0;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async increment(key: string, windowSeconds: number): Promise<Count> {
    try {
      const results = await this.redis.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec();
      const [incr, , ttl] = results ?? [];
      if (!results || !incr || !ttl || results.some(([err]) => err)) throw new Error('redis transaction failed');
      return { count: Number(incr[1]), ttl: Math.max(Number(ttl[1]), 1) };
    } catch {
      this.warnFallback();
      const now = Date.now();
      let entry = this.local.get(key);
      if (!entry || entry.resetAt <= now) this.local.set(key, (entry = { count: 0, resetAt: now + windowSeconds * 1000 }));
      entry.count += 1;
      return { count: entry.count, ttl: Math.ceil((entry.resetAt - now) / 1000) };
    }
  }

  async peek(key: string): Promise<Count> {
    try {
      const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
      return { count: Number(count ?? 0), ttl: Math.max(ttl, 1) };
    } catch {
      this.warnFallback();
      const entry = this.local.get(key);
      if (!entry || entry.resetAt <= Date.now()) return { count: 0, ttl: 1 };
      return { count: entry.count, ttl: Math.ceil((entry.resetAt - Date.now()) / 1000) };
    }
  }

  async reset(key: string): Promise<void> {
    this.local.delete(key);
    await this.redis.del(key).catch(() => undefined);
  }

  private warnFallback(): void {
    if (Date.now() - this.lastWarn > 60_000) {
      this.lastWarn = Date.now();
      this.logger.warn('Redis unreachable: throttling uses per-process counters');
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { REDIS_CLIENT } from '../../infra/redis.module';

export interface SignupVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts account creations per IP in Redis, shared by every api replica, like `LoginThrottleService` (which the auth
 * module keeps private). Every attempt counts, successful or not, so that probing which e-mails exist is throttled
 * too. The limit reuses LOGIN_MAX_FAILURES_PER_IP per LOGIN_THROTTLE_WINDOW_SECONDS (a dedicated variable would need
 * a config change). If Redis is unreachable the counter falls back to this process's memory.
 */
@Injectable()
export class SignupThrottleService {
  private readonly logger = new Logger(SignupThrottleService.name);
  private readonly local = new Map<string, { count: number; resetAt: number }>();
  private lastWarn = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  /** Records one attempt from `ip` and says whether it may proceed. */
  async hit(ip: string): Promise<SignupVerdict> {
    const key = `${this.config.queue.prefix}:signup:ip:${ip}`;
    const { count, ttl } = await this.increment(key);
    const allowed = count <= this.config.auth.maxFailuresPerIp;
    return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(ttl, 1) };
  }

  private async increment(key: string): Promise<{ count: number; ttl: number }> {
    const window = this.config.auth.throttleWindowSeconds;
    try {
      const results = await this.redis.multi().incr(key).expire(key, window, 'NX').ttl(key).exec();
      if (!results || results.some(([err]) => err)) throw new Error('redis transaction failed');
      return { count: Number(results[0][1]), ttl: Number(results[2][1]) };
    } catch {
      if (Date.now() - this.lastWarn > 60_000) {
        this.lastWarn = Date.now();
        this.logger.warn('Redis unreachable: sign-up throttling uses per-process counters');
      }
      const now = Date.now();
      let entry = this.local.get(key);
      if (!entry || entry.resetAt <= now) this.local.set(key, (entry = { count: 0, resetAt: now + window * 1000 }));
      entry.count += 1;
      return { count: entry.count, ttl: Math.ceil((entry.resetAt - now) / 1000) };
    }
  }
}

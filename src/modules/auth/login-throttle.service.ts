import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { REDIS_CLIENT } from '../../infra/redis.module';

export interface ThrottleVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts failed logins per account and per IP in Redis, so every api replica shares them (ASVS 6.3.1).
 * Keys hold a hash of the e-mail, never the address. If Redis is unreachable the counters fall back to this
 * process's memory: degraded, but login stays both possible and throttled.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger(LoginThrottleService.name);
  private readonly local = new Map<string, { count: number; resetAt: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  async check(email: string, ip: string): Promise<ThrottleVerdict> {
    const [account, byIp] = await Promise.all([this.peek(this.accountKey(email)), this.peek(this.ipKey(ip))]);
    const { maxFailuresPerAccount, maxFailuresPerIp } = this.config.auth;
    const blocked = [account.count >= maxFailuresPerAccount ? account.ttl : 0, byIp.count >= maxFailuresPerIp ? byIp.ttl : 0];
    const retryAfterSeconds = Math.max(...blocked);
    return { allowed: retryAfterSeconds === 0, retryAfterSeconds };
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.increment(this.accountKey(email)), this.increment(this.ipKey(ip))]);
  }

  async recordSuccess(email: string): Promise<void> {
    const key = this.accountKey(email);
    this.local.delete(key);
    await this.redis.del(key).catch(() => undefined);
  }

  private accountKey(email: string): string {
    return `${this.config.queue.prefix}:login:acct:${createHash('sha256').update(email).digest('hex')}`;
  }

  private ipKey(ip: string): string {
    return `${this.config.queue.prefix}:login:ip:${ip}`;
  }

  private async peek(key: string): Promise<{ count: number; ttl: number }> {
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

  private async increment(key: string): Promise<void> {
    const window = this.config.auth.throttleWindowSeconds;
    try {
      await this.redis.multi().incr(key).expire(key, window, 'NX').exec();
    } catch {
      this.warnFallback();
      const now = Date.now();
      const entry = this.local.get(key);
      if (!entry || entry.resetAt <= now) this.local.set(key, { count: 1, resetAt: now + window * 1000 });
      else entry.count += 1;
    }
  }

  private lastWarn = 0;
  private warnFallback(): void {
    if (Date.now() - this.lastWarn > 60_000) {
      this.lastWarn = Date.now();
      this.logger.warn('Redis unreachable: login throttling uses per-process counters');
    }
  }
}

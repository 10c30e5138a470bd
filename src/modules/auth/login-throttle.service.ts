import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { RateCounter } from '../../common/throttle/rate-counter.service';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { REDIS_CLIENT } from '../../infra/redis.token';
import { accountDelaySeconds } from './login-delay';

export interface ThrottleVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** How long a client that signed in stays "known" for that account. */
const KNOWN_CLIENT_DAYS = 90;

/**
 * Failed logins per account (keyed by a hash of the e-mail, never the address) and per IP (ASVS 6.3.1).
 * Per IP: a hard limit per window, as before. Per account: no lockout, a progressive delay (login-delay.ts) that a
 * client which already signed in to this account (known-client cookie) does not suffer, so nobody can keep the
 * instructors out by typing wrong passwords for them.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counter: RateCounter,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  async check(email: string, ip: string, knownClient = false): Promise<ThrottleVerdict> {
    const byIp = await this.counter.peek(this.ipKey(ip));
    if (byIp.count >= this.config.auth.maxFailuresPerIp) return { allowed: false, retryAfterSeconds: byIp.ttl };
    if (knownClient) return { allowed: true, retryAfterSeconds: 0 };
    const waitMs = await this.redis.pttl(this.waitKey(email)).catch(() => -2);
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    return { allowed: true, retryAfterSeconds: 0 };
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.auth.throttleWindowSeconds;
    const [account] = await Promise.all([this.counter.increment(this.accountKey(email), window), this.counter.increment(this.ipKey(ip), window)]);
    const delay = accountDelaySeconds(account.count, this.config.auth.maxFailuresPerAccount, this.config.auth.maxDelaySeconds);
    if (delay > 0) await this.redis.set(this.waitKey(email), '1', 'PX', delay * 1000).catch(() => undefined);
  }

  async recordSuccess(email: string): Promise<void> {
    await Promise.all([this.counter.reset(this.accountKey(email)), this.redis.del(this.waitKey(email)).catch(() => undefined)]);
  }

  /** Whether this known-client token was issued to this account by an earlier successful login. */
  async isKnownClient(email: string, token: string | undefined): Promise<boolean> {
    if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return false;
    return (await this.redis.exists(this.knownKey(email, token)).catch(() => 0)) === 1;
  }

  /** A new known-client token for this account (set as a cookie by the caller). */
  async issueKnownClient(email: string): Promise<{ token: string; maxAgeSeconds: number }> {
    const token = randomBytes(24).toString('base64url');
    const maxAgeSeconds = KNOWN_CLIENT_DAYS * 86_400;
    await this.redis.set(this.knownKey(email, token), '1', 'EX', maxAgeSeconds).catch(() => undefined);
    return { token, maxAgeSeconds };
  }

  private hash(value: string): string {
    return createHash('sha256').update(value).digest('hex');
  }

  private accountKey(email: string): string {
    return `${this.config.queue.prefix}:login:acct:${this.hash(email)}`;
  }

  private waitKey(email: string): string {
    return `${this.config.queue.prefix}:login:wait:${this.hash(email)}`;
  }

  private knownKey(email: string, token: string): string {
    return `${this.config.queue.prefix}:login:known:${this.hash(email)}:${this.hash(token)}`;
  }

  private ipKey(ip: string): string {
    return `${this.config.queue.prefix}:login:ip:${ip}`;
  }
}

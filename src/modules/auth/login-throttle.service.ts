import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateCounter } from '../../common/throttle/rate-counter.service';
import { APP_CONFIG, type AppConfig } from '../../config/config';

export interface ThrottleVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Failed logins per account (keyed by a hash of the e-mail, never the address) and per IP (ASVS 6.3.1). */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counter: RateCounter,
  ) {}

  async check(email: string, ip: string): Promise<ThrottleVerdict> {
    const [account, byIp] = await Promise.all([this.counter.peek(this.accountKey(email)), this.counter.peek(this.ipKey(ip))]);
    const { maxFailuresPerAccount, maxFailuresPerIp } = this.config.auth;
    const retryAfterSeconds = Math.max(account.count >= maxFailuresPerAccount ? account.ttl : 0, byIp.count >= maxFailuresPerIp ? byIp.ttl : 0);
    return { allowed: retryAfterSeconds === 0, retryAfterSeconds };
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.auth.throttleWindowSeconds;
    await Promise.all([this.counter.increment(this.accountKey(email), window), this.counter.increment(this.ipKey(ip), window)]);
  }

  recordSuccess(email: string): Promise<void> {
    return this.counter.reset(this.accountKey(email));
  }

  private accountKey(email: string): string {
    return `${this.config.queue.prefix}:login:acct:${createHash('sha256').update(email).digest('hex')}`;
  }

  private ipKey(ip: string): string {
    return `${this.config.queue.prefix}:login:ip:${ip}`;
  }
}

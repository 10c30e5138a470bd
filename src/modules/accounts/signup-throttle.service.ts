import { Inject, Injectable } from '@nestjs/common';
import { RateCounter } from '../../common/throttle/rate-counter.service';
import { APP_CONFIG, type AppConfig } from '../../config/config';

export interface SignupVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Account creations per IP. Every attempt counts, successful or not, so that probing which e-mails exist is throttled
 * too. The limit reuses LOGIN_MAX_FAILURES_PER_IP per LOGIN_THROTTLE_WINDOW_SECONDS.
 */
@Injectable()
export class SignupThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly counter: RateCounter,
  ) {}

  /** Records one attempt from `ip` and says whether it may proceed. */
  async hit(ip: string): Promise<SignupVerdict> {
    const { count, ttl } = await this.counter.increment(`${this.config.queue.prefix}:signup:ip:${ip}`, this.config.auth.throttleWindowSeconds);
    const allowed = count <= this.config.auth.maxFailuresPerIp;
    return { allowed, retryAfterSeconds: allowed ? 0 : ttl };
  }
}

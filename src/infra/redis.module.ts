import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RateCounter } from '../common/throttle/rate-counter.service';
import { producerRedisOptions } from './redis-options';
import { REDIS_CLIENT } from './redis.token';

export { REDIS_CLIENT };

/** One fail-fast Redis client for the request path (throttling, readiness). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Redis');
        const client = new Redis({ ...producerRedisOptions(config.redis.url), lazyConnect: false });
        let last = 0;
        client.on('error', (e: Error) => {
          if (Date.now() - last > 30_000) {
            last = Date.now();
            logger.warn(`Redis client error: ${e.message}`);
          }
        });
        return client;
      },
    },
    RateCounter,
  ],
  exports: [RateCounter, REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthLiveResponse, HealthReadyResponse } from './dto/health.response';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT } from '../../infra/redis.module';
import { Public } from '../auth/access.decorator';

type Check = 'up' | 'down';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  @ApiOperation({ summary: "Vivacité du processus (répond tant que l'api tourne)" })
  @Get('live')
  @ApiOkResponse({ type: HealthLiveResponse })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when both Postgres and Redis answer; 503 otherwise, so a load balancer stops sending traffic. */
  @ApiOperation({ summary: 'Disponibilité : PostgreSQL et Redis répondent (503 sinon)' })
  @Get('ready')
  @ApiOkResponse({ type: HealthReadyResponse })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: 'ok' | 'unavailable'; checks: { database: Check; redis: Check } }> {
    const [database, redis] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1'), 2000).then(
        (): Check => 'up',
        (): Check => 'down',
      ),
      withTimeout(this.redis.ping(), 1000).then(
        (): Check => 'up',
        (): Check => 'down',
      ),
    ]);
    const ok = database === 'up' && redis === 'up';
    void reply.status(ok ? 200 : 503).header('Cache-Control', 'no-store');
    return { status: ok ? 'ok' : 'unavailable', checks: { database, redis } };
  }
}

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { problem } from '../../common/errors/problem';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { redisOptionsFromUrl } from '../../infra/redis-options';
import { QueueName } from '../../jobs/queues';
import { AuthService } from '../auth/auth.service';
import { SESSION_COOKIE } from '../auth/cookies';

export const QUEUE_BOARD_PATH = '/administration/files-d-attente';

/**
 * The BullMQ dashboard (@bull-board) for administrators at /administration/files-d-attente, read-only: retrying a
 * failed job goes through /administration/taches, which records it in the outbox and the audit log. It is a Fastify
 * plugin, outside Nest's guards, so its scope checks the session itself: administrators only, else 401/403.
 */
@Injectable()
export class QueueBoard implements OnApplicationShutdown {
  private connection: Redis | null = null;
  private readonly queues: Queue[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  async register(app: NestFastifyApplication): Promise<void> {
    this.connection = new Redis({ ...redisOptionsFromUrl(this.config.redis.url), maxRetriesPerRequest: null, lazyConnect: true });
    this.connection.on('error', () => undefined); // the board shows Redis away; the api's health check reports it
    for (const name of Object.values(QueueName)) this.queues.push(new Queue(name, { connection: this.connection, prefix: this.config.queue.prefix }));
    const adapter = new FastifyAdapter();
    adapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: 'Essaim — files de jobs', locale: { lng: 'fr' } } },
    });
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', (req, reply) => this.onlyAdministrators(req, reply));
      await scope.register(adapter.registerPlugin() as never, { prefix: QUEUE_BOARD_PATH });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
    this.connection?.disconnect();
  }

  private async onlyAdministrators(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = req.headers.authorization;
    const ctx = header?.startsWith('Bearer ')
      ? await this.auth.authenticate(header.slice(7).trim(), 'bearer')
      : req.cookies?.[SESSION_COOKIE]
        ? await this.auth.authenticate(req.cookies[SESSION_COOKIE], 'cookie')
        : null;
    if (!ctx)
      return void reply
        .status(401)
        .type('application/problem+json')
        .send(problem('UNAUTHENTICATED', 'Authentification requise.', { instance: req.url }));
    if (!ctx.user.roles.includes('ADMINISTRATOR')) {
      return void reply
        .status(403)
        .type('application/problem+json')
        .send(problem('FORBIDDEN', "Vous n'avez pas accès à cette fonction.", { instance: req.url }));
    }
  }
}

import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { type LoggerService, type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiDocument } from '../modules/web/api-reference/api-document';
import type { OpenApiDocument } from '../modules/web/api-reference/api-reference.model';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ApiModule } from '../api.module';
import { RejectControlCharactersPipe } from '../common/errors/control-characters.pipe';
import { validationExceptionFactory } from '../common/errors/validation';
import { withCorrelationId } from '../common/logging/request-context';
import { projectRoot } from '../common/project-root';
import { AppConfig } from '../config/config';
import { registerMultipart } from '../modules/files/multipart';
import { Metrics } from '../modules/metrics/metrics.service';
import { QueueBoard } from '../modules/metrics/queue-board';
import { clientErrorHandler, frameworkErrorsHandler } from './framework-errors';
import { registerJsonBodyParser } from './json-body-parser';
import { logLevels } from './log-levels';
import { markPublicOperations } from './openapi-document';
import { helmetOptions, staticSecurityHeaders } from './security-headers';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,80}$/;

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const securityHeaders = staticSecurityHeaders(config);
  return new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    frameworkErrors: frameworkErrorsHandler(securityHeaders),
    clientErrorHandler: clientErrorHandler(securityHeaders),
    trustProxy: config.http.trustProxy,
    // Correlation id: the caller's X-Request-Id when well-formed, else a fresh UUID; echoed on every answer.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
}

/** Everything main.ts and the e2e tests share, so tests exercise the real pipeline. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Every log line written while serving the request carries its correlation id (JsonLogger).
  fastify.addHook('onRequest', (req, _reply, done) => withCorrelationId(String(req.id), done, req));
  // Latency by route pattern (never the raw URL: ids would explode the label set).
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  await app.get(QueueBoard).register(app);
  fastify.addHook('onSend', async (req, reply) => {
    void reply.header('X-Correlation-Id', String(req.id));
    // API answers are not cached, unless a public route chose a caching policy itself (the open catalogue).
    if (req.url.startsWith('/api/v1') && !reply.hasHeader('Cache-Control')) void reply.header('Cache-Control', 'no-store');
  });
  await app.register(fastifyCookie);
  await registerMultipart(app, config);
  registerJsonBodyParser(app, config.http.bodyLimitBytes);
  await app.register(fastifyHelmet, helmetOptions(config));
  const dsfrDist = dirname(require.resolve('@gouvfr/dsfr/dist/dsfr.min.css'));
  app.useStaticAssets({ root: dsfrDist, prefix: '/dsfr/', decorateReply: false, maxAge: config.env === 'production' ? '7d' : 0 });
  app.useStaticAssets({ root: join(projectRoot(), 'templates', 'views', 'static'), prefix: '/static/', decorateReply: false });
  // DSFR Chart web components (dashboard), served from the package like the DSFR itself: no CDN, no inline script.
  const dsfrChartDist = dirname(require.resolve('@gouvfr/dsfr-chart'));
  app.useStaticAssets({ root: dsfrChartDist, prefix: '/dsfr-chart/', decorateReply: false, maxAge: config.env === 'production' ? '7d' : 0 });
  app.useGlobalPipes(
    new RejectControlCharactersPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory }),
  );

  const document = markPublicOperations(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Essaim API')
        .setDescription("API d'Essaim : appels à projets FSE+ (Priorité 6). Montants en centimes d'euro, taux en points de base.")
        .setVersion('1')
        .addServer('/', 'Cette instance')
        .addBearerAuth()
        .build(),
    ),
  );
  // Only the JSON document: the reference page is ours (ApiDocsController), accessible like every other page.
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', ui: false, raw: ['json'] });
  app.get(ApiDocument).set(document as unknown as OpenApiDocument);
}

export async function createApiApp(config: AppConfig, logger: LoggerService | LogLevel[] = logLevels(config.logLevel)): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), createFastifyAdapter(config), { logger });
  await configureApp(app, config);
  return app;
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { HttpProblemException } from '../common/errors/http-problem.exception';
import { checkJsonShape } from '../common/http/json-limits';

type Done = (err: Error | null, body?: unknown) => void;

/**
 * application/json: Fastify's own parser (prototype poisoning refused) behind a structural check of the raw bytes,
 * so deep nesting or a flood of keys is a 400 before JSON.parse recurses, on every route, authenticated or not.
 * A `null` body is refused too: the ValidationPipe would turn it into `{}`, an empty update that bumps a version.
 */
export function registerJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (req: FastifyRequest, body: Buffer, done: Done) => {
    const violation = checkJsonShape(body);
    if (violation) {
      const detail =
        violation.kind === 'depth'
          ? `Le corps JSON dépasse la profondeur d'imbrication autorisée (${violation.limit} niveaux).`
          : `Le corps JSON dépasse le nombre de clés autorisé (${violation.limit}).`;
      done(new HttpProblemException('MALFORMED_REQUEST', detail));
      return;
    }
    // Fastify's parser answers through the callback; its return value carries nothing.
    void parse(req, body.toString('utf8'), (err: Error | null, value?: unknown) => {
      if (err) return done(err);
      if (value === null) return done(new HttpProblemException('MALFORMED_REQUEST', 'Le corps JSON ne peut pas être null.'));
      done(null, value);
    });
  });
}

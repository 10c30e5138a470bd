import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ViewsService } from '../../modules/web/views.service';
import { DomainError, FieldError } from './domain-error';
import { ErrorCode } from './error-codes';
import { HttpProblemException } from './http-problem.exception';
import { classifyInfrastructureError } from './infrastructure-errors';
import { Problem, problem } from './problem';
import { HTML } from '../http/html';
import { layoutContext } from '../../modules/web/page-kit';
import { AuthService } from '../../modules/auth/auth.service';
import { SESSION_COOKIE } from '../../modules/auth/cookies';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Every error leaves as RFC 9457 problem+json (API) or a DSFR error page (web), never with a stack or SQL. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  constructor(
    @Inject(ViewsService) private readonly views: ViewsService,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toProblem(exception, req);
    if (reply.sent) return;
    if (typeof body.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(body.retryAfterSeconds));
    }
    if (wantsHtml(req)) {
      if (body.status === 401) {
        void reply.redirect(`/connexion?suite=${encodeURIComponent(req.url)}`, 303);
        return;
      }
      this.sendPage(req, reply, body).catch((e: unknown) => {
        this.logger.error(`error page not rendered [correlationId=${req.id}]: ${describe(e)}`, e instanceof Error ? e.stack : undefined);
        if (!reply.sent) void reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
      });
      return;
    }
    void reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
  }

  /** A signed-in person keeps their header (name, menu, sign-out) and gets a way back (docs/ui.md, « Errors »). */
  private async sendPage(req: FastifyRequest, reply: FastifyReply, body: Problem): Promise<void> {
    // An unknown address is answered by Fastify's not-found handler, before any guard: the session is read here,
    // read-only (docs/ui.md). Not after a server error, whose cause may be the database itself.
    if (!req.auth && body.status < 500) req.auth = await this.sessionOf(req);
    if (reply.sent) return;
    const layout = req.auth ? layoutContext(req.auth) : {};
    void reply
      .status(body.status)
      .type(HTML)
      .send(this.views.render('error.njk', { problem: body, req, ...layout, back: backLink(req) }));
  }

  private async sessionOf(req: FastifyRequest): Promise<FastifyRequest['auth']> {
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (!cookie) return undefined;
    try {
      return (await this.auth.authenticate(cookie, 'cookie', { readOnly: true })) ?? undefined;
    } catch (e) {
      this.logger.warn(`session not read for the error page [correlationId=${req.id}]: ${describe(e)}`);
      return undefined;
    }
  }

  private toProblem(exception: unknown, req: FastifyRequest): Problem {
    const instance = req.url.split('?')[0];
    if (exception instanceof HttpProblemException) {
      return problem(exception.code, exception.message, { instance, ...extras(exception.extra) });
    }
    if (exception instanceof DomainError) {
      return problem(exception.code, exception.message, { instance, ...extras(exception.details) });
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status === 422 ? 'BUSINESS_RULE_VIOLATED' : 'MALFORMED_REQUEST');
      return { ...problem(code, safeDetail(exception, code), { instance }), status };
    }
    // A dependency away or too slow (database, files): 503 with Retry-After or 504, logged without the stack.
    const unavailable = classifyInfrastructureError(exception);
    if (unavailable) {
      this.logger.warn(`${unavailable.code} on ${req.method} ${instance} [correlationId=${req.id}]: ${describe(exception)}`);
      return problem(unavailable.code, unavailable.detail, {
        instance,
        correlationId: req.id,
        ...(unavailable.retryAfterSeconds ? { retryAfterSeconds: unavailable.retryAfterSeconds } : {}),
      });
    }
    // Unknown: log it with the correlation id, answer only that id.
    this.logger.error(
      `unhandled error on ${req.method} ${instance} [correlationId=${req.id}]: ${describe(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    return problem('INTERNAL_ERROR', `Une erreur interne est survenue. Référence : ${req.id}.`, { instance, correlationId: req.id });
  }
}

function extras(details: { errors?: FieldError[]; retryAfterSeconds?: number; [k: string]: unknown }): Partial<Problem> {
  const out: Partial<Problem> = {};
  for (const [k, v] of Object.entries(details)) if (v !== undefined) out[k] = v;
  return out;
}

function safeDetail(exception: HttpException, code: ErrorCode): string {
  switch (code) {
    case 'NOT_FOUND':
      return "La ressource demandée n'existe pas ou ne vous est pas accessible.";
    case 'PAYLOAD_TOO_LARGE':
      return 'Le corps de la requête dépasse la taille autorisée.';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return "Ce type de contenu n'est pas accepté.";
    case 'MALFORMED_REQUEST':
      return 'La requête est mal formée (JSON invalide ou paramètres incorrects).';
    default:
      return exception.message;
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The page the person came from, when it is one of ours and not this very page: the « Page précédente » link. */
export function backLink(req: Pick<FastifyRequest, 'headers' | 'url'>): string | null {
  const referer = req.headers.referer;
  if (!referer || !req.headers.host) return null;
  try {
    const from = new URL(referer);
    if (from.host !== req.headers.host) return null;
    const path = from.pathname + from.search;
    return path === req.url || !path.startsWith('/') || path.startsWith('//') ? null : path;
  } catch {
    return null;
  }
}

function wantsHtml(req: FastifyRequest): boolean {
  const path = req.url;
  if (path.startsWith('/api') || path.startsWith('/health')) return false;
  return (req.headers.accept ?? '').includes('text/html');
}

import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { HttpProblemException } from '../../common/errors/http-problem.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { ACCESS_METADATA, AccessRule } from './access.decorator';
import { AuthService } from './auth.service';
import { SESSION_COOKIE } from './cookies';
import { sameSecret } from './tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: authenticates (bearer token or session cookie), checks CSRF on cookie-authenticated writes, then
 * applies the route's declared access rule. A route without a declaration is refused (fail closed).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (!rule) {
      this.logger.error(`route without an access declaration: ${context.getClass().name}.${context.getHandler().name}`);
      throw new HttpProblemException('FORBIDDEN', 'Accès refusé.');
    }
    // The scraper's token is not a session: checked before sessions, compared in constant time.
    if (rule.kind === 'metrics' && this.config.metrics.token && sameSecret(req.headers.authorization, `Bearer ${this.config.metrics.token}`)) return true;
    await this.authenticate(req);
    if (rule.kind === 'public') return true;
    if (!req.auth) throw new HttpProblemException('UNAUTHENTICATED', 'Authentification requise.');
    this.checkCsrf(req);
    const roles = rule.kind === 'roles' ? rule.roles : rule.kind === 'metrics' ? ['ADMINISTRATOR'] : null;
    if (roles && !roles.some((r) => req.auth!.user.roles.includes(r as never))) {
      this.logger.warn(`access denied to user ${req.auth.user.id} on ${req.method} ${req.routeOptions.url} [correlationId=${req.id}]`);
      throw new HttpProblemException('FORBIDDEN', "Vous n'avez pas accès à cette fonction.");
    }
    return true;
  }

  private async authenticate(req: FastifyRequest): Promise<void> {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const ctx = await this.auth.authenticate(header.slice(7).trim(), 'bearer');
      if (!ctx) throw new HttpProblemException('UNAUTHENTICATED', 'Jeton invalide ou expiré.');
      req.auth = ctx;
      return;
    }
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (cookie) req.auth = (await this.auth.authenticate(cookie, 'cookie')) ?? undefined;
  }

  /** Bearer clients carry no ambient credential; cookie sessions must echo their CSRF token on every write. */
  private checkCsrf(req: FastifyRequest): void {
    if (req.auth?.via !== 'cookie' || SAFE_METHODS.has(req.method)) return;
    const body = req.body as Record<string, unknown> | undefined;
    const sent = (req.headers['x-csrf-token'] as string | undefined) ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (!sameSecret(sent, req.auth.csrfToken)) throw new HttpProblemException('CSRF_TOKEN_INVALID', 'Jeton de sécurité absent ou invalide. Rechargez la page.');
  }
}

import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Public } from '../auth/access.decorator';
import { AuthService } from '../auth/auth.service';
import { PRELOGIN_CSRF_COOKIE, setKnownClientCookie, setSessionCookie } from '../auth/cookies';
import { ProConnectService } from '../auth/proconnect/proconnect.service';
import { HTML } from './page-kit';
import { ViewsService } from './views.service';

/** Ties the provider's callback to the browser that started the login; Lax, since the callback is a cross-site redirect. */
const PROCONNECT_COOKIE = 'essaim_proconnect';
const COOKIE_PATH = '/connexion/proconnect';

function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/accueil';
}

/** « S’identifier avec ProConnect » for staff (docs/security.md); 404 when ProConnect is not configured. */
@ApiExcludeController()
@Controller('connexion/proconnect')
export class ProConnectPagesController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly proconnect: ProConnectService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Public()
  async start(@Res() reply: FastifyReply, @Query('suite') next?: string): Promise<void> {
    if (!this.proconnect.enabled) throw new DomainError('NOT_FOUND', 'Page introuvable.');
    const { url, cookieToken } = await this.proconnect.start(safeNext(next));
    void reply.setCookie(PROCONNECT_COOKIE, cookieToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.auth.cookieSecure,
      path: COOKIE_PATH,
      maxAge: 600,
    });
    void reply.redirect(url, 303);
  }

  @Get('retour')
  @Public()
  async callback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.proconnect.enabled) throw new DomainError('NOT_FOUND', 'Page introuvable.');
    void reply.clearCookie(PROCONNECT_COOKIE, { path: COOKIE_PATH });
    try {
      const identity = await this.proconnect.finish(req.cookies[PROCONNECT_COOKIE], req.url, String(req.id));
      const result = await this.auth.openSession(identity.user, String(req.id), 'PROCONNECT', req.headers['user-agent'], identity.idToken);
      setSessionCookie(reply, this.config, result.token, result.expiresAt);
      setKnownClientCookie(reply, this.config, result.knownClient);
      void reply.clearCookie(PRELOGIN_CSRF_COOKIE, { path: '/connexion' });
      void reply.redirect(identity.next, 303);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'PROCONNECT_FAILED') throw e;
      void reply
        .status(401)
        .type(HTML)
        .header('Cache-Control', 'no-store')
        .send(this.views.render('accounts/message.njk', { title: 'Connexion ProConnect impossible', lead: e.message, kind: 'error' }));
    }
  }
}

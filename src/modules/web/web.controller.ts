import { Body, Controller, Get, Header, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Authenticated, Public } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { AuthService } from '../auth/auth.service';
import { clearSessionCookie, KNOWN_CLIENT_COOKIE, PRELOGIN_CSRF_COOKIE, setKnownClientCookie, setLoginStepCookie, setSessionCookie } from '../auth/cookies';
import { ProConnectService } from '../auth/proconnect/proconnect.service';
import { newToken, sameSecret } from '../auth/tokens';
import { ViewsService } from './views.service';
import { ROLE_LABELS } from '../auth/roles';
import { HTML, layoutContext } from './page-kit';

/** Only same-site paths may follow a login (no open redirect). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/accueil';
}

@ApiExcludeController()
@Controller()
export class WebController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly proconnect: ProConnectService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Public()
  root(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    void reply.redirect(req.auth ? '/accueil' : '/connexion', 303);
  }

  @Get('connexion')
  @Public()
  loginPage(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('suite') next?: string,
    @Query('inscription') signedUp?: string,
    @Query('motdepasse') reset?: string,
    @Query('etape') step?: string,
  ): void {
    if (req.auth) return void reply.redirect(safeNext(next), 303);
    const info =
      reset === 'ok'
        ? 'Votre mot de passe est changé. Connectez-vous avec le nouveau.'
        : signedUp === 'ok'
          ? 'Votre adresse est confirmée. Connectez-vous pour continuer.'
          : undefined;
    const error = step === 'expiree' ? 'Votre connexion a expiré ou a reçu trop de codes incorrects. Saisissez à nouveau votre mot de passe.' : undefined;
    this.renderLogin(reply, 200, { next: safeNext(next), info, error });
  }

  @Post('connexion')
  @Public()
  async login(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>): Promise<void> {
    const email = typeof body?.email === 'string' ? body.email.slice(0, 254) : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    const next = safeNext(body?.suite);
    if (!sameSecret(typeof body?._csrf === 'string' ? body._csrf : undefined, req.cookies[PRELOGIN_CSRF_COOKIE])) {
      return this.renderLogin(reply, 403, { email, next, error: 'Votre session de connexion a expiré. Veuillez réessayer.' });
    }
    try {
      const user = await this.auth.checkPassword(email.trim().toLowerCase(), password, req.ip, String(req.id), req.cookies[KNOWN_CLIENT_COOKIE]);
      const step = await this.auth.secondFactorStep(user);
      if (step !== 'NONE') {
        // Staff (and anyone enrolled) give their code before any session exists (docs/security.md).
        setLoginStepCookie(reply, this.config, await this.auth.startChallenge(user.id, next));
        return void reply.redirect(step === 'CODE' ? '/connexion/code' : '/connexion/activation', 303);
      }
      const result = await this.auth.openSession(user, String(req.id), 'PASSWORD', req.headers['user-agent']);
      setSessionCookie(reply, this.config, result.token, result.expiresAt);
      setKnownClientCookie(reply, this.config, result.knownClient);
      void reply.clearCookie(PRELOGIN_CSRF_COOKIE, { path: '/connexion' });
      void reply.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof DomainError) || !['INVALID_CREDENTIALS', 'TOO_MANY_REQUESTS', 'EMAIL_NOT_VERIFIED'].includes(e.code)) throw e;
      const throttled = e.code === 'TOO_MANY_REQUESTS';
      if (throttled) void reply.header('Retry-After', String(e.details.retryAfterSeconds ?? 60));
      this.renderLogin(reply, throttled ? 429 : e.code === 'EMAIL_NOT_VERIFIED' ? 403 : 401, {
        email,
        next,
        error: throttled ? `Trop de tentatives. Réessayez dans ${e.details.retryAfterSeconds ?? 60} seconde(s).` : e.message,
      });
    }
  }

  @Post('deconnexion')
  @Authenticated()
  async logout(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    const idToken = await this.auth.providerIdToken(auth.sessionId);
    await this.auth.logout(auth, actor);
    clearSessionCookie(reply, this.config);
    // A ProConnect session ends at the provider too (RP-initiated logout), which sends the browser back to /connexion.
    const providerLogout = idToken && this.proconnect.enabled ? await this.proconnect.endSessionUrl(idToken).catch(() => null) : null;
    void reply.redirect(providerLogout ?? '/connexion', 303);
  }

  @Get(':page(accessibilite|mentions-legales|donnees-personnelles)')
  @Public()
  @Header('Content-Type', HTML)
  legal(@Req() req: FastifyRequest, @Param('page') page: string): string {
    return this.views.render(`legal/${page}.njk`, req.auth ? this.layout(req.auth) : {});
  }

  private layout(auth: AuthContext): Record<string, unknown> {
    return {
      ...layoutContext(auth),
    };
  }

  private renderLogin(reply: FastifyReply, status: number, ctx: { email?: string; next: string; error?: string; info?: string }): void {
    const csrfToken = newToken();
    void reply.setCookie(PRELOGIN_CSRF_COOKIE, csrfToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.auth.cookieSecure,
      path: '/connexion',
      maxAge: 3600,
    });
    const demoAccounts = this.config.env === 'production' ? [] : DEMO_HINTS;
    void reply
      .status(status)
      .type(HTML)
      .send(this.views.render('login.njk', { ...ctx, csrfToken, demoAccounts, proconnect: this.proconnect.enabled }));
  }
}

// Listed on the login page outside production only; passwords are printed by `npm start`, never shown here.
const DEMO_HINTS = [
  { email: 'gestionnaire@demo.essaim.fr', roleLabel: ROLE_LABELS.PROGRAMME_MANAGER },
  { email: 'instructeur@demo.essaim.fr', roleLabel: ROLE_LABELS.INSTRUCTOR },
  { email: 'evaluatrice@demo.essaim.fr', roleLabel: ROLE_LABELS.EVALUATOR },
  { email: 'autorite@demo.essaim.fr', roleLabel: ROLE_LABELS.MANAGING_AUTHORITY },
  { email: 'porteur@demo.essaim.fr', roleLabel: ROLE_LABELS.APPLICANT },
];

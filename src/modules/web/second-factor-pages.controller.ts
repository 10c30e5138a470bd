import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Public } from '../auth/access.decorator';
import { AuthService, type LoginResult } from '../auth/auth.service';
import { KNOWN_CLIENT_COOKIE, LOGIN_STEP_COOKIE, PRELOGIN_CSRF_COOKIE, setKnownClientCookie, setSessionCookie } from '../auth/cookies';
import { SecondFactorService } from '../auth/second-factor/second-factor.service';
import type { SessionMethod } from '../auth/session-method';
import { ViewsService } from './views.service';
import { HTML } from './page-kit';
import { FORM_REFUSED } from './form';

/**
 * The login's second step (docs/security.md): after a correct password, an account with a second factor gives its
 * code on /connexion/code; a staff account without one enrols on /connexion/activation before any session exists.
 * The step is carried by an httpOnly, SameSite=Strict cookie scoped to /connexion, which a cross-site form cannot
 * send: that cookie is also these forms' CSRF defence.
 */
@ApiExcludeController()
@Controller('connexion')
export class SecondFactorPagesController {
  constructor(
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly secondFactor: SecondFactorService,
    private readonly views: ViewsService,
  ) {}

  @Get('code')
  @Public()
  async codePage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const step = await this.auth.challenge(req.cookies[LOGIN_STEP_COOKIE]);
    if (!step) return this.expired(reply);
    this.render(reply, 200, 'login-code.njk', {});
  }

  @Post('code')
  @Public()
  async submitCode(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>): Promise<void> {
    const step = await this.auth.challenge(req.cookies[LOGIN_STEP_COOKIE]);
    if (!step) return this.expired(reply);
    const code = typeof body?.code === 'string' ? body.code.slice(0, 40) : '';
    if (!code.trim())
      return this.render(reply, FORM_REFUSED, 'login-code.njk', { error: 'Saisissez le code affiché par votre application, ou un code de secours.' });
    let method: SessionMethod;
    try {
      method = await this.auth.checkSecondFactor(step.user, code, req.ip, String(req.id), req.cookies[KNOWN_CLIENT_COOKIE]);
    } catch (e) {
      if (!(e instanceof DomainError) || !['SECOND_FACTOR_INVALID', 'TOO_MANY_REQUESTS'].includes(e.code)) throw e;
      await this.auth.failChallenge(step.tokenHash);
      const throttled = e.code === 'TOO_MANY_REQUESTS';
      if (throttled) void reply.header('Retry-After', String(e.details.retryAfterSeconds ?? 60));
      return this.render(reply, throttled ? 429 : 401, 'login-code.njk', {
        error: throttled ? `Trop de tentatives. Réessayez dans ${e.details.retryAfterSeconds ?? 60} seconde(s).` : e.message,
      });
    }
    if (!(await this.auth.consumeChallenge(step.tokenHash))) return this.expired(reply);
    const result = await this.auth.openSession(step.user, String(req.id), method, req.headers['user-agent']);
    this.signIn(reply, result);
    void reply.redirect(step.nextPath, 303);
  }

  @Get('activation')
  @Public()
  async enrolPage(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const step = await this.auth.challenge(req.cookies[LOGIN_STEP_COOKIE]);
    if (!step) return this.expired(reply);
    const enrolment = await this.secondFactor.pendingEnrolment(step.user.id, step.user.email);
    if (!enrolment) return void reply.redirect('/connexion/code', 303);
    this.render(reply, 200, 'accounts/totp-enrol.njk', { ...enrolment, action: '/connexion/activation', atLogin: true });
  }

  @Post('activation')
  @Public()
  async confirmEnrolment(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>): Promise<void> {
    const step = await this.auth.challenge(req.cookies[LOGIN_STEP_COOKIE]);
    if (!step) return this.expired(reply);
    const code = typeof body?.code === 'string' ? body.code.slice(0, 40) : '';
    const actor = { kind: 'USER' as const, userId: step.user.id, correlationId: String(req.id) };
    const codes = await this.dataSource.transaction(async (em) => {
      const fresh = await this.secondFactor.confirmEnrolment(em, step.user.id, code);
      if (fresh) await this.audit.record(em, actor, { action: 'auth.second_factor.enrolled', subjectType: 'user', subjectId: step.user.id });
      return fresh;
    });
    if (!codes) {
      await this.auth.failChallenge(step.tokenHash);
      const enrolment = await this.secondFactor.pendingEnrolment(step.user.id, step.user.email);
      if (!enrolment) return this.expired(reply);
      return this.render(reply, FORM_REFUSED, 'accounts/totp-enrol.njk', {
        ...enrolment,
        action: '/connexion/activation',
        atLogin: true,
        error: 'Code incorrect : saisissez le code à 6 chiffres affiché par l’application.',
      });
    }
    if (!(await this.auth.consumeChallenge(step.tokenHash))) return this.expired(reply);
    const result = await this.auth.openSession(step.user, String(req.id), 'PASSWORD_TOTP', req.headers['user-agent']);
    this.signIn(reply, result);
    this.render(reply, 200, 'accounts/recovery-codes.njk', { codes, next: step.nextPath, enrolled: true });
  }

  private signIn(reply: FastifyReply, result: LoginResult): void {
    setSessionCookie(reply, this.config, result.token, result.expiresAt);
    setKnownClientCookie(reply, this.config, result.knownClient);
    void reply.clearCookie(LOGIN_STEP_COOKIE, { path: '/connexion' });
    void reply.clearCookie(PRELOGIN_CSRF_COOKIE, { path: '/connexion' });
  }

  private expired(reply: FastifyReply): void {
    void reply.clearCookie(LOGIN_STEP_COOKIE, { path: '/connexion' });
    void reply.redirect('/connexion?etape=expiree', 303);
  }

  private render(reply: FastifyReply, status: number, view: string, ctx: Record<string, unknown>): void {
    void reply.status(status).type(HTML).header('Cache-Control', 'no-store').send(this.views.render(view, ctx));
  }
}

import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Public } from '../auth/access.decorator';
import { newToken, sameSecret } from '../auth/tokens';
import { ViewsService } from '../web/views.service';
import { safeNext } from './accounts-web.controller';
import { AccountsService, RESET_ACCEPTED } from './accounts.service';
import { HTML } from '../../common/http/html';
import { FORM_REFUSED } from '../web/form';

/** Double-submit token of the public recovery forms, before any session exists (as for /connexion). */
const RECOVERY_CSRF_COOKIE = 'essaim_recovery_csrf';
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const HANDLED = new Set(['VALIDATION_FAILED', 'TOO_MANY_REQUESTS', 'ACCOUNT_LINK_INVALID']);

/** The pages behind the links of the account mails: confirm an address, ask for and choose a new password. */
@ApiExcludeController()
@Controller()
export class AccountRecoveryWebController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly views: ViewsService,
  ) {}

  @Get('inscription/envoyee')
  @Public()
  signUpSent(@Res() reply: FastifyReply): void {
    this.message(reply, 200, {
      title: 'Vérifiez votre messagerie',
      lead: "Si cette adresse peut être utilisée, un courriel vient de lui être envoyé. Ouvrez le lien qu'il contient pour activer votre compte, puis connectez-vous.",
      kind: 'info',
    });
  }

  @Get('compte/confirmer/:token')
  @Public()
  async confirm(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('suite') next?: string): Promise<void> {
    try {
      if (!TOKEN.test(token)) throw new DomainError('ACCOUNT_LINK_INVALID', 'Lien incomplet.');
      await this.accounts.verifyEmail(token, String(req.id));
      const suite = safeNext(next);
      void reply.redirect(`/connexion?inscription=ok${suite === '/accueil' ? '' : `&suite=${encodeURIComponent(suite)}`}`, 303);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'ACCOUNT_LINK_INVALID') throw e;
      this.message(reply, 400, {
        title: 'Lien de confirmation expiré',
        lead: "Ce lien n'est plus valable : il a déjà servi ou a expiré (48 heures). Si votre adresse est déjà confirmée, connectez-vous ; sinon, créez à nouveau votre compte avec la même adresse pour recevoir un nouveau lien.",
        kind: 'error',
      });
    }
  }

  @Get('mot-de-passe-oublie')
  @Public()
  forgotPage(@Res() reply: FastifyReply): void {
    this.form(reply, 200, 'accounts/forgot-password.njk', { email: '' });
  }

  @Post('mot-de-passe-oublie')
  @Public()
  async forgot(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>): Promise<void> {
    const email = typeof body?.email === 'string' ? body.email.trim().slice(0, 254) : '';
    if (!this.csrfOk(req, body))
      return this.form(reply, 403, 'accounts/forgot-password.njk', { email, error: 'Votre formulaire a expiré. Veuillez le valider à nouveau.' });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return this.form(reply, FORM_REFUSED, 'accounts/forgot-password.njk', {
        email,
        errors: [{ path: 'email', message: 'Adresse électronique invalide (format attendu : nom@domaine.fr).' }],
      });
    }
    try {
      await this.accounts.requestPasswordReset(email, req.ip, String(req.id));
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'TOO_MANY_REQUESTS') throw e;
      void reply.header('Retry-After', String(e.details.retryAfterSeconds ?? 60));
      return this.form(reply, 429, 'accounts/forgot-password.njk', { email, error: e.message });
    }
    this.message(reply, 200, { title: 'Vérifiez votre messagerie', lead: RESET_ACCEPTED, kind: 'info' });
  }

  @Get('mot-de-passe/nouveau/:token')
  @Public()
  async newPasswordPage(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    if (!TOKEN.test(token) || !(await this.accounts.resetLinkIsLive(token))) return this.expired(reply);
    this.form(reply, 200, 'accounts/new-password.njk', { token });
  }

  @Post('mot-de-passe/nouveau/:token')
  @Public()
  async newPassword(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    if (!this.csrfOk(req, body))
      return this.form(reply, 403, 'accounts/new-password.njk', { token, error: 'Votre formulaire a expiré. Veuillez le valider à nouveau.' });
    const password = typeof body?.password === 'string' ? body.password : '';
    try {
      if (!TOKEN.test(token)) throw new DomainError('ACCOUNT_LINK_INVALID', 'Lien incomplet.');
      await this.accounts.resetPassword(token, password, String(req.id));
      void reply.clearCookie(RECOVERY_CSRF_COOKIE, { path: '/' });
      void reply.redirect('/connexion?motdepasse=ok', 303);
    } catch (e) {
      if (!(e instanceof DomainError) || !HANDLED.has(e.code)) throw e;
      if (e.code === 'ACCOUNT_LINK_INVALID') return this.expired(reply);
      this.form(reply, FORM_REFUSED, 'accounts/new-password.njk', {
        token,
        errors: (e.details.errors ?? []).map((x) => ({ path: x.path, message: x.message })),
      });
    }
  }

  private expired(reply: FastifyReply): void {
    this.message(reply, 400, {
      title: 'Lien expiré',
      lead: "Ce lien n'est plus valable : il a déjà servi ou a expiré (une heure). Demandez-en un nouveau.",
      kind: 'error',
      link: { href: '/mot-de-passe-oublie', label: 'Demander un nouveau lien' },
    });
  }

  private csrfOk(req: FastifyRequest, body: Record<string, unknown>): boolean {
    return sameSecret(typeof body?._csrf === 'string' ? body._csrf : undefined, req.cookies[RECOVERY_CSRF_COOKIE]);
  }

  private form(
    reply: FastifyReply,
    status: number,
    template: string,
    ctx: { email?: string; token?: string; error?: string; errors?: { path: string; message: string }[] },
  ): void {
    const csrfToken = newToken();
    void reply.setCookie(RECOVERY_CSRF_COOKIE, csrfToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.auth.cookieSecure,
      path: '/',
      maxAge: 3600,
    });
    const errorList = ctx.errors ?? [];
    const errors = Object.fromEntries(errorList.map((e) => [e.path, e.message]));
    void reply
      .status(status)
      .type(HTML)
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .send(this.views.render(template, { ...ctx, csrfToken, errors, errorList }));
  }

  private message(
    reply: FastifyReply,
    status: number,
    ctx: { title: string; lead: string; kind: 'info' | 'error'; link?: { href: string; label: string } },
  ): void {
    void reply.status(status).type(HTML).header('Cache-Control', 'no-store').send(this.views.render('accounts/message.njk', ctx));
  }
}

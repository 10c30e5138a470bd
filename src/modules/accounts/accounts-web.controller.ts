import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Public } from '../auth/access.decorator';
import { newToken, sameSecret } from '../auth/tokens';
import { errorsByPath, validateForm } from '../web/form';
import { ViewsService } from '../web/views.service';
import { AccountsService } from './accounts.service';
import { CreateAccountDto } from './dto/create-account.dto';
import { HTML } from '../web/page-kit';
import { FORM_REFUSED } from '../web/form';

/** Double-submit token for the sign-up form, before any session exists (as `essaim_login_csrf` for /connexion). */
export const SIGNUP_CSRF_COOKIE = 'essaim_signup_csrf';
const HANDLED = new Set(['VALIDATION_FAILED', 'TOO_MANY_REQUESTS']);

/** Same-site paths only (no open redirect); the same rule as the login form's `suite`. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/accueil';
}

interface SignUpView {
  next: string;
  values?: { email?: string; displayName?: string };
  errors?: FieldError[];
  error?: string;
}

@ApiExcludeController()
@Controller('inscription')
export class AccountsWebController {
  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Public()
  page(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('suite') next?: string): void {
    if (req.auth) return void reply.redirect(safeNext(next), 303);
    this.render(reply, 200, { next: safeNext(next) });
  }

  @Post()
  @Public()
  async submit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, unknown>): Promise<void> {
    const next = safeNext(body?.suite);
    const values = { email: text(body?.email, 254), displayName: text(body?.displayName, 100) };
    if (!sameSecret(typeof body?._csrf === 'string' ? body._csrf : undefined, req.cookies[SIGNUP_CSRF_COOKIE])) {
      return this.render(reply, 403, { next, values, error: 'Votre formulaire a expiré. Veuillez le valider à nouveau.' });
    }
    const { value, errors } = await validateForm(CreateAccountDto, body, ({ suite: _suite, ...raw }) => raw);
    if (errors.length) return this.render(reply, FORM_REFUSED, { next, values, errors });
    try {
      await this.accounts.signUp(value, req.ip, String(req.id), next === '/accueil' ? '' : next);
    } catch (e) {
      if (!(e instanceof DomainError) || !HANDLED.has(e.code)) throw e;
      if (e.code === 'TOO_MANY_REQUESTS') void reply.header('Retry-After', String(e.details.retryAfterSeconds ?? 60));
      const status = e.code === 'VALIDATION_FAILED' ? FORM_REFUSED : 429;
      return this.render(reply, status, {
        next,
        values,
        errors: e.details.errors,
        error: e.code === 'TOO_MANY_REQUESTS' ? e.message : undefined,
      });
    }
    void reply.clearCookie(SIGNUP_CSRF_COOKIE, { path: '/inscription' });
    void reply.redirect('/inscription/envoyee', 303);
  }

  private render(reply: FastifyReply, status: number, view: SignUpView): void {
    const csrfToken = newToken();
    void reply.setCookie(SIGNUP_CSRF_COOKIE, csrfToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.auth.cookieSecure,
      path: '/inscription',
      maxAge: 3600,
    });
    const errors = view.errors ?? [];
    void reply
      .status(status)
      .type(HTML)
      .send(this.views.render('accounts/sign-up.njk', { ...view, csrfToken, errors: errorsByPath(errors), errorList: errors }));
  }
}

function text(v: unknown, max: number): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

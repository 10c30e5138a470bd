import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { Authenticated } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { ROLE_LABELS } from '../auth/roles';
import { SecondFactorService } from '../auth/second-factor/second-factor.service';
import { describeUserAgent } from '../auth/domain/user-agent';
import { AuthService } from '../auth/auth.service';
import { HTML, layoutContext } from '../web/page-kit';
import { ViewsService } from '../web/views.service';
import { DomainError } from '../../common/errors/domain-error';
import { frenchDateTime } from '../../common/fr';
import { NOTIFICATION_CATEGORIES } from '../mail/domain/notification-categories';
import { InboxService } from '../mail/inbox.service';
import { AccountsService } from './accounts.service';
import { FORM_REFUSED } from '../web/form';

const METHOD_LABELS = {
  PASSWORD: 'Mot de passe',
  PASSWORD_TOTP: 'Mot de passe et code',
  PASSWORD_RECOVERY_CODE: 'Mot de passe et code de secours',
  PROCONNECT: 'ProConnect',
} as const;

const NAV = [
  { href: '/accueil', label: 'Accueil' },
  { href: '/compte', label: 'Mon compte', current: true },
];

/**
 * « Mon compte »: who one is, the second factor (docs/security.md), which mails one receives and the in-app inbox
 * (docs/domain/notifications.md). Every page is about the signed-in person only.
 */
@ApiExcludeController()
@Controller('compte')
export class ProfileWebController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly inboxes: InboxService,
    private readonly secondFactor: SecondFactorService,
    private readonly auth: AuthService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Authenticated()
  async page(
    @CurrentAuth() auth: AuthContext,
    @Res() reply: FastifyReply,
    @Query('preferences') saved?: string,
    @Query('motdepasse') changed?: string,
  ): Promise<void> {
    this.send(reply, 200, 'accounts/profile.njk', auth, { ...(await this.profile(auth)), preferencesSaved: saved === 'ok', passwordChanged: changed === 'ok' });
  }

  /** Password change: the current one, then the new one twice; errors stay in the form (nothing typed is echoed back). */
  @Post('mot-de-passe')
  @Authenticated()
  async changePassword(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const field = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string).slice(0, 1024) : '');
    try {
      await this.accounts.changePassword(
        { ...actor, userId: auth.user.id },
        auth.sessionId,
        field('currentPassword'),
        field('newPassword'),
        field('confirmation'),
      );
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e;
      const errors = e.details.errors ?? [];
      return this.send(reply, FORM_REFUSED, 'accounts/profile.njk', auth, {
        ...(await this.profile(auth)),
        passwordErrors: errors,
        passwordError: Object.fromEntries(errors.map((x) => [x.path, x.message])),
      });
    }
    void reply.redirect('/compte?motdepasse=ok#mot-de-passe', 303);
  }

  @Get('double-authentification')
  @Authenticated()
  async enrolPage(@CurrentAuth() auth: AuthContext, @Res() reply: FastifyReply): Promise<void> {
    const enrolment = await this.secondFactor.pendingEnrolment(auth.user.id, auth.user.email);
    if (!enrolment) return void reply.redirect('/compte', 303);
    this.send(reply, 200, 'accounts/totp-enrol.njk', auth, { ...enrolment, action: '/compte/double-authentification' });
  }

  @Post('double-authentification')
  @Authenticated()
  async enrol(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const code = typeof body?.code === 'string' ? body.code.slice(0, 40) : '';
    const codes = await this.dataSource.transaction(async (em) => {
      const fresh = await this.secondFactor.confirmEnrolment(em, auth.user.id, code);
      if (fresh) await this.audit.record(em, actor, { action: 'auth.second_factor.enrolled', subjectType: 'user', subjectId: auth.user.id });
      return fresh;
    });
    if (!codes) {
      const enrolment = await this.secondFactor.pendingEnrolment(auth.user.id, auth.user.email);
      if (!enrolment) return void reply.redirect('/compte', 303);
      return this.send(reply, FORM_REFUSED, 'accounts/totp-enrol.njk', auth, {
        ...enrolment,
        action: '/compte/double-authentification',
        error: 'Code incorrect : saisissez le code à 6 chiffres affiché par l’application.',
      });
    }
    this.send(reply, 200, 'accounts/recovery-codes.njk', auth, { codes, next: '/compte', enrolled: true });
  }

  /** New recovery codes, given the current code (a stolen session alone cannot read them). */
  @Post('codes-de-secours')
  @Authenticated()
  async newCodes(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const code = typeof body?.code === 'string' ? body.code.slice(0, 40) : '';
    const codes = await this.dataSource.transaction(async (em) => {
      if (!(await this.secondFactor.check(em, auth.user.id, code))) return null;
      const fresh = await this.secondFactor.newRecoveryCodes(em, auth.user.id);
      await this.audit.record(em, actor, { action: 'auth.recovery_codes.renewed', subjectType: 'user', subjectId: auth.user.id });
      return fresh;
    });
    if (!codes)
      return this.send(reply, FORM_REFUSED, 'accounts/profile.njk', auth, { ...(await this.profile(auth)), codeError: 'Code incorrect ou déjà utilisé.' });
    this.send(reply, 200, 'accounts/recovery-codes.njk', auth, { codes, next: '/compte', enrolled: false });
  }

  /** Which optional mails the person receives; every message stays in the inbox whatever the choice. */
  @Post('notifications')
  @Authenticated()
  async savePreferences(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Body() body: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const chosen = ([] as unknown[]).concat(body?.parMail ?? []).filter((v): v is string => typeof v === 'string');
    const after = Object.fromEntries(NOTIFICATION_CATEGORIES.map(({ category }) => [category, chosen.includes(category)]));
    await this.dataSource.transaction(async (em) => {
      for (const [category, byMail] of Object.entries(after)) await this.inboxes.setPreference(em, auth.user.id, category, byMail);
      await this.audit.record(em, actor, { action: 'account.notification_preferences_changed', subjectType: 'user', subjectId: auth.user.id, after });
    });
    void reply.redirect('/compte?preferences=ok#notifications', 303);
  }

  @Get('messages')
  @Authenticated()
  async inbox(@CurrentAuth() auth: AuthContext, @Res() reply: FastifyReply): Promise<void> {
    const items = await this.inboxes.list(auth.user.id);
    this.send(reply, 200, 'accounts/inbox.njk', auth, {
      items: items.map((m) => ({
        id: m.id,
        subject: m.subject,
        unread: !m.readAt,
        mailed: m.status !== 'SKIPPED',
        createdAt: frenchDateTime(new Date(m.createdAt)),
      })),
      nav: [...NAV.map((n) => ({ ...n, current: false })), { href: '/compte/messages', label: 'Messages', current: true }],
    });
  }

  @Post('messages/lus')
  @Authenticated()
  async markAllRead(@CurrentAuth() auth: AuthContext, @Res() reply: FastifyReply): Promise<void> {
    await this.inboxes.markAllRead(auth.user.id);
    void reply.redirect('/compte/messages', 303);
  }

  @Get('messages/:id')
  @Authenticated()
  async message(@CurrentAuth() auth: AuthContext, @Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const m = await this.inboxes.open(auth.user.id, id);
    if (!m) throw new DomainError('NOT_FOUND', 'Message introuvable.');
    // The header's count was read before this message was marked read.
    const unread = Math.max(0, (auth.unread ?? 0) - (m.wasUnread ? 1 : 0));
    this.send(
      reply,
      200,
      'accounts/inbox-message.njk',
      { ...auth, unread },
      { message: { subject: m.subject, text: m.bodyText, mailed: m.status !== 'SKIPPED', createdAt: frenchDateTime(new Date(m.createdAt)) } },
    );
  }

  /** Ends one of one's own sessions (another device), or all the others at once (`autres`). */
  @Post('sessions/:ref/fin')
  @Authenticated()
  async endSession(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('ref') ref: string, @Res() reply: FastifyReply): Promise<void> {
    if (ref !== 'autres' && !/^[0-9a-f]{64}$/.test(ref)) throw new DomainError('NOT_FOUND', 'Session introuvable.');
    const ended = await this.dataSource.transaction(async (em) => {
      const n = await this.auth.revokeOwnSessions(em, auth.user.id, ref === 'autres' ? { allBut: auth.sessionId } : { id: ref });
      if (n)
        await this.audit.record(em, actor, {
          action: 'auth.sessions_revoked',
          subjectType: 'user',
          subjectId: auth.user.id,
          after: { sessionsEnded: n, own: ref === auth.sessionId },
        });
      return n;
    });
    if (ref !== 'autres' && !ended) throw new DomainError('NOT_FOUND', 'Session introuvable.');
    void reply.redirect(ref === auth.sessionId ? '/connexion' : '/compte#sessions', 303);
  }

  private async profile(auth: AuthContext): Promise<Record<string, unknown>> {
    const enrolled = await this.secondFactor.isEnrolled(auth.user.id);
    return {
      email: auth.user.email,
      displayName: auth.user.displayName,
      roles: auth.user.roles.map((r) => ROLE_LABELS[r]),
      notifications: await this.notificationChoices(auth.user.id),
      sessions: (await this.auth.liveSessions(auth.user.id)).map((x) => ({
        ref: x.id,
        current: x.id === auth.sessionId,
        client: describeUserAgent(x.userAgent),
        method: METHOD_LABELS[x.method],
        createdAt: frenchDateTime(new Date(x.createdAt)),
        lastSeenAt: frenchDateTime(new Date(x.lastSeenAt)),
      })),
      secondFactor: {
        enrolled,
        required: SecondFactorService.requiredFor(auth.user.roles),
        recoveryCodesLeft: enrolled ? await this.secondFactor.recoveryCodesLeft(auth.user.id) : 0,
      },
    };
  }

  private async notificationChoices(userId: string) {
    const prefs = await this.inboxes.preferences(userId);
    return NOTIFICATION_CATEGORIES.map((c) => ({ ...c, byMail: prefs[c.category] ?? true }));
  }

  private send(reply: FastifyReply, status: number, view: string, auth: AuthContext, ctx: Record<string, unknown>): void {
    void reply
      .status(status)
      .type(HTML)
      .header('Cache-Control', 'no-store')
      .send(this.views.render(view, { ...layoutContext(auth, NAV), ...ctx }));
  }
}

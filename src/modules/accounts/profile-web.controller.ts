import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { Authenticated } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { ROLE_LABELS } from '../auth/roles';
import { SecondFactorService } from '../auth/second-factor/second-factor.service';
import { HTML, layoutContext } from '../web/page-kit';
import { ViewsService } from '../web/views.service';

const NAV = [{ href: '/accueil', label: 'Accueil' }, { href: '/compte', label: 'Mon compte', current: true }];

/** « Mon compte »: who one is, the second factor (docs/security.md). Every page is about the signed-in person only. */
@ApiExcludeController()
@Controller('compte')
export class ProfileWebController {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly secondFactor: SecondFactorService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Authenticated()
  async page(@CurrentAuth() auth: AuthContext, @Res() reply: FastifyReply): Promise<void> {
    this.send(reply, 200, 'accounts/profile.njk', auth, await this.profile(auth));
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
  async enrol(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const code = typeof body?.code === 'string' ? body.code.slice(0, 40) : '';
    const codes = await this.dataSource.transaction(async (em) => {
      const fresh = await this.secondFactor.confirmEnrolment(em, auth.user.id, code);
      if (fresh) await this.audit.record(em, actor, { action: 'auth.second_factor.enrolled', subjectType: 'user', subjectId: auth.user.id });
      return fresh;
    });
    if (!codes) {
      const enrolment = await this.secondFactor.pendingEnrolment(auth.user.id, auth.user.email);
      if (!enrolment) return void reply.redirect('/compte', 303);
      return this.send(reply, 400, 'accounts/totp-enrol.njk', auth, { ...enrolment, action: '/compte/double-authentification', error: 'Code incorrect : saisissez le code à 6 chiffres affiché par l’application.' });
    }
    this.send(reply, 200, 'accounts/recovery-codes.njk', auth, { codes, next: '/compte', enrolled: true });
  }

  /** New recovery codes, given the current code (a stolen session alone cannot read them). */
  @Post('codes-de-secours')
  @Authenticated()
  async newCodes(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const code = typeof body?.code === 'string' ? body.code.slice(0, 40) : '';
    const codes = await this.dataSource.transaction(async (em) => {
      if (!(await this.secondFactor.check(em, auth.user.id, code))) return null;
      const fresh = await this.secondFactor.newRecoveryCodes(em, auth.user.id);
      await this.audit.record(em, actor, { action: 'auth.recovery_codes.renewed', subjectType: 'user', subjectId: auth.user.id });
      return fresh;
    });
    if (!codes) return this.send(reply, 400, 'accounts/profile.njk', auth, { ...(await this.profile(auth)), codeError: 'Code incorrect ou déjà utilisé.' });
    this.send(reply, 200, 'accounts/recovery-codes.njk', auth, { codes, next: '/compte', enrolled: false });
  }

  private async profile(auth: AuthContext): Promise<Record<string, unknown>> {
    const enrolled = await this.secondFactor.isEnrolled(auth.user.id);
    return {
      email: auth.user.email,
      displayName: auth.user.displayName,
      roles: auth.user.roles.map((r) => ROLE_LABELS[r]),
      secondFactor: { enrolled, required: SecondFactorService.requiredFor(auth.user.roles), recoveryCodesLeft: enrolled ? await this.secondFactor.recoveryCodesLeft(auth.user.id) : 0 },
    };
  }

  private send(reply: FastifyReply, status: number, view: string, auth: AuthContext, ctx: Record<string, unknown>): void {
    void reply.status(status).type(HTML).header('Cache-Control', 'no-store').send(this.views.render(view, { ...layoutContext(auth, NAV), ...ctx }));
  }
}

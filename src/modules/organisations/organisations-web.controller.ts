import { Body, Controller, Get, Header, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { errorsByPath, validateForm } from '../web/form';
import { ViewsService } from '../web/views.service';
import { organisationRights } from './domain/organisation-access';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { RegisterOrganisationDto } from './dto/register-organisation.dto';
import { InvitationsService } from './invitations.service';
import { CreateIdentityChangeDto } from './dto/identity-change.dto';
import { IdentityChangesService } from './identity-changes.service';
import { coerceOrganisationForm, ORGANISATION_LABELS, organisationFormValues, pageLayout } from './organisation-pages';
import { OrganisationsService } from './organisations.service';
import { frenchDateTime } from '../../common/fr';
import { HTML } from '../web/page-kit';
import { FORM_REFUSED } from '../web/form';

/** Carries a new invitation's token across the redirect that follows the form, to show its link once. */
const INVITATION_FLASH_COOKIE = 'essaim_invitation';
const FORM_ERRORS = new Set(['SIRET_TAKEN', 'PRECONDITION_FAILED', 'ALREADY_MEMBER', 'INVITATION_PENDING', 'IDENTITY_FROZEN']);

interface FormView {
  values: Record<string, string>;
  errors?: FieldError[];
  error?: string;
}

/** The applicant's organisation pages (/structures…); every rule is the API's, through the same services. */
@ApiExcludeController()
@Controller('structures')
export class OrganisationsWebController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identityChanges: IdentityChangesService,
    private readonly invitations: InvitationsService,
    private readonly organisations: OrganisationsService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Roles('APPLICANT')
  @Header('Content-Type', HTML)
  async list(@CurrentAuth() auth: AuthContext): Promise<string> {
    const { items } = await this.organisations.listMine(auth.user, { limit: 100 });
    return this.views.render('organisations/list.njk', { ...pageLayout(auth, '/structures'), organisations: items, labels: ORGANISATION_LABELS });
  }

  @Get('nouvelle')
  @Roles('APPLICANT')
  @Header('Content-Type', HTML)
  newForm(@CurrentAuth() auth: AuthContext): string {
    return this.renderForm(auth, null, { values: {} });
  }

  @Post()
  @Roles('APPLICANT')
  async register(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const values = organisationFormValues(body as Record<string, unknown>);
    const { value, errors } = await validateForm(RegisterOrganisationDto, body, coerceOrganisationForm);
    if (errors.length) return this.sendHtml(reply, FORM_REFUSED, this.renderForm(auth, null, { values, errors }));
    try {
      const org = await this.organisations.register(auth.user, actor, value);
      void reply.redirect(`/structures/${org.id}`, 303);
    } catch (e) {
      assertFormRefusal(e);
      this.sendHtml(reply, FORM_REFUSED, this.renderForm(auth, null, { values, errors: (e as DomainError).details.errors, error: (e as DomainError).message }));
    }
  }

  @Get(':id')
  @Authenticated()
  async show(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const flashed = req.cookies[INVITATION_FLASH_COOKIE];
    if (flashed) void reply.clearCookie(INVITATION_FLASH_COOKIE, { path: `/structures/${id}` });
    this.sendHtml(reply, 200, await this.renderDetails(auth, id, { flashedToken: flashed }));
  }

  @Post(':id/invitations')
  @Roles('APPLICANT')
  async invite(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { value, errors } = await validateForm(CreateInvitationDto, body);
    const email = typeof (body as Record<string, unknown>)?.email === 'string' ? String((body as Record<string, unknown>).email).slice(0, 254) : '';
    if (errors.length) return this.sendHtml(reply, FORM_REFUSED, await this.renderDetails(auth, id, { inviteEmail: email, inviteErrors: errors }));
    try {
      const created = await this.invitations.create(auth.user, actor, id, value.email);
      const token = created.link.slice(created.link.lastIndexOf('/') + 1);
      void reply.setCookie(INVITATION_FLASH_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.auth.cookieSecure,
        path: `/structures/${id}`,
        maxAge: 300,
      });
      void reply.redirect(`/structures/${id}#invitation-creee`, 303);
    } catch (e) {
      assertFormRefusal(e);
      this.sendHtml(reply, FORM_REFUSED, await this.renderDetails(auth, id, { inviteEmail: email, inviteErrors: (e as DomainError).details.errors }));
    }
  }

  @Post(':id/invitations/:invitationId/revoquer')
  @Roles('APPLICANT')
  async revoke(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('invitationId') invitationId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.invitations.revoke(auth.user, actor, id, invitationId);
    void reply.redirect(`/structures/${id}#invitations`, 303);
  }

  /** An owner removes a member (docs/security.md); the last owner cannot be removed, which the page says. */
  @Post(':id/membres/:userId/retirer')
  @Roles('APPLICANT')
  async removeMember(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.organisations.removeMember(auth.user, actor, id, userId);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'BUSINESS_RULE_VIOLATED') throw e;
      return this.sendHtml(reply, 422, await this.renderDetails(auth, id, { memberError: e.message }));
    }
    void reply.redirect(`/structures/${id}#membres`, 303);
  }

  /** The owner asks for a legal-identity change (docs/security.md); refusals are shown on the page. */
  @Post(':id/identite')
  @Roles('APPLICANT')
  async requestIdentityChange(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const text = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string).trim() : '');
    const raw = {
      siret: text('siret').replace(/\s/g, '') || undefined,
      legalName: text('legalName') || undefined,
      legalForm: text('legalForm') || undefined,
      reason: text('reason'),
    };
    const { value, errors } = await validateForm(CreateIdentityChangeDto, body, () => raw);
    try {
      const [firstError] = errors;
      if (firstError) throw new DomainError('VALIDATION_FAILED', firstError.message, { errors });
      await this.identityChanges.request(auth.user, actor, id, value);
    } catch (e) {
      if (!(e instanceof DomainError) || !['VALIDATION_FAILED', 'IDENTITY_CHANGE_PENDING'].includes(e.code)) throw e;
      return this.sendHtml(reply, FORM_REFUSED, await this.renderDetails(auth, id, { identityError: e.message }));
    }
    void reply.redirect(`/structures/${id}#identite`, 303);
  }

  @Get(':id/modifier')
  @Roles('APPLICANT')
  async editForm(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const org = await this.organisations.manageable(auth.user, id);
    this.sendHtml(reply, 200, this.renderForm(auth, id, { values: organisationFormValues(org as unknown as Record<string, unknown>) }));
  }

  @Post(':id/modifier')
  @Roles('APPLICANT')
  async edit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.organisations.manageable(auth.user, id);
    const values = organisationFormValues(body as Record<string, unknown>);
    const { value, errors } = await validateForm(RegisterOrganisationDto, body, coerceOrganisationForm);
    if (errors.length) return this.sendHtml(reply, FORM_REFUSED, this.renderForm(auth, id, { values, errors }));
    try {
      await this.organisations.update(auth.user, actor, id, Number(values.version), value);
      void reply.redirect(`/structures/${id}`, 303);
    } catch (e) {
      const stale = assertFormRefusal(e);
      // Stale: show what is stored now, so that the person redoes the change knowingly.
      const shown = stale ? organisationFormValues((await this.organisations.get(auth.user, id)) as unknown as Record<string, unknown>) : values;
      this.sendHtml(
        reply,
        FORM_REFUSED,
        this.renderForm(auth, id, { values: shown, errors: (e as DomainError).details.errors, error: (e as DomainError).message }),
      );
    }
  }

  private renderForm(auth: AuthContext, id: string | null, view: FormView): string {
    const errors = view.errors ?? [];
    return this.views.render('organisations/form.njk', {
      ...pageLayout(auth, '/structures'),
      id,
      values: view.values,
      errors: errorsByPath(errors),
      errorList: errors.filter((e) => !view.error || e.message !== view.error),
      error: view.error,
      labels: ORGANISATION_LABELS,
    });
  }

  private async renderDetails(
    auth: AuthContext,
    id: string,
    extra: { flashedToken?: string; inviteEmail?: string; inviteErrors?: FieldError[]; memberError?: string; identityError?: string },
  ): Promise<string> {
    const org = await this.organisations.get(auth.user, id);
    const members = await this.organisations.members(auth.user, id);
    const manage = organisationRights(auth.user.roles, org.myRole).manage;
    const invitations = manage ? (await this.invitations.list(auth.user, id)).filter((i) => i.status === 'PENDING') : [];
    const created = manage && extra.flashedToken ? await this.invitations.justCreated(id, extra.flashedToken) : null;
    return this.views.render('organisations/details.njk', {
      ...pageLayout(auth, '/structures'),
      organisation: org,
      members,
      manage,
      invitations: invitations.map((i) => ({ ...i, expiresAtText: frenchDateTime(new Date(i.expiresAt)) })),
      created: created && { ...created, expiresAtText: frenchDateTime(created.expiresAt) },
      inviteEmail: extra.inviteEmail ?? '',
      memberError: extra.memberError ?? null,
      identityError: extra.identityError ?? null,
      identityChanges: (await this.identityChanges.listForOrganisation(auth.user, id)).map((r) => ({
        ...r,
        requestedAtText: frenchDateTime(new Date(r.requestedAt)),
        statusLabel: { PENDING: 'En attente', APPROVED: 'Approuvée', REFUSED: 'Refusée' }[r.status],
      })),
      inviteErrors: errorsByPath(extra.inviteErrors ?? []),
      labels: ORGANISATION_LABELS,
    });
  }

  private sendHtml(reply: FastifyReply, status: number, html: string): void {
    void reply.status(status).type(HTML).send(html);
  }
}

/** A form-level refusal is shown on the page (422); returns whether it is a stale version. Anything else goes to the error page. */
function assertFormRefusal(e: unknown): boolean {
  if (!(e instanceof DomainError) || !FORM_ERRORS.has(e.code)) throw e;
  return e.code === 'PRECONDITION_FAILED';
}

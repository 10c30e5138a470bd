import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { GeneratedDocumentsView } from '../../documents/generated-documents.view';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { errorsByPath, FORM_REFUSED, validateForm } from '../../web/form';
import { attempt } from '../../web/page-errors';
import { ViewsService } from '../../web/views.service';
import { ApplicationQueriesRepository } from '../application-queries.repository';
import { ApplicationViews } from '../application-view.service';
import { ApplicationsRepository } from '../applications.repository';
import { CreateApplicationUseCase } from '../create-application.use-case';
import { CreateApplicationDto } from '../dto/create-application.dto';
import { WithdrawApplicationDto } from '../dto/submit-application.dto';
import { ListApplicationsUseCase } from '../list-applications.query';
import { WithdrawApplicationUseCase } from '../withdraw-application.use-case';
import { dossierModel } from '../../web/dossier-model';
import { euros, statusBadgeClass } from '../../web/format';
import { targetRows } from '../../web/indicator-targets-view';
import { HTML, pageContext } from './page-context';
import { frenchDateTime } from '../../../common/fr';

type Form = Record<string, string | string[]>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The applicant's pages: « Mes dossiers », starting a dossier from a call, a dossier's overview, withdrawal. */
@ApiExcludeController()
@Controller()
@Roles('APPLICANT')
export class ApplicationPagesController {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly creating: CreateApplicationUseCase,
    private readonly generatedDocuments: GeneratedDocumentsView,
    private readonly listing: ListApplicationsUseCase,
    private readonly queries: ApplicationQueriesRepository,
    private readonly views: ViewsService,
    private readonly viewsOfApplications: ApplicationViews,
    private readonly withdrawing: WithdrawApplicationUseCase,
  ) {}

  @Get('dossiers')
  @Header('Content-Type', HTML)
  async list(@CurrentAuth() auth: AuthContext, @Query('apres') cursor?: string): Promise<string> {
    const page = await this.listing.list(auth.user, { mine: 'true', limit: 50, cursor: cursor && /^[A-Za-z0-9_-]{10,200}$/.test(cursor) ? cursor : undefined });
    const calls = await this.queries.openCalls(new Date());
    return this.views.render('applications/list.njk', {
      ...pageContext(auth),
      items: page.items.map((i) => ({
        ...i,
        statusBadge: statusBadgeClass(i.status),
        euRequestedText: euros(i.euRequestedCents),
        updatedAtText: frenchDateTime(i.updatedAt),
      })),
      nextCursor: page.nextCursor,
      openCalls: calls.map((c) => ({ ...c, closesAtText: frenchDateTime(c.closesAt) })),
    });
  }

  @Get('appels/:callId/deposer')
  @Header('Content-Type', HTML)
  async newForm(@CurrentAuth() auth: AuthContext, @Param('callId', ParseUUIDPipe) callId: string): Promise<string> {
    return this.renderNew(auth, callId, {}, []);
  }

  @Post('appels/:callId/deposer')
  async create(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('callId', ParseUUIDPipe) callId: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = { organisationId: one(body?.organisationId), title: one(body?.title) };
    const { value, errors } = await validateForm(CreateApplicationDto, body, () => ({
      callId,
      organisationId: values.organisationId,
      title: values.title || undefined,
    }));
    if (errors.length)
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.renderNew(auth, callId, values, errors));
    try {
      const created = await this.creating.create(auth.user, actor, value);
      void reply.redirect(`/dossiers/${created.id}`, 303);
    } catch (e) {
      if (!(e instanceof DomainError) || !['CALL_CLOSED', 'NOT_FOUND'].includes(e.code)) throw e;
      void reply
        .status(e.code === 'CALL_CLOSED' ? FORM_REFUSED : 404)
        .type(HTML)
        .send(await this.renderNew(auth, callId, values, [{ path: 'organisationId', code: e.code, message: e.message }]));
    }
  }

  @Get('dossiers/:id')
  @Header('Content-Type', HTML)
  async overview(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('depose') justSubmitted?: string,
    @Query('redepose') resubmitted?: string,
    @Query('ajournement') postponement?: string,
  ): Promise<string> {
    const view = await this.viewsOfApplications.get(auth.user, id);
    const generatedDocuments = await this.generatedDocuments.forApplication(auth.user, id);
    // Read once `get` has authorised the dossier: the targets sent with it, in the summary of what was submitted.
    const targets = view.status === 'DRAFT' ? [] : await this.applications.indicatorTargets(id);
    return this.views.render('applications/overview.njk', {
      ...pageContext(auth),
      d: dossierModel(view, 'overview'),
      targetRows: targetRows(targets),
      justSubmitted: justSubmitted === '1',
      // The resubmission form (admissibility/_applicant-complements.njk) carries its idempotency key, generated with the page.
      resubmitted: resubmitted === '1',
      resubmitKey: randomUUID(),
      // The answer to a postponement (committee/_applicant-postponement.njk): its outcome, from the redirect.
      postponement: postponement === 'repondu' || postponement === 'erreur' ? postponement : null,
      generatedDocuments,
      // The receipt is produced by the worker after the submission: the block follows it live (live-status.js).
      documentsStatusUrl: `/documents/dossiers/${id}/etat`,
    });
  }

  @Get('dossiers/:id/retirer')
  @Header('Content-Type', HTML)
  async withdrawForm(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.renderWithdraw(auth, id, '', []);
  }

  @Post('dossiers/:id/retirer')
  async withdraw(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const reason = one(body?.reason);
    const { errors } = await validateForm(WithdrawApplicationDto, body, () => ({ reason }));
    if (errors.length)
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.renderWithdraw(auth, id, reason, errors));
    const refusal = await attempt(() => this.withdrawing.withdraw(auth.user, actor, id, reason));
    // A refused withdrawal (the dossier moved on meanwhile) is said on the form, the reason typed kept.
    if (refusal)
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.renderWithdraw(auth, id, reason, refusal.errors));
    void reply.redirect(`/dossiers/${id}`, 303);
  }

  private async renderNew(auth: AuthContext, callId: string, values: Record<string, string>, errors: FieldError[]): Promise<string> {
    const call = await this.applications.findCall(callId);
    if (!call || call.status !== 'PUBLISHED' || call.publishedVersion === null)
      throw new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas ou n'est pas publié.");
    const organisations = await this.queries.organisationsOf(auth.user.id);
    return this.views.render('applications/new.njk', {
      ...pageContext(auth),
      call: { ...call, closesAtText: frenchDateTime(call.closesAt), open: call.opensAt <= new Date() && new Date() < call.closesAt },
      organisations: organisations.map((o) => ({ value: o.id, text: `${o.legalName} — SIRET ${o.siret}` })),
      values: { organisationId: values.organisationId ?? (organisations.length === 1 ? (organisations[0]?.id ?? '') : ''), title: values.title ?? '' },
      errors,
      fieldErrors: errorsByPath(errors),
    });
  }

  private async renderWithdraw(auth: AuthContext, id: string, reason: string, errors: FieldError[]): Promise<string> {
    const view = await this.viewsOfApplications.get(auth.user, id);
    return this.views.render('applications/withdraw.njk', {
      ...pageContext(auth),
      d: dossierModel(view, 'overview'),
      reason,
      errors,
      fieldErrors: errorsByPath(errors),
    });
  }
}

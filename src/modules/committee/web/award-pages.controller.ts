import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import type { FieldError } from '../../../common/errors/domain-error';
import { versionFromIfMatch } from '../../../common/http/etag';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ORGANISATION_READERS } from '../../auth/roles';
import { HTML } from '../../web/page-kit';
import { pageLayout } from '../../web/page-layout';
import { type Form, formVersion } from '../../web/section-forms';
import { pageFailure, sendHtml } from '../../web/staff-page';
import { FORM_REFUSED } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { AwardProposalService } from '../award-proposal.service';
import { awardPageModel, revisedPlanFromForm } from './award-page';
import { committeeLayout } from './committee-views';

const NOTICES: Record<string, string> = {
  acceptee: 'Vous avez accepté la proposition du comité : votre plan révisé est enregistré et la convention attributive est en cours d’établissement.',
  refusee: 'Vous avez refusé la proposition du comité : votre renonciation à l’aide est enregistrée.',
};

/** The beneficiary's page of a reduced award (accept with a revised plan, or refuse), same service as the API. */
@ApiExcludeController()
@Controller('dossiers/:id/proposition')
@Roles('APPLICANT')
export class AwardPagesController {
  constructor(
    private readonly proposals: AwardProposalService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('reponse') answer?: string): Promise<string> {
    return this.render(auth, id, { notice: NOTICES[answer ?? ''] ?? null });
  }

  @Post('accepter')
  async accept(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.proposals.get(auth.user, id);
    const parsed = revisedPlanFromForm(body ?? {}, view.retainedPlan.lines.length);
    if (parsed.errors.length) return sendHtml(reply, FORM_REFUSED, await this.render(auth, id, { errors: parsed.errors, echo: parsed.echo }));
    try {
      await this.proposals.accept(auth.user, actor, id, versionFromIfMatch(formVersion(body)), parsed.input);
    } catch (e) {
      const failure = pageFailure(e);
      return sendHtml(reply, failure.status, await this.render(auth, id, { errors: failure.errors, alert: failure.alert, echo: parsed.echo }));
    }
    void reply.redirect(`/dossiers/${id}/proposition?reponse=acceptee`, 303);
  }

  @Post('refuser')
  async refuse(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const reason = typeof body?.motif === 'string' ? body.motif : '';
    try {
      await this.proposals.refuse(auth.user, actor, id, versionFromIfMatch(formVersion(body)), reason);
    } catch (e) {
      const failure = pageFailure(e);
      return sendHtml(reply, failure.status, await this.render(auth, id, { errors: failure.errors, alert: failure.alert, echo: { motif: reason } }));
    }
    void reply.redirect(`/dossiers/${id}/proposition?reponse=refusee`, 303);
  }

  private async render(
    auth: AuthContext,
    id: string,
    opts: { errors?: FieldError[]; alert?: string | null; notice?: string | null; echo?: Record<string, string> | null },
  ): Promise<string> {
    const view = await this.proposals.get(auth.user, id);
    return this.views.render('committee/award-proposal.njk', {
      ...pageLayout(auth, '/accueil'),
      ...awardPageModel(view, { staff: false, echo: opts.echo ?? null, errors: opts.errors ?? [] }),
      alert: opts.alert ?? null,
      notice: opts.notice ?? null,
    });
  }
}

/** The instructor's and programme manager's read-only view of a reduced award and its answer. */
@ApiExcludeController()
@Controller('comite/dossiers/:id/proposition')
@Roles(...ORGANISATION_READERS)
export class AwardStaffPagesController {
  constructor(
    private readonly proposals: AwardProposalService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.render(auth, id, null);
  }

  @Post('constater')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async lapse(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.proposals.lapse(auth.user, actor, id, versionFromIfMatch(formVersion(body)));
    } catch (e) {
      const failure = pageFailure(e);
      return sendHtml(reply, failure.status, await this.render(auth, id, failure.alert ?? failure.errors.map((x) => x.message).join(' ')));
    }
    void reply.redirect(`/comite/dossiers/${id}/proposition`, 303);
  }

  private async render(auth: AuthContext, id: string, alert: string | null): Promise<string> {
    const view = await this.proposals.get(auth.user, id);
    return this.views.render('committee/award-proposal-staff.njk', {
      ...committeeLayout(auth, '/comite'),
      ...awardPageModel(view, { staff: true }),
      lapsable: view.lapsable,
      alert,
    });
  }
}

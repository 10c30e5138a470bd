import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCreatedResponse, ApplicationListPageResponse, ApplicationResponse, ApplicationSubmittedResponse } from './dto/application.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { ApplicationViews, type ApplicationView } from './application-view.service';
import { CreateApplicationUseCase } from './create-application.use-case';
import { Article15Dto } from './dto/article15.dto';
import { CreateApplicationDto } from './dto/create-application.dto';
import { FinancingPlanDto } from './dto/financing-plan.dto';
import { ListApplicationsQuery } from './dto/list-applications.query';
import { ProjectDto } from './dto/project.dto';
import { SubmitApplicationDto, WithdrawApplicationDto } from './dto/submit-application.dto';
import { etagOf } from '../../common/http/etag';
import { type ApplicationListPage, ListApplicationsUseCase } from './list-applications.query';
import { SubmitApplicationUseCase } from './submit-application.use-case';
import { UpdateApplicationUseCase } from './update-application.use-case';
import { WithdrawApplicationUseCase } from './withdraw-application.use-case';

const IF_MATCH = { name: 'If-Match', required: true, description: 'ETag lu avec le dossier, par exemple "3" (428 s\'il manque, 412 s\'il est périmé)' };
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Dossiers. A dossier is created with `POST /api/v1/applications` { callId, organisationId } (kept under this module's
 * path rather than under /calls). Applicants write their organisations' drafts; staff read submitted dossiers only.
 */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications')
export class ApplicationsController {
  constructor(
    private readonly creating: CreateApplicationUseCase,
    private readonly listing: ListApplicationsUseCase,
    private readonly submitting: SubmitApplicationUseCase,
    private readonly updating: UpdateApplicationUseCase,
    private readonly views: ApplicationViews,
    private readonly withdrawing: WithdrawApplicationUseCase,
  ) {}

  @ApiOperation({ summary: 'Créer un dossier de candidature en brouillon pour un appel' })
  @Post()
  @Roles('APPLICANT')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Facultatif : rejouer la même requête renvoie la même réponse' })
  @ApiCreatedResponse({ type: ApplicationCreatedResponse, description: 'Le brouillon créé ; Location et ETag = version' })
  async create(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Body() dto: CreateApplicationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const r = await this.creating.create(auth.user, actor, dto, key);
    if (r.replayed) void reply.header('Idempotent-Replayed', 'true');
    void reply.status(r.status).header('Location', `/api/v1/applications/${r.id}`).header('ETag', etagOf(r.version)).type(JSON_TYPE).send(r.body);
  }

  @ApiOperation({ summary: 'Lister les dossiers visibles par le demandeur ou l’agent' })
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: ApplicationListPageResponse })
  list(@CurrentAuth() auth: AuthContext, @Query() q: ListApplicationsQuery): Promise<ApplicationListPage> {
    return this.listing.list(auth.user, q);
  }

  @ApiOperation({ summary: 'Lire un dossier de candidature' })
  @Get(':id')
  @Authenticated()
  @ApiOkResponse({
    type: ApplicationResponse,
    description: 'Le dossier, son plan de financement calculé, ses manques, ses pièces et son historique ; ETag = version',
  })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationView> {
    return this.withEtag(reply, await this.views.get(auth.user, id));
  }

  @ApiOperation({ summary: 'Enregistrer la description du projet' })
  @Put(':id/project')
  @Roles('APPLICANT')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationResponse })
  async putProject(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: ProjectDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationView> {
    await this.updating.updateProject(auth.user, actor, id, ifMatch, dto);
    return this.withEtag(reply, await this.views.get(auth.user, id));
  }

  @ApiOperation({ summary: 'Enregistrer les réponses sur l’innovation sociale (article 15 du règlement FSE+)' })
  @Put(':id/article15')
  @Roles('APPLICANT')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationResponse })
  async putArticle15(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: Article15Dto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationView> {
    await this.updating.updateArticle15(auth.user, actor, id, ifMatch, dto);
    return this.withEtag(reply, await this.views.get(auth.user, id));
  }

  @ApiOperation({ summary: 'Enregistrer le plan de financement (dépenses et ressources)' })
  @Put(':id/financing-plan')
  @Roles('APPLICANT')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationResponse })
  async putFinancingPlan(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: FinancingPlanDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationView> {
    await this.updating.updateFinancingPlan(auth.user, actor, id, ifMatch, dto);
    return this.withEtag(reply, await this.views.get(auth.user, id));
  }

  @ApiOperation({ summary: 'Déposer le dossier (numéro attribué, instantané figé)' })
  @Post(':id/submit')
  @Roles('APPLICANT')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Obligatoire (UUID v4 conseillé, 255 caractères au plus) : même clé et même corps → même réponse',
  })
  @ApiOkResponse({ type: ApplicationSubmittedResponse, description: 'Dossier déposé : numéro AAP-<année>-<6 chiffres>' })
  async submit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: SubmitApplicationDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const r = await this.submitting.submit(auth.user, actor, id, dto, key);
    if (r.replayed) void reply.header('Idempotent-Replayed', 'true');
    void reply.status(r.status).type(JSON_TYPE).send(r.body);
  }

  @ApiOperation({ summary: 'Retirer un dossier' })
  @Post(':id/withdraw')
  @Roles('APPLICANT')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async withdraw(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawApplicationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationView> {
    await this.withdrawing.withdraw(auth.user, actor, id, dto.reason);
    return this.withEtag(reply, await this.views.get(auth.user, id));
  }

  private withEtag(reply: FastifyReply, view: ApplicationView): ApplicationView {
    void reply.header('ETag', etagOf(view.version));
    return view;
  }
}

import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CommitteeDecisionResponse,
  CommitteeSessionResponse,
  CommitteeSessionSummaryResponse,
  ReserveOfferWithEnvelopeResponse,
} from './dto/committee.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { HttpProblemException } from '../../common/errors/http-problem.exception';
import { etagOf } from '../../common/http/etag';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { STAFF_ROLES } from '../auth/roles';
import { CALL_ID } from '../calls/call-id.pipe';
import { CommitteeAgendaUseCase } from './committee-agenda.use-case';
import { CommitteeDecisionsUseCase, type RecordedDecision } from './committee-decisions.use-case';
import { CommitteeSessionsService, type SessionSummary } from './committee-sessions.service';
import { CommitteeViewService, type SessionDetail } from './committee-view.service';
import { CreateSessionDto } from './dto/create-session.dto';
import { DecisionDto, PresenceDto, RecusalDto } from './dto/session-actions.dto';

const notFound = () => new HttpProblemException('NOT_FOUND', "Cette ressource n'existe pas ou ne vous est pas accessible.");
const ID = new ParseUUIDPipe({ exceptionFactory: notFound });
const MANAGERS = ['PROGRAMME_MANAGER', 'ADMINISTRATOR'] as const;

/** Programming committee (docs/domain/committee.md): sessions, agenda, presence, recusals, decisions, reserve offer. */
@ApiTags('committee')
@ApiBearerAuth()
@Controller('api/v1')
export class CommitteeController {
  constructor(
    private readonly agenda: CommitteeAgendaUseCase,
    private readonly decisions: CommitteeDecisionsUseCase,
    private readonly sessions: CommitteeSessionsService,
    private readonly views: CommitteeViewService,
  ) {}

  @ApiOperation({ summary: 'Créer une séance du comité de programmation' })
  @Post('calls/:id/committee-sessions')
  @Roles(...MANAGERS)
  @ApiCreatedResponse({ type: CommitteeSessionResponse, description: 'The new PLANNED session' })
  async create(
    @Param('id', CALL_ID) callId: string,
    @Body() dto: CreateSessionDto,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDetail> {
    const id = await this.sessions.create(callId, dto, actor);
    void reply.header('Location', `/api/v1/committee-sessions/${id}`);
    return this.tagged(reply, await this.views.detail(auth.user, id));
  }

  @ApiOperation({ summary: "Lister les séances de comité d'un appel" })
  @Get('calls/:id/committee-sessions')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: [CommitteeSessionSummaryResponse], description: 'Sessions of the call (managers: all; other staff: those they sit on)' })
  list(@Param('id', CALL_ID) callId: string, @CurrentAuth() auth: AuthContext): Promise<SessionSummary[]> {
    return this.sessions.list(auth.user, callId);
  }

  @ApiOperation({ summary: 'Lire une séance de comité, son ordre du jour et ses décisions' })
  @Get('committee-sessions/:id')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: CommitteeSessionResponse, description: 'Members, quorum, agenda with decisions and recusals, envelope, reserve offer' })
  async get(@Param('id', ID) id: string, @CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionDetail> {
    return this.tagged(reply, await this.views.detail(auth.user, id));
  }

  @ApiOperation({ summary: "Enregistrer la présence d'un membre à la séance" })
  @Put('committee-sessions/:id/members/:userId/presence')
  @Roles(...MANAGERS)
  @HttpCode(204)
  @ApiNoContentResponse()
  async presence(
    @Param('id', ID) id: string,
    @Param('userId', ID) userId: string,
    @Body() dto: PresenceDto,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.sessions.setPresence(auth.user, actor, id, userId, dto.present);
  }

  @ApiOperation({ summary: "Arrêter l'ordre du jour de la séance" })
  @Post('committee-sessions/:id/agenda')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOkResponse({ type: CommitteeSessionResponse, description: 'Agenda frozen from the ranking; the dossiers are IN_COMMITTEE' })
  async freeze(
    @Param('id', ID) id: string,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDetail> {
    await this.agenda.freeze(auth.user, actor, id);
    return this.tagged(reply, await this.views.detail(auth.user, id));
  }

  @ApiOperation({ summary: 'Ouvrir la séance' })
  @Post('committee-sessions/:id/open')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOkResponse({ type: CommitteeSessionResponse, description: 'Opened; 409 QUORUM_NOT_REACHED with the counts otherwise' })
  async open(
    @Param('id', ID) id: string,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDetail> {
    await this.sessions.open(auth.user, actor, id);
    return this.tagged(reply, await this.views.detail(auth.user, id));
  }

  @ApiOperation({ summary: 'Clore la séance' })
  @Post('committee-sessions/:id/close')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOkResponse({ type: CommitteeSessionResponse, description: 'Closed once every item is decided; the minutes are requested' })
  async close(
    @Param('id', ID) id: string,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDetail> {
    await this.sessions.close(auth.user, actor, id);
    return this.tagged(reply, await this.views.detail(auth.user, id));
  }

  @ApiOperation({ summary: "Enregistrer le déport d'un membre sur un dossier" })
  @Put('committee-sessions/:id/items/:applicationId/recusals/:userId')
  @Roles(...STAFF_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The member leaves the item; declaring again changes nothing' })
  async recuse(
    @Param('id', ID) id: string,
    @Param('applicationId', ID) applicationId: string,
    @Param('userId', ID) userId: string,
    @Body() dto: RecusalDto,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.decisions.recuse(auth.user, actor, id, applicationId, userId, dto.reason);
  }

  @ApiOperation({ summary: 'Enregistrer la décision du comité sur un dossier' })
  @Post('committee-sessions/:id/items/:applicationId/decision')
  @Roles(...STAFF_ROLES)
  @ApiHeader({ name: 'If-Match', required: true, description: "ETag de la séance lue (412 si une décision ou un déport l'a changée, 428 s'il manque)" })
  @ApiCreatedResponse({ type: CommitteeDecisionResponse, description: 'Decision recorded, dossier moved to PROGRAMMED, REFUSED or POSTPONED' })
  decide(
    @Param('id', ID) id: string,
    @Param('applicationId', ID) applicationId: string,
    @Body() dto: DecisionDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
  ): Promise<RecordedDecision> {
    return this.decisions.decide(auth.user, actor, id, applicationId, dto, ifMatch);
  }

  @ApiOperation({ summary: 'Dossiers en réserve qui tiennent dans ce qui reste de l’enveloppe' })
  @Get('committee-sessions/:id/reserve-offer')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: ReserveOfferWithEnvelopeResponse, description: 'Reserve dossiers that now fit in what remains of the envelope' })
  reserveOffer(@Param('id', ID) id: string, @CurrentAuth() auth: AuthContext) {
    return this.views.reserveOffer(auth.user, id);
  }

  private tagged(reply: FastifyReply, detail: SessionDetail): SessionDetail {
    void reply.header('ETag', etagOf(detail.version));
    return detail;
  }
}

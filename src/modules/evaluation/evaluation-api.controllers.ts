import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireCallClosed } from '../calls/call-closure.guard';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AutoAssignResponse,
  CallEvaluationGridResponse,
  CallRankingResponse,
  DossierEvaluationsResponse,
  EvaluationDeclarationResponse,
  EvaluationSheetResponse,
  EvaluationSummaryResponse,
  MyEvaluationsResponse,
  PanelAssignmentResponse,
  PanelMemberResponse,
} from './dto/evaluation.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { HttpProblemException } from '../../common/errors/http-problem.exception';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { Roles } from '../auth/access.decorator';
import { CurrentActor, CurrentAuth, type AuthContext } from '../auth/auth-context';
import { EvaluationGridDto } from '../calls/dto/create-call.dto';
import { ConsensusService } from './consensus.service';
import {
  AddPanelMemberDto,
  AssignDto,
  assertRecordValues,
  AutoAssignDto,
  ConsensusDto,
  DeclarationDto,
  ReasonDto,
  ReopenDto,
  ScoresDto,
  SimulateDto,
} from './dto/evaluation.dto';
import { EvaluationAccess } from './evaluation-access';
import { GridService } from './grid.service';
import { PanelService } from './panel.service';
import { RankingService } from './ranking.service';
import { ScoringService } from './scoring.service';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag read, e.g. "3"' };
const ID = new ParseUUIDPipe({ exceptionFactory: () => new HttpProblemException('NOT_FOUND', "Cette ressource n'existe pas ou ne vous est pas accessible.") });

/** The grid of a call, editable while the call is a draft. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1/calls/:id')
export class CallEvaluationController {
  constructor(
    private readonly grids: GridService,
    private readonly panel: PanelService,
    private readonly ranking: RankingService,
    private readonly access: EvaluationAccess,
    private readonly dataSource: DataSource,
  ) {}

  @ApiOperation({ summary: "Lire la grille d'évaluation de l'appel" })
  @Get('evaluation-grid')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR', 'MANAGING_AUTHORITY')
  @ApiOkResponse({ type: CallEvaluationGridResponse })
  async grid(@Param('id', ID) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.grids.get(id);
    void reply.header('ETag', etagOf(view.version));
    return view;
  }

  @ApiOperation({ summary: "Enregistrer la grille d'évaluation de l'appel" })
  @Put('evaluation-grid')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CallEvaluationGridResponse })
  async putGrid(
    @Param('id', ID) id: string,
    @Body() dto: EvaluationGridDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.grids.put(id, dto, versionFromIfMatch(ifMatch), actor);
    void reply.header('ETag', etagOf(view.version));
    return view;
  }

  @ApiOperation({ summary: "Lister les évaluateurs du jury de l'appel" })
  @Get('panel/members')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @ApiOkResponse({ type: [PanelMemberResponse] })
  members(@Param('id', ID) id: string) {
    return this.panel.members(id);
  }

  @ApiOperation({ summary: 'Ajouter un évaluateur au jury' })
  @Post('panel/members')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @ApiCreatedResponse({ type: [PanelMemberResponse] })
  addMember(@Param('id', ID) id: string, @Body() dto: AddPanelMemberDto, @CurrentActor() actor: Actor) {
    return this.panel.addMember(id, dto.userId, dto.role, actor);
  }

  @ApiOperation({ summary: 'Retirer un évaluateur du jury' })
  @Delete('panel/members/:userId')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @HttpCode(204)
  async removeMember(@Param('id', ID) id: string, @Param('userId', ID) userId: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.panel.removeMember(id, userId, actor);
  }

  @ApiOperation({ summary: 'Lister les affectations des dossiers aux évaluateurs' })
  @Get('panel/assignments')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @ApiOkResponse({ type: [PanelAssignmentResponse] })
  assignments(@Param('id', ID) id: string) {
    return this.panel.assignments(id);
  }

  @ApiOperation({ summary: 'Affecter un dossier à un évaluateur' })
  @Post('panel/assignments')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @ApiCreatedResponse({ type: PanelAssignmentResponse })
  assign(@Param('id', ID) id: string, @Body() dto: AssignDto, @CurrentActor() actor: Actor) {
    return this.panel.assign(id, dto, actor);
  }

  @ApiOperation({ summary: 'Répartir automatiquement les dossiers entre les évaluateurs' })
  @Post('panel/assignments/auto')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: AutoAssignResponse })
  autoAssign(@Param('id', ID) id: string, @Body() dto: AutoAssignDto, @CurrentActor() actor: Actor) {
    return this.panel.autoAssign(id, dto.evaluatorsPerDossier, actor);
  }

  @ApiOperation({ summary: "Classement des dossiers de l'appel" })
  @Get('ranking')
  @Roles('PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR', 'EVALUATOR')
  @ApiOkResponse({ type: CallRankingResponse })
  async rank(@Param('id', ID) id: string, @CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    await this.access.forRanking(auth.user, id);
    await requireCallClosed(this.dataSource, id);
    // The JSON text as computed (or cached against the rows' fingerprint): sent as is, not serialised again.
    void reply.header('Content-Type', 'application/json; charset=utf-8');
    return this.ranking.rankCallJson(id);
  }

  /** A what-if: computed like the ranking, stores nothing. */
  @ApiOperation({ summary: 'Simuler le classement avec d’autres seuils' })
  @Post('ranking/simulate')
  @Roles('PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR', 'EVALUATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: CallRankingResponse })
  async simulate(@Param('id', ID) id: string, @Body() dto: SimulateDto, @CurrentAuth() auth: AuthContext) {
    await this.access.forRanking(auth.user, id);
    await requireCallClosed(this.dataSource, id);
    assertRecordValues('thresholds.criteria', dto.thresholds?.criteria, 'integer', true);
    return this.ranking.rankCall(id, { envelopeCents: dto.envelopeCents, fillRemainder: dto.fillRemainder, thresholds: dto.thresholds });
  }
}

/** The evaluator's sheets. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1/evaluations')
export class EvaluationsController {
  constructor(private readonly scoring: ScoringService) {}

  @ApiOperation({ summary: 'Lister mes évaluations à faire' })
  @Get()
  @Roles('EVALUATOR')
  @ApiOkResponse({ type: [MyEvaluationsResponse] })
  mine(@CurrentAuth() auth: AuthContext) {
    return this.scoring.mine(auth.user);
  }

  @ApiOperation({ summary: "Déclarer l'absence ou l'existence d'un conflit d'intérêts" })
  @Put(':applicationId/declaration')
  @Roles('EVALUATOR')
  @ApiOkResponse({ type: EvaluationDeclarationResponse })
  declare(@Param('applicationId', ID) id: string, @Body() dto: DeclarationDto, @CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor) {
    return this.scoring.declare(auth.user, id, dto.conflict, dto.details, actor);
  }

  @ApiOperation({ summary: "Lever le conflit d'intérêts déclaré par un évaluateur" })
  @Post(':applicationId/declarations/:evaluatorId/waiver')
  @Roles('EVALUATOR')
  @HttpCode(204)
  async waive(
    @Param('applicationId', ID) id: string,
    @Param('evaluatorId', ID) evaluatorId: string,
    @Body() dto: ReasonDto,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.scoring.waive(auth.user, id, evaluatorId, dto.reason, actor);
  }

  @ApiOperation({ summary: "Lire ma fiche d'évaluation d'un dossier" })
  @Get(':applicationId')
  @Roles('EVALUATOR')
  @ApiOkResponse({ type: EvaluationSheetResponse })
  async sheet(@Param('applicationId', ID) id: string, @CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const sheet = await this.scoring.sheet(auth.user, id);
    void reply.header('ETag', etagOf(sheet.version));
    return sheet;
  }

  @ApiOperation({ summary: 'Enregistrer mes notes et commentaires' })
  @Put(':applicationId/scores')
  @Roles('EVALUATOR')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EvaluationSheetResponse })
  async scores(
    @Param('applicationId', ID) id: string,
    @Body() dto: ScoresDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const sheet = await this.scoring.saveScores(auth.user, id, dto.scores, versionFromIfMatch(ifMatch), actor);
    void reply.header('ETag', etagOf(sheet.version));
    return sheet;
  }

  @ApiOperation({ summary: "Valider ma fiche d'évaluation" })
  @Post(':applicationId/submit')
  @Roles('EVALUATOR')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EvaluationSheetResponse })
  async submit(
    @Param('applicationId', ID) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const sheet = await this.scoring.submit(auth.user, id, versionFromIfMatch(ifMatch), actor);
    void reply.header('ETag', etagOf(sheet.version));
    return sheet;
  }

  @ApiOperation({ summary: "Rouvrir une fiche d'évaluation validée" })
  @Post(':applicationId/reopen')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(204)
  async reopen(@Param('applicationId', ID) id: string, @Body() dto: ReopenDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.scoring.reopen(id, dto.evaluatorId, dto.reason, actor);
  }
}

/** Every evaluation of a dossier, its aggregates and the consensus. */
@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1/applications/:id')
export class DossierEvaluationController {
  constructor(private readonly consensus: ConsensusService) {}

  @ApiOperation({ summary: "Lister les évaluations d'un dossier" })
  @Get('evaluations')
  @Roles('PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR', 'EVALUATOR')
  @ApiOkResponse({ type: DossierEvaluationsResponse })
  evaluations(@Param('id', ID) id: string, @CurrentAuth() auth: AuthContext) {
    return this.consensus.evaluations(auth.user, id);
  }

  @ApiOperation({ summary: "Synthèse des évaluations d'un dossier" })
  @Get('evaluation-summary')
  @Roles('PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR', 'EVALUATOR')
  @ApiOkResponse({ type: EvaluationSummaryResponse })
  async summary(@Param('id', ID) id: string, @CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.consensus.summary(auth.user, id);
    void reply.header('ETag', etagOf(view.consensus?.version ?? 0));
    return view;
  }

  @ApiOperation({ summary: 'Enregistrer les notes de consensus du dossier' })
  @Put('consensus')
  @Roles('EVALUATOR')
  @ApiHeader({ ...IF_MATCH, description: 'The ETag of the evaluation summary ("0" before any consensus)' })
  @ApiOkResponse({ type: EvaluationSummaryResponse })
  async putConsensus(
    @Param('id', ID) id: string,
    @Body() dto: ConsensusDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertRecordValues('scores', dto.scores, 'integer');
    assertRecordValues('comments', dto.comments, 'string');
    const view = await this.consensus.record(auth.user, id, dto, versionFromIfMatch(ifMatch), actor);
    void reply.header('ETag', etagOf(view.consensus?.version ?? 0));
    return view;
  }
}

import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse, UPLOAD_MEDIA_TYPES } from '../files/api-file-response';
import { ExecutionReportResponse, ExecutionReportSubmittedResponse, ExpenditureFileResponse, ExpenditureLineCreatedResponse } from './dto/report.response';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf } from '../../common/http/etag';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { sendUpload } from '../files/send-upload';
import { FileStorage } from '../files/file-storage.service';
import { ExpenditureLineDto, PostponementDecisionDto, PostponementDto, UpdateReportDto } from './dto/report.dto';
import { ExecutionReportsService } from './execution-reports.service';
import { ExpenditureFilesUseCase } from './expenditure-files.use-case';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Execution reports (bilans): content, expenditure lines and their files, postponement, submission. */
@ApiTags('execution-reports')
@ApiBearerAuth()
@Controller('api/v1/execution-reports')
export class ExecutionReportsController {
  constructor(
    private readonly files: ExpenditureFilesUseCase,
    private readonly reports: ExecutionReportsService,
    private readonly storage: FileStorage,
  ) {}

  @ApiOperation({ summary: "Lire un rapport d'exécution" })
  @Get(':id')
  @Authenticated()
  @ApiOkResponse({
    type: ExecutionReportResponse,
    description: 'Le bilan, son état récapitulatif des dépenses face au plan, ses indicateurs face aux cibles ; ETag = version',
  })
  async get(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.reports.get(auth.user, id);
    void reply.header('ETag', etagOf(view.version));
    return view;
  }

  @ApiOperation({ summary: "Modifier un rapport d'exécution en brouillon" })
  @Put(':id')
  @Roles('APPLICANT')
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOkResponse({ type: ExecutionReportResponse })
  async update(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateReportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = await this.reports.update(auth.user, actor, id, ifMatch, dto);
    void reply.header('ETag', etagOf(version));
    return this.reports.get(auth.user, id);
  }

  @ApiOperation({ summary: 'Ajouter une ligne de dépense' })
  @Post(':id/expenditure-lines')
  @Roles('APPLICANT')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ExpenditureLineCreatedResponse })
  addLine(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ExpenditureLineDto) {
    return this.reports.addLine(auth.user, actor, id, dto);
  }

  @ApiOperation({ summary: 'Supprimer une ligne de dépense' })
  @Delete(':id/expenditure-lines/:lineId')
  @Roles('APPLICANT')
  @HttpCode(204)
  async removeLine(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
  ): Promise<void> {
    const keys = await this.reports.removeLine(auth.user, actor, id, lineId);
    for (const key of keys) await this.storage.remove(key);
  }

  @ApiOperation({ summary: 'Joindre un justificatif à une ligne de dépense (multipart, champ « file »)' })
  @Post(':id/expenditure-lines/:lineId/files')
  @Roles('APPLICANT')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ExpenditureFileResponse })
  upload(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Req() req: FastifyRequest,
  ) {
    return this.files.upload(auth.user, actor, id, lineId, req);
  }

  @ApiOperation({ summary: 'Télécharger un justificatif de dépense' })
  @Get(':id/expenditure-lines/:lineId/files/:fileId')
  @Authenticated()
  @ApiFileResponse({ description: 'Le justificatif, avec son type de fichier', mediaTypes: UPLOAD_MEDIA_TYPES })
  async download(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { file, stream } = await this.files.open(auth.user, id, lineId, fileId);
    sendUpload(reply, { originalName: file.originalName, mediaType: file.mediaType, sizeBytes: file.sizeBytes }, stream);
  }

  @ApiOperation({ summary: "Demander le report de l'échéance du rapport" })
  @Post(':id/postponement')
  @Roles('APPLICANT')
  @HttpCode(204)
  async postpone(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PostponementDto,
  ): Promise<void> {
    await this.reports.requestPostponement(auth.user, actor, id, dto);
  }

  @ApiOperation({ summary: 'Accepter ou refuser une demande de report' })
  @Post(':id/postponement/decision')
  @Roles('INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @HttpCode(204)
  async decidePostponement(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PostponementDecisionDto,
  ): Promise<void> {
    await this.reports.decidePostponement(auth.user, actor, id, dto);
  }

  @ApiOperation({ summary: "Déposer le rapport d'exécution" })
  @Post(':id/submit')
  @Roles('APPLICANT')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Obligatoire : même clé → même réponse' })
  @ApiOkResponse({ type: ExecutionReportSubmittedResponse, description: 'Rapport déposé ; son PDF est demandé au worker' })
  async submit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const r = await this.reports.submit(auth.user, actor, id, key);
    if (r.replayed) void reply.header('Idempotent-Replayed', 'true');
    void reply.status(r.status).type(JSON_TYPE).send(r.body);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse } from '../files/api-file-response';
import { DocumentRequestedResponse } from '../documents/dto/document.response';
import { ParticipantCreatedResponse, ParticipantImportResponse, ParticipantListResponse } from './dto/participant.response';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { templateCsv } from './domain/import-table';
import { ParticipantDto, ParticipantRefDto } from './dto/participant.dto';
import { ParticipantsExport } from './participants-export.service';
import { ParticipantsService } from './participants.service';

/** Participants of an operation (personal data: members and the dossier's instructor; pseudonymous export for staff). */
@ApiTags('participants')
@ApiBearerAuth()
@Controller('api/v1')
export class ParticipantsController {
  constructor(
    private readonly exporter: ParticipantsExport,
    private readonly participants: ParticipantsService,
  ) {}

  @ApiOperation({ summary: 'Lister les participants déclarés dans le rapport' })
  @Get('execution-reports/:id/participants')
  @Authenticated()
  @ApiOkResponse({ type: ParticipantListResponse })
  list(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string) {
    return this.participants.list(auth.user, id);
  }

  @ApiOperation({ summary: 'Déclarer un participant' })
  @Post('execution-reports/:id/participants')
  @Roles('APPLICANT')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ParticipantCreatedResponse })
  add(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ParticipantDto) {
    return this.participants.add(auth.user, actor, id, dto);
  }

  @Put('execution-reports/:id/participants/:participantId')
  @Roles('APPLICANT')
  @ApiOperation({ summary: 'Correct one participant of a draft report (members of the operation)' })
  @ApiOkResponse({ type: ParticipantRefDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('participantId', ParseUUIDPipe) participantId: string,
    @Body() dto: ParticipantDto,
  ) {
    return this.participants.update(auth.user, actor, id, participantId, dto);
  }

  @ApiOperation({ summary: 'Retirer un participant déclaré' })
  @Delete('execution-reports/:id/participants/:participantId')
  @Roles('APPLICANT')
  @HttpCode(204)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('participantId', ParseUUIDPipe) participantId: string,
  ): Promise<void> {
    await this.participants.remove(auth.user, actor, id, participantId);
  }

  @ApiOperation({ summary: 'Importer des participants depuis un fichier CSV ou XLSX' })
  @Post('execution-reports/:id/participants/import')
  @Roles('APPLICANT')
  @HttpCode(201)
  @ApiCreatedResponse({ type: ParticipantImportResponse })
  import(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest) {
    return this.participants.import(auth.user, actor, id, req);
  }

  @ApiOperation({ summary: "Télécharger le modèle de fichier d'import des participants" })
  @Get('participants/import-template')
  @Authenticated()
  @ApiFileResponse({ description: 'Modèle CSV (UTF-8 avec BOM)', mediaTypes: ['text/csv'], text: true })
  template(@Res() reply: FastifyReply): void {
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="modele-participants.csv"')
      .send(`\ufeff${templateCsv()}`);
  }

  @ApiOperation({ summary: "Demander la notice d'information des participants (PDF produit en tâche de fond)" })
  @Post('operations/:id/participant-notice')
  @Authenticated()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DocumentRequestedResponse })
  notice(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.participants.requestNotice(auth.user, actor, id);
  }

  @ApiOperation({ summary: "Exporter les participants d'une opération" })
  @Get('operations/:id/participants/export')
  @Roles('INSTRUCTOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR')
  @ApiFileResponse({ description: 'Participants au format CSV', mediaTypes: ['text/csv'], text: true })
  async export(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const csv = await this.exporter.csv(auth.user, id);
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="participants-pseudonymises.csv"')
      .send(csv);
  }
}

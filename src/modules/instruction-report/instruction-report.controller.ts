import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InstructionReportViewResponse } from './dto/instruction-report.response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { INSTRUCTION_STAFF } from '../auth/roles';
import { InstructionReportDto } from './dto/instruction-report.dto';
import { type InstructionReportView, InstructionReportService } from './instruction-report.service';

/** The instruction report of a dossier and its proposed financing plan. Instruction staff only. */
@ApiTags('instruction-report')
@ApiBearerAuth()
@Controller('api/v1/applications/:id/instruction-report')
@Roles(...INSTRUCTION_STAFF)
export class InstructionReportController {
  constructor(private readonly reports: InstructionReportService) {}

  @ApiOperation({ summary: "Lire le rapport d'instruction du dossier" })
  @Get()
  @ApiOkResponse({
    type: InstructionReportViewResponse,
    description: 'Le rapport (ou null), les versions du plan et leurs écarts ligne à ligne ; ETag = version du rapport ("0" avant la première rédaction)',
  })
  async get(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<InstructionReportView> {
    return tagged(reply, await this.reports.get(id));
  }

  @ApiOperation({ summary: "Enregistrer le rapport d'instruction en cours" })
  @Put()
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag lu avec le rapport ("0" pour le créer)' })
  @ApiOkResponse({ type: InstructionReportViewResponse })
  async put(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: InstructionReportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstructionReportView> {
    return tagged(reply, await this.reports.write(auth.user, actor, id, versionFromIfMatch(ifMatch), dto));
  }

  @ApiOperation({ summary: "Valider le rapport d'instruction" })
  @Post('submit')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true, description: "ETag du rapport relu avant validation (412 s'il a changé, 428 s'il manque)" })
  @ApiOkResponse({ type: InstructionReportViewResponse, description: 'Le dossier passe « Instruit »' })
  async submit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstructionReportView> {
    return tagged(reply, await this.reports.submit(auth.user, actor, id, versionFromIfMatch(ifMatch)));
  }
}

function tagged(reply: FastifyReply, view: InstructionReportView): InstructionReportView {
  void reply.header('ETag', etagOf(view.version));
  return view;
}

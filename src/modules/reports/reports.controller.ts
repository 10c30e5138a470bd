import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFileResponse } from '../files/api-file-response';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { attachmentDisposition } from '../files/domain/content-disposition';
import { extensionOf } from './domain/report-kinds';
import { CreateReportDto } from './dto/create-report.dto';
import { ListReportsQuery, ReportListResponse, ReportResponse } from './dto/report.response';
import { ReportsService } from './reports.service';

/** Funding reports and exports for the managing authority (docs/domain/reports.md), generated asynchronously by the worker. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Roles('MANAGING_AUTHORITY', 'ADMINISTRATOR')
  @HttpCode(202)
  @ApiOperation({ summary: 'Demander un rapport ou un export (généré par le worker)' })
  @ApiAcceptedResponse({ type: ReportResponse, description: 'Demande enregistrée, génération en file.' })
  @ApiOkResponse({ type: ReportResponse, description: 'Une demande identique est déjà en cours : la même est renvoyée, rien de plus n’est généré.' })
  async request(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Body() dto: CreateReportDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportResponse> {
    const { report, created } = await this.reports.request(dto, auth.user, actor);
    void reply.header('Location', `/api/v1/reports/${report.id}`);
    if (!created) void reply.status(200);
    return report;
  }

  @Get()
  @Roles('MANAGING_AUTHORITY', 'ADMINISTRATOR', 'PROGRAMME_MANAGER')
  @ApiOperation({ summary: 'Rapports demandés, les plus récents d’abord (paginé)' })
  @ApiOkResponse({ type: ReportListResponse })
  list(@CurrentAuth() auth: AuthContext, @Query() query: ListReportsQuery): Promise<ReportListResponse> {
    return this.reports.list(auth.user, query);
  }

  @Get(':id')
  @Roles('MANAGING_AUTHORITY', 'ADMINISTRATOR', 'PROGRAMME_MANAGER')
  @ApiOperation({ summary: 'Un rapport et son état' })
  @ApiOkResponse({ type: ReportResponse })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<ReportResponse> {
    return this.reports.get(id, auth.user);
  }

  @ApiOperation({ summary: 'Télécharger un export produit (CSV ou XLSX)' })
  @Get(':id/content')
  @Roles('MANAGING_AUTHORITY', 'ADMINISTRATOR', 'PROGRAMME_MANAGER')
  @ApiFileResponse({
    description: 'Le fichier produit, selon le format demandé',
    mediaTypes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf'],
  })
  async content(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { report, mediaType, stream } = await this.reports.open(id, auth.user, actor);
    void reply
      .header('Content-Type', mediaType)
      .header('Content-Length', String(report.sizeBytes))
      .header('Content-Disposition', attachmentDisposition(report.fileName, extensionOf(report.format)))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .header('Repr-Digest', `sha-256=:${Buffer.from(report.sha256 ?? '', 'hex').toString('base64')}:`)
      .send(stream);
  }
}

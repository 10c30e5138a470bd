import { Body, Controller, Get, Header, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { errorsByPath, FORM_REFUSED, summaryLinks, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { CreateReportDto } from '../dto/create-report.dto';
import { ReportExportsRepository } from '../report-exports.repository';
import { REPORT_PRIORITY, ReportsService } from '../reports.service';
import { type FormValues, reportRow, reportsPageModel } from './reports-page.model';
import { liveStatus } from '../../web/live-status';
import { HTML } from '../../web/page-kit';

const PATH = '/autorite-de-gestion/rapports';
type FormBody = Record<string, string | string[]>;

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** The managing authority's page: request a report, see past requests (refresh for their status), download them. */
@ApiExcludeController()
@Controller('autorite-de-gestion/rapports')
export class ReportsPagesController {
  constructor(
    private readonly exports: ReportExportsRepository,
    private readonly reports: ReportsService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Roles('MANAGING_AUTHORITY', 'ADMINISTRATOR', 'PROGRAMME_MANAGER')
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Query('statut') statut?: string): Promise<string> {
    return this.render(auth, { values: { type: 'FUNDING_REPORT', format: 'PDF', callId: '' }, errors: [], requested: statut === 'demande' });
  }

  /** The table of requested reports, polled by live-status.js while one is being prepared (same roles as the page). */
  @Get('etat')
  @Roles('MANAGING_AUTHORITY', 'ADMINISTRATOR', 'PROGRAMME_MANAGER')
  @Header('Cache-Control', 'no-store')
  async status(@CurrentAuth() auth: AuthContext) {
    return liveStatus((await this.reports.list(auth.user)).items.map(reportRow));
  }

  @Post()
  @Roles('MANAGING_AUTHORITY', 'ADMINISTRATOR')
  async request(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() body: FormBody, @Res() reply: FastifyReply): Promise<void> {
    // The page sends one choice `rapport` = « TYPE:FORMAT »; `type` and `format` apart are read too (same DTO as the API).
    const [type, format] = one(body?.rapport) ? one(body?.rapport).split(':') : [one(body?.type), one(body?.format)];
    const values: FormValues = { type: type ?? '', format: format ?? '', callId: one(body?.callId) };
    const parsed = await validateForm(CreateReportDto, body, (raw) => ({
      type: values.type,
      format: values.format,
      ...(one(raw.callId) ? { callId: one(raw.callId) } : {}),
    }));
    let errors: FieldError[] = parsed.errors;
    if (!errors.length) {
      try {
        await this.reports.request(parsed.value, auth.user, actor);
        return void reply.redirect(`${PATH}?statut=demande`, 303);
      } catch (e) {
        if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e;
        errors = e.details.errors ?? [];
      }
    }
    void reply
      .status(FORM_REFUSED)
      .type(HTML)
      .send(await this.render(auth, { values, errors, requested: false }));
  }

  private async render(auth: AuthContext, form: { values: FormValues; errors: FieldError[]; requested: boolean }): Promise<string> {
    const [calls, reports] = await Promise.all([this.exports.listCalls(REPORT_PRIORITY), this.reports.list(auth.user).then((p) => p.items)]);
    return this.views.render('reports/index.njk', {
      ...reportsPageModel(auth, { calls, reports, values: form.values }),
      errors: summaryLinks(form.errors, (path) => (path === 'type' || path === 'format' ? 'rapport' : path)),
      fieldErrors: errorsByPath(form.errors),
      requested: form.requested,
    });
  }
}

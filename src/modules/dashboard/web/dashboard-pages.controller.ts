import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { publicLayout } from '../../web/public-layout';
import { ViewsService } from '../../web/views.service';
import { DASHBOARD_ROLES } from '../dashboard.controller';
import { DashboardService } from '../dashboard.service';
import { isFigureId } from '../domain/dashboard';
import { parseScope } from '../domain/dashboard-scope';
import { figureCsv } from '../domain/figure-csv';
import { dashboardPageModel } from './dashboard-page.model';
import { HTML } from '../../../common/http/html';
import { FORM_REFUSED, summaryLinks } from '../../web/form';

const one = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').trim();
const PATHS: Record<string, string> = { from: 'du', to: 'au', callId: 'appel' };

/** The managing authority's dashboard page: indicators, charts each with its data table, CSV of every figure. */
@ApiExcludeController()
@Controller('tableau-de-bord')
export class DashboardPagesController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Roles(...DASHBOARD_ROLES)
  async page(@Req() req: FastifyRequest, @Query() qs: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const values = { du: one(qs?.du), au: one(qs?.au), appel: one(qs?.appel) };
    const { scope, errors } = parseScope({ from: values.du, to: values.au, callId: values.appel });
    const pageErrors: FieldError[] = errors.map((e) => ({ ...e, path: PATHS[e.path] ?? e.path }));
    const [d, calls] = await Promise.all([this.dashboard.dashboard(scope), this.dashboard.calls()]);
    const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v)).toString();
    const html = this.views.render('dashboard/index.njk', {
      ...publicLayout(req.auth, '/tableau-de-bord'),
      values,
      errors: summaryLinks(pageErrors, (path) => (Object.values(PATHS).includes(path) ? path : 'form-periode')),
      fieldErrors: Object.fromEntries(pageErrors.map((e) => [e.path, e.message])),
      calls: calls.map((c) => ({ value: c.id, text: `${c.reference} – ${c.title}` })),
      ...dashboardPageModel(d, query),
    });
    void reply
      .status(pageErrors.length ? FORM_REFUSED : 200)
      .type(HTML)
      .header('Cache-Control', 'private, no-store')
      .send(html);
  }

  @Get('export/:figure')
  @Roles(...DASHBOARD_ROLES)
  async csv(@Param('figure') figure: string, @Query() qs: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    if (!isFigureId(figure)) throw new DomainError('NOT_FOUND', 'Cette figure n’existe pas.');
    const scope = this.dashboard.scope({ from: one(qs?.du), to: one(qs?.au), callId: one(qs?.appel) });
    const table = (await this.dashboard.dashboard(scope)).figures[figure];
    void reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="tableau-de-bord-${figure}.csv"`)
      .header('Cache-Control', 'private, no-store')
      .send(figureCsv(table));
  }
}

import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../common/actor/actor';
import { formatEuros, formatRate } from '../../../common/money/cents';
import { Authenticated } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ROLE_LABELS } from '../../auth/roles';
import type { LineCategory } from '../../cofinancing/domain/cofinancing';
import { calendarDateFr } from '../../operations/domain/dates';
import { attempt, field, type PageRefusal } from '../../web/page-errors';
import { ParticipantsService } from '../../participants/participants.service';
import { ViewsService } from '../../web/views.service';
import { ExecutionReportsService } from '../execution-reports.service';
import { ExpenditureFilesUseCase } from '../expenditure-files.use-case';

const HTML = 'text/html; charset=utf-8';
type Form = Record<string, string | string[] | undefined>;

export const CATEGORY_LABELS: Record<string, string> = {
  STAFF: 'Frais de personnel',
  OTHER_DIRECT: 'Autres coûts directs',
  EXTERNAL_SERVICES: 'Prestations externes',
  PARTICIPANTS: 'Dépenses liées aux participants',
  IN_KIND: 'Contributions en nature',
  FLAT_RATE: 'Coûts forfaitaires (calculés)',
};

/** The report editor (beneficiary) and its read-only view (staff): achievements, expenditure, participants, submission. */
@ApiExcludeController()
@Controller('bilans/:id')
@Authenticated()
export class ReportPagesController {
  constructor(
    private readonly files: ExpenditureFilesUseCase,
    private readonly pages: ViewsService,
    private readonly participants: ParticipantsService,
    private readonly reports: ExecutionReportsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('fait') done?: string): Promise<string> {
    return this.render(auth, id, null, done ?? null);
  }

  @Post('contenu')
  content(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Res() reply: FastifyReply) {
    const euros = field(body, 'resourceEuros');
    const resources = euros ? [{ type: field(body, 'resourceType') || 'PUBLIC', funderName: field(body, 'resourceFunder') || null, amountCents: eurosToCents(euros), receivedOn: null }] : [];
    return this.act(auth, id, reply, 'contenu', () =>
      this.reports.update(auth.user, actor, id, `"${field(body, 'version')}"`, { achievements: { done: field(body, 'done'), results: field(body, 'results'), difficulties: field(body, 'difficulties') }, resources }),
    );
  }

  @Post('lignes')
  line(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Res() reply: FastifyReply) {
    const hours = field(body, 'hours');
    const hourly = field(body, 'hourlyEuros');
    return this.act(auth, id, reply, 'ligne', () =>
      this.reports.addLine(auth.user, actor, id, {
        category: field(body, 'category') as LineCategory,
        label: field(body, 'label'),
        supplier: field(body, 'supplier'),
        documentRef: field(body, 'documentRef'),
        documentDate: field(body, 'documentDate'),
        incurredOn: field(body, 'incurredOn'),
        paidOn: field(body, 'paidOn') || null,
        amountHtCents: eurosToCents(field(body, 'amountHtEuros') || '0'),
        amountTtcCents: eurosToCents(field(body, 'amountTtcEuros') || field(body, 'amountHtEuros') || '0'),
        shareBp: Math.round(Number((field(body, 'sharePercent') || '100').replace(',', '.')) * 100),
        hoursCenti: hours ? eurosToCents(hours) : null,
        hourlyCostCents: hourly ? eurosToCents(hourly) : null,
      }),
    );
  }

  @Post('lignes/:lineId/pieces')
  upload(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('lineId', ParseUUIDPipe) lineId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.act(auth, id, reply, 'piece', () => this.files.upload(auth.user, actor, id, lineId, req));
  }

  @Post('participants')
  import(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.act(auth, id, reply, 'import', () => this.participants.import(auth.user, actor, id, req));
  }

  @Post('deposer')
  submit(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Res() reply: FastifyReply) {
    return this.act(auth, id, reply, 'depose', () => this.reports.submit(auth.user, actor, id, field(body, 'idempotencyKey')));
  }

  private async act(auth: AuthContext, id: string, reply: FastifyReply, done: string, action: () => Promise<unknown>): Promise<void> {
    const refusal = await attempt(action);
    if (refusal) return void reply.status(refusal.status).type(HTML).send(await this.render(auth, id, refusal, null));
    void reply.redirect(`/bilans/${id}?fait=${done}`, 303);
  }

  private async render(auth: AuthContext, id: string, refusal: PageRefusal | null, done: string | null): Promise<string> {
    const r = await this.reports.get(auth.user, id);
    const importErrors = (refusal?.errors ?? []).filter((e) => 'row' in e);
    return this.pages.render('execution-reports/page.njk', {
      user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((x) => ROLE_LABELS[x]) },
      csrfToken: auth.csrfToken,
      nav: [{ href: '/accueil', label: 'Accueil' }],
      r,
      categories: Object.entries(CATEGORY_LABELS).filter(([k]) => k !== 'FLAT_RATE').map(([value, text]) => ({ value, text })),
      categoryLabels: CATEGORY_LABELS,
      fmt: { euros: formatEuros, rate: formatRate, date: (d: string | null) => (d ? calendarDateFr(String(d).slice(0, 10)) : '—') },
      errors: importErrors.length ? [] : (refusal?.errors ?? []),
      importErrors,
      done,
      idempotencyKey: randomUUID(),
    });
  }
}

/** « 1 234,56 » → cents; anything else NaN (refused by the checks). */
function eurosToCents(v: string): number {
  const m = /^(\d{1,13})(?:[,.](\d{1,2}))?$/.exec(v.replace(/[\s\u00a0\u202f]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

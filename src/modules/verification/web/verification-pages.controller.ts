import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { formatEuros, formatRate } from '../../../common/money/cents';
import { frenchDateTime } from '../../../common/fr';
import { Authenticated, Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { FINANCE_STAFF } from '../../auth/finance-staff';
import { ROLE_LABELS } from '../../auth/roles';
import { calendarDateFr } from '../../operations/domain/dates';
import { attempt, field, type PageRefusal } from '../../web/page-errors';
import { ViewsService } from '../../web/views.service';
import { AnswerFilesUseCase } from '../answer-files.use-case';
import { CHECK_RESULT_LABELS, CHECK_RESULTS, CHECKLIST_ITEMS, CHECKLIST_LABELS, type CheckResult } from '../domain/checklist';
import { type LineDecision, REASON_CODES, REASON_LABELS, type ReasonCode } from '../domain/verification-outcome';
import { CATEGORY_LABELS } from '../render/verification-report.layout';
import { VerificationService } from '../verification.service';
import { HTML } from '../../../common/http/html';

type Form = Record<string, string | string[] | undefined>;

const fmt = {
  euros: formatEuros,
  rate: formatRate,
  date: (d: string | null) => (d ? calendarDateFr(String(d).slice(0, 10)) : '—'),
  dateTime: (d: Date | string | null) => (d ? frenchDateTime(new Date(d)) : '—'),
};

/** The verification workspace (instructor), its queue, and the beneficiary's contradictory answer page. */
@ApiExcludeController()
@Controller('verifications')
@Authenticated()
export class VerificationPagesController {
  constructor(
    private readonly files: AnswerFilesUseCase,
    private readonly pages: ViewsService,
    private readonly verifications: VerificationService,
  ) {}

  @Get()
  @Roles(...FINANCE_STAFF)
  @Header('Content-Type', HTML)
  async queue(@CurrentAuth() auth: AuthContext): Promise<string> {
    return this.pages.render('verification/queue.njk', { ...this.common(auth), rows: await this.verifications.queue(auth.user), fmt });
  }

  @Post('bilans/:reportId')
  @Roles(...FINANCE_STAFF)
  async open(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { id } = await this.verifications.open(auth.user, actor, reportId);
    void reply.redirect(`/verifications/${id}`, 303);
  }

  @Get(':id')
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('fait') done?: string): Promise<string> {
    return this.render(auth, id, null, done ?? null);
  }

  @Post(':id/decisions')
  @Roles(...FINANCE_STAFF)
  decide(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const retained = field(body, 'retainedEuros');
    return this.act(auth, id, reply, 'decision', () =>
      this.verifications.decide(auth.user, actor, id, `"${field(body, 'version')}"`, {
        decisions: [
          {
            lineId: field(body, 'lineId'),
            decision: field(body, 'decision') as LineDecision,
            retainedCents: retained ? eurosToCents(retained) : null,
            reasonCode: (field(body, 'reasonCode') || null) as ReasonCode | null,
            reasonText: field(body, 'reasonText') || null,
            comment: field(body, 'comment') || null,
          },
        ],
      }),
    );
  }

  @Post(':id/controles')
  @Roles(...FINANCE_STAFF)
  checklist(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const items = Object.fromEntries(
      CHECKLIST_ITEMS.map((i) => [i, { result: (field(body, `${i}.result`) || 'NOT_CHECKED') as CheckResult, comment: field(body, `${i}.comment`) || null }]),
    );
    return this.act(auth, id, reply, 'controles', () => this.verifications.saveChecklist(auth.user, actor, id, `"${field(body, 'version')}"`, { items }));
  }

  @Post(':id/contradictoire')
  @Roles(...FINANCE_STAFF)
  contradictory(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'contradictoire', () => this.verifications.sendContradictory(auth.user, actor, id, `"${field(body, 'version')}"`));
  }

  @Post(':id/finaliser')
  @Roles(...FINANCE_STAFF)
  finalise(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'finalise', () => this.verifications.finalise(auth.user, actor, id, `"${field(body, 'version')}"`));
  }

  @Post(':id/reponse')
  @Roles('APPLICANT')
  answer(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'reponse', () => this.verifications.answer(auth.user, actor, id, `"${field(body, 'version')}"`, field(body, 'comment')));
  }

  @Post(':id/reponse/pieces')
  @Roles('APPLICANT')
  upload(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'piece', () => this.files.upload(auth.user, actor, id, req));
  }

  private common(auth: AuthContext) {
    return {
      user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((x) => ROLE_LABELS[x]), unread: auth.unread ?? 0 },
      csrfToken: auth.csrfToken,
      nav: [{ href: '/accueil', label: 'Accueil' }],
    };
  }

  private async act(auth: AuthContext, id: string, reply: FastifyReply, done: string, action: () => Promise<unknown>): Promise<void> {
    const refusal = await attempt(action);
    if (refusal)
      return void reply
        .status(refusal.status)
        .type(HTML)
        .send(await this.render(auth, id, refusal, null));
    void reply.redirect(`/verifications/${id}?fait=${done}`, 303);
  }

  private async render(auth: AuthContext, id: string, refusal: PageRefusal | null, done: string | null): Promise<string> {
    const v = await this.verifications.get(auth.user, id);
    return this.pages.render('verification/page.njk', {
      ...this.common(auth),
      v,
      categoryLabels: CATEGORY_LABELS,
      reasons: REASON_CODES.map((value) => ({ value, text: REASON_LABELS[value] })),
      reasonLabels: REASON_LABELS,
      checklistItems: CHECKLIST_ITEMS.map((i) => ({ id: i, label: CHECKLIST_LABELS[i] })),
      checkResults: CHECK_RESULTS.map((value) => ({ value, text: CHECK_RESULT_LABELS[value] })),
      checkResultLabels: CHECK_RESULT_LABELS,
      fmt,
      errors: refusal?.errors ?? [],
      done,
    });
  }
}

/** « 1 234,56 » → cents; anything else NaN (refused by the checks). */
function eurosToCents(v: string): number {
  const m = /^(\d{1,13})(?:[,.](\d{1,2}))?$/.exec(v.replace(/[\s\u00a0\u202f]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

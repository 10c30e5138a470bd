import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { formatEuros } from '../../../common/money/cents';
import { Authenticated } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ROLE_LABELS } from '../../auth/roles';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../../applications/domain/application-status';
import { ViewsService } from '../../web/views.service';
import { calendarDateFr } from '../domain/dates';
import { OperationViews } from '../operation-view.service';
import { OperationsService } from '../operations.service';
import { attempt, field, type PageRefusal } from '../../web/page-errors';
import { HTML } from '../../../common/http/html';
import { targetRows } from '../../web/indicator-targets-view';

type Form = Record<string, string | string[] | undefined>;

/** The operation page (beneficiary and staff): timeline, convention signature, start, renunciation, reports, amendments. */
@ApiExcludeController()
@Controller('operations/:id')
@Authenticated()
export class OperationPagesController {
  constructor(
    private readonly operations: OperationsService,
    private readonly views: OperationViews,
    private readonly pages: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('fait') done?: string): Promise<string> {
    return this.render(auth, id, null, done ?? null);
  }

  @Post('signer')
  sign(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Res() reply: FastifyReply) {
    return this.act(auth, id, reply, 'signee', () => this.operations.sign(auth.user, actor, id, signature(body)));
  }

  @Post('contresigner')
  countersign(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'contresignee', () => this.operations.countersign(auth.user, actor, id, signature(body)));
  }

  @Post('demarrer')
  start(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const cents = field(body, 'firstExpensesEuros');
    return this.act(auth, id, reply, 'demarree', () =>
      this.operations.start(auth.user, actor, id, {
        actualStartDate: field(body, 'actualStartDate'),
        firstExpensesDate: field(body, 'firstExpensesDate') || null,
        firstExpensesCents: cents ? eurosToCents(cents) : null,
      }),
    );
  }

  @Post('renoncer')
  renounce(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'renoncee', () => this.operations.renounce(auth.user, actor, id, { reason: field(body, 'reason') }));
  }

  private async act(auth: AuthContext, id: string, reply: FastifyReply, done: string, action: () => Promise<unknown>): Promise<void> {
    const refusal = await attempt(action);
    if (refusal)
      return void reply
        .status(refusal.status)
        .type(HTML)
        .send(await this.render(auth, id, refusal, null));
    void reply.redirect(`/operations/${id}?fait=${done}`, 303);
  }

  private async render(auth: AuthContext, id: string, refusal: PageRefusal | null, done: string | null): Promise<string> {
    const op = await this.views.get(auth.user, id);
    return this.pages.render('operations/page.njk', {
      user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((r) => ROLE_LABELS[r]), unread: auth.unread ?? 0 },
      csrfToken: auth.csrfToken,
      nav: [{ href: '/accueil', label: 'Accueil' }, ...(op.can.act ? [{ href: '/dossiers', label: 'Mes dossiers' }] : [])],
      op,
      // The targets in force by the French label of each ESF+ indicator, the code as secondary information.
      targetRows: targetRows(op.indicatorTargets),
      statusLabel: APPLICATION_STATUS_LABELS[op.status as ApplicationStatus] ?? op.status,
      fmt: { euros: formatEuros, date: (d: string | null) => (d ? calendarDateFr(d.slice(0, 10)) : '—') },
      errors: refusal?.errors ?? [],
      done,
      today: new Date().toISOString().slice(0, 10),
    });
  }
}

function signature(body: Form) {
  return { signerName: field(body, 'signerName'), signerTitle: field(body, 'signerTitle'), documentSha256: field(body, 'documentSha256') };
}

/** « 1 234,56 » typed in a form → cents (digits only; a bad amount becomes NaN and is refused by the service). */
function eurosToCents(v: string): number {
  const m = /^(\d{1,13})(?:[,.](\d{1,2}))?$/.exec(v.replace(/[\s\u00a0\u202f]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

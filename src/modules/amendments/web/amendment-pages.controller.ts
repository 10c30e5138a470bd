import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Authenticated, Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ROLE_LABELS } from '../../auth/roles';
import { INDICATOR_LABELS, type IndicatorCode } from '../../participants/domain/indicators';
import { ALWAYS_TARGETED, type TargetInput } from '../../participants/domain/targets';
import { calendarDateFr } from '../../operations/domain/dates';
import { attempt, field } from '../../web/page-errors';
import { ViewsService } from '../../web/views.service';
import { AmendmentsService } from '../amendments.service';
import { HTML } from '../../../common/http/html';

type Form = Record<string, string | string[] | undefined>;
const PARTS = ['total', 'women', 'men', 'nonBinary'] as const;

/**
 * Amendment pages (docs/domain/execution.md): the beneficiary's request (extension, new indicator targets, reason) and
 * the page of one amendment with the instructor's decision. A new financing plan is requested through the API.
 */
@ApiExcludeController()
@Controller()
@Authenticated()
export class AmendmentPagesController {
  constructor(
    private readonly amendments: AmendmentsService,
    private readonly pages: ViewsService,
  ) {}

  @Get('operations/:id/avenant')
  @Roles('APPLICANT')
  @Header('Content-Type', HTML)
  requestPage(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.renderRequest(auth, id, {}, []);
  }

  @Post('operations/:id/avenant')
  @Roles('APPLICANT')
  async request(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = await this.amendments.requestContext(auth.user, id);
    const values = Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) ?? '']));
    const refusal = await attempt(async () => {
      const { targets, errors } = targetsFromForm(body ?? {}, ctx.codes);
      const newEndDate = field(body, 'newEndDate') || null;
      if (newEndDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(newEndDate))
        errors.push({ path: 'newEndDate', code: 'INVALID_DATE', message: 'Nouvelle date de fin : date invalide.' });
      if (!field(body, 'reason').trim()) errors.push({ path: 'reason', code: 'REQUIRED', message: 'Motivez la demande d’avenant.' });
      if (!newEndDate && targets.length === 0 && !errors.length)
        errors.push({ path: 'newEndDate', code: 'REQUIRED', message: 'Indiquez une nouvelle date de fin ou de nouvelles cibles.' });
      if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
      await this.amendments.request(auth.user, actor, id, { newEndDate, targets: targets.length ? targets : null, plan: null, reason: field(body, 'reason') });
    });
    if (refusal)
      return void reply
        .status(refusal.status)
        .type(HTML)
        .send(await this.renderRequest(auth, id, values, refusal.errors.map(toFormPath)));
    void reply.redirect(`/operations/${id}?fait=avenant-demande`, 303);
  }

  @Get('avenants/:id')
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<string> {
    return this.renderAmendment(auth, id, []);
  }

  @Post('avenants/:id/decision')
  @Roles('INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async decide(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const refusal = await attempt(async () => {
      const reason = field(body, 'decisionReason').trim();
      if (!reason)
        throw new DomainError('VALIDATION_FAILED', '1 champ invalide.', {
          errors: [{ path: 'decisionReason', code: 'REQUIRED', message: 'Motivez la décision.' }],
        });
      await this.amendments.decide(auth.user, actor, id, { accept: field(body, 'accept') === 'oui', reason });
    });
    if (refusal)
      return void reply
        .status(refusal.status)
        .type(HTML)
        .send(await this.renderAmendment(auth, id, refusal.errors));
    void reply.redirect(`/avenants/${id}?fait=decision`, 303);
  }

  private async renderRequest(auth: AuthContext, id: string, values: Record<string, string>, errors: FieldError[]): Promise<string> {
    const ctx = await this.amendments.requestContext(auth.user, id);
    return this.pages.render('amendments/request.njk', {
      ...this.layout(auth),
      ctx,
      indicators: ctx.codes.map((code) => ({ code, label: INDICATOR_LABELS[code as IndicatorCode] ?? code, breakdown: code === ALWAYS_TARGETED })),
      endDateText: ctx.endDate ? calendarDateFr(ctx.endDate) : '—',
      values,
      errors,
      fieldErrors: byPath(errors),
    });
  }

  private async renderAmendment(auth: AuthContext, id: string, errors: FieldError[]): Promise<string> {
    const a = await this.amendments.get(auth.user, id);
    return this.pages.render('amendments/amendment.njk', {
      ...this.layout(auth),
      a,
      newEndDateText: a.newEndDate ? calendarDateFr(a.newEndDate) : null,
      targets: (a.targets ?? []).map((t: TargetInput) => ({ ...t, label: INDICATOR_LABELS[t.code as IndicatorCode] ?? t.code })),
      errors,
      fieldErrors: byPath(errors),
    });
  }

  private layout(auth: AuthContext) {
    return {
      user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((r) => ROLE_LABELS[r]), unread: auth.unread ?? 0 },
      csrfToken: auth.csrfToken,
      nav: [{ href: '/accueil', label: 'Accueil' }],
    };
  }
}

/** New targets typed in the request form: an indicator left empty keeps its target. */
function targetsFromForm(body: Form, codes: readonly string[]): { targets: TargetInput[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const targets: TargetInput[] = [];
  for (const code of codes) {
    const read = (part: (typeof PARTS)[number]): number | null => {
      const raw = field(body, `${code}_${part}`).replace(/\s/g, '');
      if (raw === '') return null;
      if (!/^\d{1,8}$/.test(raw)) {
        errors.push({ path: `${code}_${part}`, code: 'INVALID_NUMBER', message: `${code} : un nombre entier positif ou nul est attendu.` });
        return null;
      }
      return Number(raw);
    };
    const [total = null, women = null, men = null, nonBinary = null] = PARTS.map(read);
    if (total !== null) targets.push({ code, total, women, men, nonBinary });
  }
  return { targets, errors };
}

/** The service's paths (`targets[0].total`, `newEndDate`) onto the form's inputs. */
function toFormPath(e: FieldError): FieldError {
  return /^targets/.test(e.path) ? { ...e, path: `${ALWAYS_TARGETED}_total` } : e;
}

function byPath(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.path] ??= e.message;
  return out;
}

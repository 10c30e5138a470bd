import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import type { FieldError } from '../../../common/errors/domain-error';
import { versionFromIfMatch } from '../../../common/http/etag';
import { type Form, formVersion } from '../../web/section-forms';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { errorsByPath, FORM_REFUSED, summaryLinks, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { RuleOverrideDto } from '../dto/eligibility.dto';
import { INSTRUCTION_STAFF } from '../../auth/roles';
import { EligibilityService } from '../eligibility.service';
import { eligibilityPageModel, pageErrors } from './eligibility-page';
import { HTML, type PageFailure, pageFailure, sendHtml, staffPageContext } from '../../web/staff-page';

const NOTICES: Record<string, string> = {
  evalue: 'Toutes les règles ont été évaluées.',
  derogation: 'La décision sur la règle a été enregistrée.',
  confirme: "Le verdict d'éligibilité a été confirmé.",
  csess: 'Les notes de la grille CSESS ont été enregistrées.',
};

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The instructor's eligibility page: run the engine, decide each rule with a reason, confirm, score the CSESS grid. */
@ApiExcludeController()
@Controller('instruction/dossiers/:id/eligibilite')
@Roles(...INSTRUCTION_STAFF)
export class EligibilityPagesController {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('ok') ok?: string): Promise<string> {
    return this.render(auth, id, { notice: NOTICES[ok ?? ''] ?? null });
  }

  @Post('evaluer')
  async evaluate(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.act(auth, id, reply, 'evalue', () => this.eligibility.evaluate(auth.user, actor, id));
  }

  @Post('regles/:ruleId')
  async override(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('ruleId') ruleId: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const posted = { [`passed-${ruleId}`]: one(body?.passed), [`reason-${ruleId}`]: one(body?.reason) };
    const { value, errors } = await validateForm(RuleOverrideDto, body, (raw) => ({
      passed: one(raw.passed) === 'true' ? true : one(raw.passed) === 'false' ? false : undefined,
      reason: one(raw.reason),
    }));
    if (errors.length) return sendHtml(reply, FORM_REFUSED, await this.render(auth, id, { errors: pageErrors(errors, { ruleId }), posted }));
    await this.act(auth, id, reply, 'derogation', () => this.eligibility.override(auth.user, actor, id, ruleId, versionFromIfMatch(formVersion(body)), value), {
      posted,
      map: (e) => pageErrors(e, { ruleId }),
    });
  }

  @Post('confirmer')
  async confirm(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.act(auth, id, reply, 'confirme', () => this.eligibility.confirm(auth.user, actor, id, versionFromIfMatch(formVersion(body))));
  }

  @Post('csess')
  async csess(
    @CurrentActor() actor: Actor,
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const posted: Record<string, string> = {};
    const scores: { code: string; score: number; comment: string | null }[] = [];
    for (const [key, raw] of Object.entries(body ?? {})) {
      const m = /^score-([A-Z][A-Z0-9_]{0,19})$/.exec(key);
      if (!m) continue;
      const code = key.slice('score-'.length);
      const text = one(raw);
      const comment = one(body[`comment-${code}`]);
      posted[key] = text;
      posted[`comment-${code}`] = comment;
      if (text !== '') scores.push({ code, score: /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN, comment: comment || null });
    }
    const codes = scores.map((s) => s.code);
    await this.act(auth, id, reply, 'csess', () => this.eligibility.scoreCsess(actor, id, versionFromIfMatch(formVersion(body)), { scores }), {
      posted,
      map: (e) => pageErrors(e, { scoreCodes: codes }),
    });
  }

  private async act(
    auth: AuthContext,
    id: string,
    reply: FastifyReply,
    ok: string,
    action: () => Promise<unknown>,
    onError: { posted?: Record<string, string>; map?: (errors: FieldError[]) => FieldError[] } = {},
  ): Promise<void> {
    try {
      await action();
    } catch (e) {
      const failure: PageFailure = pageFailure(e);
      const errors = onError.map ? onError.map(failure.errors) : failure.errors;
      // After a conflict too, what was typed stays on the page beside the current state (docs/ui.md, « Errors »).
      return sendHtml(reply, failure.status, await this.render(auth, id, { errors, alert: failure.alert, posted: onError.posted }));
    }
    void reply.redirect(`/instruction/dossiers/${id}/eligibilite?ok=${ok}`, 303);
  }

  private async render(
    auth: AuthContext,
    id: string,
    opts: { errors?: FieldError[]; alert?: string | null; notice?: string | null; posted?: Record<string, string> },
  ): Promise<string> {
    const { dossier, view } = await this.eligibility.get(id);
    const errors = opts.errors ?? [];
    return this.views.render('eligibility/page.njk', {
      ...staffPageContext(auth, dossier, 'eligibilite'),
      canEvaluate: dossier.status === 'ADMISSIBLE' || dossier.status === 'UNDER_INSTRUCTION',
      report: eligibilityPageModel(view, opts.posted),
      errors,
      summary: summaryLinks(errors),
      fieldErrors: errorsByPath(errors),
      alert: opts.alert ?? null,
      notice: opts.notice ?? null,
    });
  }
}

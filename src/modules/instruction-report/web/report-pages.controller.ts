import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import type { FieldError } from '../../../common/errors/domain-error';
import { versionFromIfMatch } from '../../../common/http/etag';
import { type Form, formVersion } from '../../web/section-forms';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { INSTRUCTION_STAFF } from '../../auth/roles';
import { EligibilityReader } from '../../eligibility/eligibility-reader';
import { dossierNotFound } from '../../eligibility/eligibility.service';
import { HTML, pageFailure, sendHtml, staffPageContext } from '../../web/staff-page';
import { errorsByPath, FORM_REFUSED, summaryLinks, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { InstructionReportDto } from '../dto/instruction-report.dto';
import { InstructionReportService } from '../instruction-report.service';
import { reportFieldPath, reportFromForm } from './report-form';
import { reportPageModel } from './report-page';

const NOTICES: Record<string, string> = {
  enregistre: "Le rapport d'instruction a été enregistré.",
  valide: "Le rapport d'instruction a été validé : le dossier est instruit.",
};

/** The instructor's report page: opinion, motivation, reduced plan line by line, then validation. */
@ApiExcludeController()
@Controller('instruction/dossiers/:id/rapport')
@Roles(...INSTRUCTION_STAFF)
export class ReportPagesController {
  constructor(
    private readonly dossiers: EligibilityReader,
    private readonly reports: InstructionReportService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('ok') ok?: string): Promise<string> {
    return this.render(auth, id, { notice: NOTICES[ok ?? ''] ?? null });
  }

  @Post()
  async save(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const current = await this.reports.get(id);
    const parsed = reportFromForm(body ?? {}, current.planVersions[0]?.lines ?? []);
    const { value, errors } = await validateForm(InstructionReportDto, parsed.dto);
    const unreadable = new Set(parsed.errors.map((e) => e.path));
    const all = [...parsed.errors, ...errors.map((e) => ({ ...e, path: reportFieldPath(e.path) })).filter((e) => !unreadable.has(e.path))];
    if (all.length) return sendHtml(reply, FORM_REFUSED, await this.render(auth, id, { errors: all, echo: parsed.echo }));
    try {
      await this.reports.write(auth.user, actor, id, versionFromIfMatch(formVersion(body)), value);
    } catch (e) {
      const failure = pageFailure(e);
      const mapped = failure.errors.map((x) => ({ ...x, path: reportFieldPath(x.path) }));
      return sendHtml(
        reply,
        failure.status,
        // After a conflict too, what was typed stays on the page (docs/ui.md, « Errors »).
        await this.render(auth, id, { errors: mapped, alert: failure.alert, echo: parsed.echo }),
      );
    }
    void reply.redirect(`/instruction/dossiers/${id}/rapport?ok=enregistre`, 303);
  }

  @Post('valider')
  async submit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.reports.submit(auth.user, actor, id, versionFromIfMatch(formVersion(body)));
    } catch (e) {
      const failure = pageFailure(e);
      const mapped = failure.errors.map((x) => ({ ...x, path: reportFieldPath(x.path) }));
      return sendHtml(reply, failure.status, await this.render(auth, id, { errors: mapped, alert: failure.alert }));
    }
    void reply.redirect(`/instruction/dossiers/${id}/rapport?ok=valide`, 303);
  }

  private async render(
    auth: AuthContext,
    id: string,
    opts: { errors?: FieldError[]; alert?: string | null; notice?: string | null; echo?: Record<string, string> | null },
  ): Promise<string> {
    const dossier = await this.dossiers.findSubmittedDossier(id);
    if (!dossier) throw dossierNotFound();
    const view = await this.reports.get(id);
    const errors = opts.errors ?? [];
    return this.views.render('instruction-report/page.njk', {
      ...staffPageContext(auth, dossier, 'rapport'),
      r: reportPageModel(view, opts.echo ?? null),
      errors,
      summary: summaryLinks(errors),
      fieldErrors: errorsByPath(errors),
      alert: opts.alert ?? null,
      notice: opts.notice ?? null,
    });
  }
}

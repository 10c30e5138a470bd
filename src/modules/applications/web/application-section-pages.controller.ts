import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { FLAT_RATE_BASE_CATEGORIES, flatRateBase, LINE_CATEGORIES, REGULATION_MAX_FLAT_RATE_BP, RESOURCE_TYPES } from '../../cofinancing/domain/cofinancing';
import { errorsByPath, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { ApplicationViews, type ApplicationView } from '../application-view.service';
import { ARTICLE15_KEYS, ARTICLE15_QUESTIONS, COST_OPTION_LABELS, DEFAULT_OPERATION_TYPES, DEFAULT_TARGET_PUBLICS, LINE_CATEGORY_LABELS, operationTypeLabel, RESOURCE_TYPE_LABELS, targetPublicLabel } from '../domain/labels';
import { Article15Dto } from '../dto/article15.dto';
import { FinancingPlanDto } from '../dto/financing-plan.dto';
import { ProjectDto } from '../dto/project.dto';
import { UpdateApplicationUseCase } from '../update-application.use-case';
import { dossierModel, type SectionKey } from '../../web/dossier-model';
import { HTML, pageContext } from './page-context';
import { article15FromForm, type Form, formVersion, planEcho, planFromForm, projectFromForm } from '../../web/section-forms';

interface Section {
  key: SectionKey;
  path: string;
  template: string;
  values: (view: ApplicationView) => unknown;
}

const SECTIONS = {
  project: { key: 'project', path: 'projet', template: 'applications/project.njk', values: (v) => ({ ...v.project, ...yesNo(v.project) }) },
  article15: {
    key: 'article15',
    path: 'article-15',
    template: 'applications/article15.njk',
    values: (v) => Object.fromEntries(ARTICLE15_KEYS.flatMap((k) => [[`${k}_answer`, v.article15[k]?.answer === null || v.article15[k]?.answer === undefined ? '' : String(v.article15[k]!.answer)], [`${k}_justification`, v.article15[k]?.justification ?? '']])),
  },
  plan: { key: 'financingPlan', path: 'plan-de-financement', template: 'applications/financing-plan.njk', values: planEcho },
} satisfies Record<string, Section>;

/** The three sections of a draft, each a plain form posted urlencoded and saved with the version it was read at. */
@ApiExcludeController()
@Controller('dossiers/:id')
@Roles('APPLICANT')
export class ApplicationSectionPagesController {
  constructor(
    private readonly applications: ApplicationViews,
    private readonly updating: UpdateApplicationUseCase,
    private readonly views: ViewsService,
  ) {}

  @Get('projet')
  @Header('Content-Type', HTML)
  project(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.page(auth, id, SECTIONS.project, { saved: saved === '1' });
  }

  @Post('projet')
  async saveProject(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Res() reply: FastifyReply): Promise<void> {
    const { value, errors } = await validateForm(ProjectDto, body, projectFromForm);
    const typed = { ...projectFromForm(body ?? {}), plannedParticipants: body?.plannedParticipants ?? '', ...Object.fromEntries(YES_NO.map((k) => [k, body?.[k] ?? ''])) };
    await this.save(auth, id, reply, SECTIONS.project, typed, errors, () => this.updating.updateProject(auth.user, actor, id, formVersion(body), value));
  }

  @Get('article-15')
  @Header('Content-Type', HTML)
  article15(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.page(auth, id, SECTIONS.article15, { saved: saved === '1' });
  }

  @Post('article-15')
  async saveArticle15(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Res() reply: FastifyReply): Promise<void> {
    const { value, errors } = await validateForm(Article15Dto, body, article15FromForm);
    const typed = Object.fromEntries(ARTICLE15_KEYS.flatMap((k) => [[`${k}_answer`, body?.[`${k}_answer`] ?? ''], [`${k}_justification`, body?.[`${k}_justification`] ?? '']]));
    await this.save(auth, id, reply, SECTIONS.article15, typed, errors, () => this.updating.updateArticle15(auth.user, actor, id, formVersion(body), value));
  }

  @Get('plan-de-financement')
  @Header('Content-Type', HTML)
  plan(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.page(auth, id, SECTIONS.plan, { saved: saved === '1' });
  }

  @Post('plan-de-financement')
  async savePlan(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Res() reply: FastifyReply): Promise<void> {
    const parsed = planFromForm(body ?? {});
    const { value, errors } = await validateForm(FinancingPlanDto, parsed.dto);
    const amountPaths = new Set(parsed.errors.map((e) => e.path));
    const all = [...parsed.errors, ...errors.filter((e) => !amountPaths.has(e.path))];
    await this.save(auth, id, reply, SECTIONS.plan, parsed.echo, all, () => this.updating.updateFinancingPlan(auth.user, actor, id, formVersion(body), value));
  }

  private async save(auth: AuthContext, id: string, reply: FastifyReply, section: Section, typed: unknown, errors: FieldError[], update: () => Promise<void>): Promise<void> {
    if (errors.length) return void reply.status(400).type(HTML).send(await this.page(auth, id, section, { values: typed, errors }));
    try {
      await update();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'VALIDATION_FAILED') return void reply.status(400).type(HTML).send(await this.page(auth, id, section, { values: typed, errors: e.details.errors ?? [] }));
      if (e.code === 'PRECONDITION_FAILED' || e.code === 'PRECONDITION_REQUIRED') {
        return void reply.status(412).type(HTML).send(await this.page(auth, id, section, { values: typed, errors: [], conflict: true }));
      }
      throw e;
    }
    void reply.redirect(`/dossiers/${id}/${section.path}?enregistre=1`, 303);
  }

  private async page(auth: AuthContext, id: string, section: Section, opts: { values?: unknown; errors?: FieldError[]; saved?: boolean; conflict?: boolean }): Promise<string> {
    const view = await this.applications.get(auth.user, id);
    const errors = opts.errors ?? [];
    return this.views.render(section.template, {
      ...pageContext(auth),
      d: dossierModel(view, section.key),
      values: opts.values ?? section.values(view),
      errors,
      fieldErrors: errorsByPath(errors),
      saved: opts.saved ?? false,
      conflict: opts.conflict ?? false,
      options: options(view),
    });
  }
}

const YES_NO = ['withParticipants', 'existingProject', 'newTerritory', 'substantialChange'] as const;

/** Yes/no answers as the radio buttons read them: 'true', 'false' or '' when not answered yet. */
function yesNo(p: ApplicationView['project']): Record<string, string> {
  return Object.fromEntries(YES_NO.map((k) => [k, p[k] === null ? '' : String(p[k])]));
}

/** Choices offered by the forms, from the call's rules. */
function options(view: ApplicationView) {
  const publics = view.call.targetPublics.length ? view.call.targetPublics.map((t) => t.code) : DEFAULT_TARGET_PUBLICS;
  const operationTypes = view.call.operationTypes.length ? view.call.operationTypes.map((t) => t.code) : DEFAULT_OPERATION_TYPES;
  return {
    targetPublics: publics.map((code) => ({ value: code, text: targetPublicLabel(code) })),
    operationTypes: operationTypes.map((code) => ({ value: code, text: operationTypeLabel(code) })),
    article15: ARTICLE15_KEYS.map((key) => ({ key, question: ARTICLE15_QUESTIONS[key] })),
    costOptions: view.call.costOptions.map((o) => ({ value: o.option, text: COST_OPTION_LABELS[o.option] })),
    categories: LINE_CATEGORIES.map((c) => ({ value: c, text: LINE_CATEGORY_LABELS[c] })),
    resourceTypes: RESOURCE_TYPES.map((t) => ({ value: t, text: RESOURCE_TYPE_LABELS[t] })),
    // Read by financing-plan.js to recompute the totals in the page with the server's integer rules.
    planRules: JSON.stringify({
      maxRateBp: view.call.maxRateBp,
      rates: Object.fromEntries(view.call.costOptions.map((o) => [o.option, Math.min(o.rateBp, REGULATION_MAX_FLAT_RATE_BP[o.option])])),
      // A justified art. 54(c) rate may be calculated on a narrower base named by the call.
      bases: { ...FLAT_RATE_BASE_CATEGORIES, ...Object.fromEntries(view.call.costOptions.map((o) => [o.option, flatRateBase(o.option, o)])) },
    }),
  };
}

import { Body, Controller, Inject, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { FLAT_RATE_BASE_CATEGORIES, flatRateBase, LINE_CATEGORIES, REGULATION_MAX_FLAT_RATE_BP, RESOURCE_TYPES } from '../../cofinancing/domain/cofinancing';
import { errorsByPath, FORM_REFUSED, summaryLinks, validateForm } from '../../web/form';
import { frenchTime } from '../../../common/fr';
import { ViewsService } from '../../web/views.service';
import { ApplicationViews, type ApplicationView } from '../application-view.service';
import {
  ARTICLE15_CHAPEAU,
  ARTICLE15_KEYS,
  ARTICLE15_QUESTIONS,
  ESF_PLUS_SOCIAL_INNOVATION,
  COST_OPTION_LABELS,
  DEFAULT_OPERATION_TYPES,
  DEFAULT_TARGET_PUBLICS,
  LINE_CATEGORY_LABELS,
  operationTypeLabel,
  RESOURCE_TYPE_LABELS,
  targetPublicLabel,
} from '../domain/labels';
import { Article15Dto } from '../dto/article15.dto';
import { FinancingPlanDto } from '../dto/financing-plan.dto';
import { ProjectDto } from '../dto/project.dto';
import { UpdateApplicationUseCase } from '../update-application.use-case';
import { dossierModel, type SectionKey } from '../../web/dossier-model';
import { HTML, pageContext } from './page-context';
import { APP_CONFIG, type AppConfig } from '../../../config/config';
import { art15IIWaivedFor, GRANTOR_NATURE_LABELS, type GrantorNature } from '../../eligibility/domain/grantor';

/** Article 15 as the applicant reads it: the law's opening words, the ESF+ definition, and who grants the support. */
function article15Context(grantor: GrantorNature) {
  return {
    article15Chapeau: ARTICLE15_CHAPEAU,
    esfPlusDefinition: ESF_PLUS_SOCIAL_INNOVATION,
    grantorLabel: GRANTOR_NATURE_LABELS[grantor],
    art15IIWaived: art15IIWaivedFor(grantor),
  };
}
import { article15FromForm, type Form, formVersion, planEcho, planFromForm, projectFromForm } from '../../web/section-forms';

interface Section {
  key: SectionKey;
  path: string;
  /** Where « Rubrique suivante » leads once the section is saved (the order of the side menu). */
  next: string;
  template: string;
  values: (view: ApplicationView) => unknown;
  /** The id of the input an error path points at, for the links of the error summary. */
  fieldId?: (path: string) => string;
}

/** What an autosave answers: the new version (the next If-Match) and the Paris time shown as « Enregistré à … ». */
export interface AutosaveResult {
  version: number;
  savedAt: string;
}

const SECTIONS = {
  project: {
    key: 'project',
    path: 'projet',
    next: 'article-15',
    template: 'applications/project.njk',
    values: (v) => ({ ...v.project, ...yesNo(v.project) }),
    fieldId: (p) => (p === 'targetPublics' ? 'public-1' : (YES_NO as readonly string[]).includes(p) ? `${p}-true` : (p.split(/[.[]/)[0] ?? p)),
  },
  article15: {
    key: 'article15',
    path: 'article-15',
    next: 'plan-de-financement',
    template: 'applications/article15.njk',
    fieldId: (p) => (p.endsWith('.answer') ? `${p.split('.')[0]}_answer-true` : p.replace('.', '_')),
    values: (v) =>
      Object.fromEntries(
        ARTICLE15_KEYS.flatMap((k) => [
          [`${k}_answer`, v.article15[k]?.answer === null || v.article15[k]?.answer === undefined ? '' : String(v.article15[k]!.answer)],
          [`${k}_justification`, v.article15[k]?.justification ?? ''],
        ]),
      ),
  },
  plan: {
    key: 'financingPlan',
    path: 'plan-de-financement',
    // The State aid regime follows the plan (docs/domain/state-aid.md); its page leads on to the targets.
    next: 'aides-d-etat',
    template: 'applications/financing-plan.njk',
    values: planEcho,
    // `lines[0].amountCents` → `lines-0-amount`, the ids of the plan's table cells.
    fieldId: (p) =>
      p.replace(/^(lines|resources)\[(\d+)\]\.(\w+)$/, (_m, kind: string, i: string, f: string) => `${kind}-${i}-${f === 'amountCents' ? 'amount' : f}`),
  },
} satisfies Record<string, Section>;

/**
 * The three sections of a draft, each a plain form posted urlencoded and saved with the version it was read at.
 * « Enregistrer » and « Rubrique suivante » both save (nothing typed is lost by moving on); `…/brouillon` is the
 * same save answered in JSON, called by autosave.js while the person types (docs/domain/lifecycle.md, « brouillon »).
 */
@ApiExcludeController()
@Controller('dossiers/:id')
@Roles('APPLICANT')
export class ApplicationSectionPagesController {
  constructor(
    private readonly applications: ApplicationViews,
    private readonly updating: UpdateApplicationUseCase,
    private readonly views: ViewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('projet')
  @Header('Content-Type', HTML)
  project(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.page(auth, id, SECTIONS.project, { saved: saved === '1' });
  }

  @Post('projet')
  async saveProject(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { value, errors } = await validateForm(ProjectDto, body, projectFromForm);
    const typed = {
      ...projectFromForm(body ?? {}),
      plannedParticipants: body?.plannedParticipants ?? '',
      ...Object.fromEntries(YES_NO.map((k) => [k, body?.[k] ?? ''])),
    };
    await this.save(auth, id, reply, SECTIONS.project, body, typed, errors, () => this.updating.updateProject(auth.user, actor, id, formVersion(body), value));
  }

  @Post('projet/brouillon')
  @HttpCode(200)
  async autosaveProject(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
  ): Promise<AutosaveResult> {
    const { value, errors } = await validateForm(ProjectDto, body, projectFromForm);
    return autosave(errors, () => this.updating.updateProject(auth.user, actor, id, formVersion(body), value));
  }

  @Get('article-15')
  @Header('Content-Type', HTML)
  article15(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.page(auth, id, SECTIONS.article15, { saved: saved === '1' });
  }

  @Post('article-15')
  async saveArticle15(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { value, errors } = await validateForm(Article15Dto, body, article15FromForm);
    const typed = Object.fromEntries(
      ARTICLE15_KEYS.flatMap((k) => [
        [`${k}_answer`, body?.[`${k}_answer`] ?? ''],
        [`${k}_justification`, body?.[`${k}_justification`] ?? ''],
      ]),
    );
    await this.save(auth, id, reply, SECTIONS.article15, body, typed, errors, () =>
      this.updating.updateArticle15(auth.user, actor, id, formVersion(body), value),
    );
  }

  @Post('article-15/brouillon')
  @HttpCode(200)
  async autosaveArticle15(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
  ): Promise<AutosaveResult> {
    const { value, errors } = await validateForm(Article15Dto, body, article15FromForm);
    return autosave(errors, () => this.updating.updateArticle15(auth.user, actor, id, formVersion(body), value));
  }

  @Get('plan-de-financement')
  @Header('Content-Type', HTML)
  plan(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.page(auth, id, SECTIONS.plan, { saved: saved === '1' });
  }

  @Post('plan-de-financement')
  async savePlan(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { value, all, echo } = await planForm(body);
    await this.save(auth, id, reply, SECTIONS.plan, body, echo, all, () => this.updating.updateFinancingPlan(auth.user, actor, id, formVersion(body), value));
  }

  @Post('plan-de-financement/brouillon')
  @HttpCode(200)
  async autosavePlan(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
  ): Promise<AutosaveResult> {
    const { value, all } = await planForm(body);
    return autosave(all, () => this.updating.updateFinancingPlan(auth.user, actor, id, formVersion(body), value));
  }

  /** Saves, then shows the section again (« Enregistrer ») or the next one (« Rubrique suivante », `suite=1`). */
  private async save(
    auth: AuthContext,
    id: string,
    reply: FastifyReply,
    section: Section,
    body: Form | undefined,
    typed: unknown,
    errors: FieldError[],
    update: () => Promise<unknown>,
  ): Promise<void> {
    if (errors.length)
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.page(auth, id, section, { values: typed, errors }));
    try {
      await update();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'VALIDATION_FAILED')
        return void reply
          .status(FORM_REFUSED)
          .type(HTML)
          .send(await this.page(auth, id, section, { values: typed, errors: e.details.errors ?? [] }));
      if (e.code === 'PRECONDITION_FAILED' || e.code === 'PRECONDITION_REQUIRED') {
        return void reply
          .status(FORM_REFUSED)
          .type(HTML)
          .send(await this.page(auth, id, section, { values: typed, errors: [], conflict: true }));
      }
      throw e;
    }
    const next = body?.suite === '1';
    void reply.redirect(`/dossiers/${id}/${next ? section.next : section.path}?enregistre=1`, 303);
  }

  private async page(
    auth: AuthContext,
    id: string,
    section: Section,
    opts: { values?: unknown; errors?: FieldError[]; saved?: boolean; conflict?: boolean },
  ): Promise<string> {
    const view = await this.applications.get(auth.user, id);
    const errors = opts.errors ?? [];
    return this.views.render(section.template, {
      ...pageContext(auth),
      d: dossierModel(view, section.key),
      values: opts.values ?? section.values(view),
      errors: summaryLinks(errors, section.fieldId),
      fieldErrors: errorsByPath(errors),
      saved: opts.saved ?? false,
      conflict: opts.conflict ?? false,
      options: { ...options(view), ...article15Context(this.config.grantorNature) },
    });
  }
}

/** The autosave of a section: the same validation and use case as the form, answered in JSON (problem+json when refused). */
async function autosave(errors: FieldError[], update: () => Promise<number>): Promise<AutosaveResult> {
  if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) à corriger avant l'enregistrement.`, { errors });
  const version = await update();
  return { version, savedAt: frenchTime(new Date()) };
}

/** The plan form read twice over: amounts typed in euros, then the DTO; an unreadable amount is reported once. */
async function planForm(body: Form | undefined) {
  const parsed = planFromForm(body ?? {});
  const { value, errors } = await validateForm(FinancingPlanDto, parsed.dto);
  const amountPaths = new Set(parsed.errors.map((e) => e.path));
  return { value, all: [...parsed.errors, ...errors.filter((e) => !amountPaths.has(e.path))], echo: parsed.echo };
}

const YES_NO = ['withParticipants', 'existingProject', 'newTerritory', 'substantialChange', 'physicalInvestment'] as const;

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

import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { errorsByPath, FORM_REFUSED, isFormRefusal, summaryLinks } from '../../web/form';
import { pageFailure } from '../../web/staff-page';
import { ViewsService } from '../../web/views.service';
import { AssignInstructorUseCase } from '../assign-instructor.use-case';
import { filtersToStored, parseListFilters, parseListQuery } from '../domain/list-query';
import { INSTRUCTION_STAFF } from '../instruction-access';
import { InstructionListQuery } from '../instruction-list.query';
import { InstructionRepository } from '../instruction.repository';
import { SavedViewsService } from '../saved-views.service';
import { SetLabelsUseCase } from '../set-labels.use-case';
import { DossierPageModel } from './dossier-page.model';
import { callsModel, listModel } from './list-page.model';
import { pageFieldOf, pageQueryToApi } from './list-page-params';
import { HTML, instructionPageContext } from './page-context';

type Form = Record<string, string | string[]>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A return query string from our own forms: only the list's parameters, nothing that could redirect elsewhere. */
const safeReturn = (v: string): string =>
  new URLSearchParams(
    [...new URLSearchParams(v)].filter(([k]) => ['status', 'departement', 'euMin', 'euMax', 'instructeur', 'label', 'q', 'sort'].includes(k)),
  ).toString();

/** The fields of the list page (instruction/call.njk) an error may point at: the filters, the selection, the two forms. */
const LIST_FIELDS = new Set(['q', 'instructeur', 'label', 'sort', 'departement', 'euMin', 'euMax', 'status', 'selection', 'bulk-instructorId', 'view-name']);
const listFieldId = (path: string): string | null => (LIST_FIELDS.has(path) ? path : path ? 'form-filtres' : null);

/** The instructor workspace pages: calls, the dossiers of a call, and the instructor's dossier page. */
@ApiExcludeController()
@Controller('instruction')
@Roles(...INSTRUCTION_STAFF)
export class InstructionPagesController {
  constructor(
    private readonly assigning: AssignInstructorUseCase,
    private readonly dossierPage: DossierPageModel,
    private readonly labelling: SetLabelsUseCase,
    private readonly listing: InstructionListQuery,
    private readonly repo: InstructionRepository,
    private readonly savedViews: SavedViewsService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async index(@CurrentAuth() auth: AuthContext): Promise<string> {
    return this.views.render('instruction/index.njk', { ...instructionPageContext(auth), calls: callsModel(await this.repo.callsWithCounts(), auth.user.id) });
  }

  @Get('appels/:callId')
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param('callId', ParseUUIDPipe) callId: string,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const flash = {
      assigned: one(query?.affectes as string),
      viewSaved: one(query?.vue as string) === 'enregistree',
      viewDeleted: one(query?.vue as string) === 'supprimee',
    };
    const { status, html } = await this.renderList(auth, callId, query ?? {}, [], flash);
    void reply.status(status).type(HTML).send(html);
  }

  @Post('appels/:callId/affectations')
  async bulkAssign(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('callId', ParseUUIDPipe) callId: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const back = safeReturn(one(body?.retour));
    const ids = many(body?.applicationIds).filter((id) => UUID.test(id));
    const instructor = one(body?.instructorId);
    const errors: FieldError[] = [];
    if (!ids.length) errors.push({ path: 'selection', code: 'EMPTY_SELECTION', message: 'Cochez au moins un dossier à affecter.' });
    if (!instructor) errors.push({ path: 'bulk-instructorId', code: 'REQUIRED', message: "Choisissez l'instructeur (ou « Retirer l'affectation »)." });
    if (!errors.length) {
      try {
        const r = await this.assigning.assignMany(auth.user, actor, callId, ids, instructor === 'aucun' ? null : instructor);
        return void reply.redirect(`/instruction/appels/${callId}?${back}${back ? '&' : ''}affectes=${r.assigned}`, 303);
      } catch (e) {
        // A dossier not in the call is a wrong selection, not a missing page.
        if (!(e instanceof DomainError && e.code === 'NOT_FOUND') && !isFormRefusal(e)) throw e;
        errors.push({ path: e.code === 'NOT_FOUND' ? 'selection' : 'bulk-instructorId', code: e.code, message: e.message });
      }
    }
    const { html } = await this.renderList(auth, callId, Object.fromEntries(new URLSearchParams(back)), errors, {});
    void reply.status(FORM_REFUSED).type(HTML).send(html);
  }

  @Post('vues')
  async saveView(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() body: Form, @Res() reply: FastifyReply): Promise<void> {
    const callId = one(body?.callId);
    if (!UUID.test(callId)) throw new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas.");
    const back = safeReturn(one(body?.query));
    const pageQuery: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(back)) (pageQuery[k] ??= []).push(v);
    const { raw, errors } = pageQueryToApi(pageQuery);
    const filterErrors: FieldError[] = [];
    const filters = parseListFilters(raw, filterErrors);
    errors.push(...filterErrors);
    if (!errors.length) {
      try {
        await this.savedViews.create(auth.user, actor, { name: one(body?.name), query: filtersToStored(filters) });
        return void reply.redirect(`/instruction/appels/${callId}?${back}${back ? '&' : ''}vue=enregistree`, 303);
      } catch (e) {
        if (!isFormRefusal(e)) throw e;
        errors.push(
          ...(e.details.errors ?? [{ path: 'view-name', code: e.code, message: e.message }]).map((x) => ({
            ...x,
            path: x.path === 'name' ? 'view-name' : x.path,
          })),
        );
      }
    }
    const { html } = await this.renderList(auth, callId, Object.fromEntries(new URLSearchParams(back)), errors, {}, one(body?.name));
    void reply.status(FORM_REFUSED).type(HTML).send(html);
  }

  @Post('vues/:id/supprimer')
  async deleteView(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const callId = one(body?.callId);
    await this.savedViews.remove(auth.user, actor, id);
    void reply.redirect(UUID.test(callId) ? `/instruction/appels/${callId}?vue=supprimee` : '/instruction', 303);
  }

  @Get('dossiers/:id')
  @Header('Content-Type', HTML)
  async dossier(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.views.render('instruction/dossier.njk', {
      ...instructionPageContext(auth),
      ...(await this.dossierPage.build(auth.user, id)),
      saved: saved === '1',
    });
  }

  @Post('dossiers/:id/instructeur')
  async assign(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const instructor = one(body?.instructorId);
    await this.dossierForm(
      auth,
      id,
      one(body?.version),
      reply,
      (ifMatch) => this.assigning.assign(auth.user, actor, id, ifMatch, instructor && instructor !== 'aucun' ? instructor : null),
      { form: 'form-instructeur', instructorInput: instructor },
    );
  }

  @Post('dossiers/:id/etiquettes')
  async labels(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const labels = one(body?.labels)
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    await this.dossierForm(auth, id, one(body?.version), reply, (ifMatch) => this.labelling.set(auth.user, actor, id, ifMatch, labels), {
      form: 'form-etiquettes',
      labelsInput: one(body?.labels),
    });
  }

  /**
   * Runs a dossier form's use case with the version the page was rendered at; a refusal (bad input, business rule,
   * stale version) re-renders the page with 422, the message at the top linking to the field, and the input kept.
   */
  private async dossierForm(
    auth: AuthContext,
    id: string,
    version: string,
    reply: FastifyReply,
    run: (ifMatch: string) => Promise<unknown>,
    typed: { form: 'form-instructeur' | 'form-etiquettes'; labelsInput?: string; instructorInput?: string },
  ): Promise<void> {
    try {
      await run(`"${/^\d{1,9}$/.test(version) ? version : '0'}"`);
      return void reply.redirect(`/instruction/dossiers/${id}?enregistre=1`, 303);
    } catch (e) {
      const failure = pageFailure(e);
      const errors = failure.errors.map((x) => ({ ...x, path: x.path.replace(/\[\d+\]$/, '') }));
      const idOf = (path: string) => (path === 'instructorId' || path === 'labels' ? path : typed.form);
      const model = await this.dossierPage.build(auth.user, id);
      const html = this.views.render('instruction/dossier.njk', {
        ...instructionPageContext(auth),
        ...model,
        conflict: failure.stale,
        alert: failure.alert,
        errors,
        summary: summaryLinks(errors, idOf),
        fieldErrors: errorsByPath(errors),
        labelsInput: typed.labelsInput,
        instructorInput: typed.instructorInput,
      });
      void reply.status(FORM_REFUSED).type(HTML).send(html);
    }
  }

  private async renderList(
    auth: AuthContext,
    callId: string,
    pageQuery: Record<string, unknown>,
    formErrors: FieldError[],
    flash: Record<string, unknown>,
    viewName = '',
  ): Promise<{ status: number; html: string }> {
    const call = await this.repo.findCall(callId);
    if (!call) throw new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas.");
    const { raw, values, errors: paramErrors } = pageQueryToApi(pageQuery);
    let errors = [...paramErrors];
    let query = null;
    try {
      query = parseListQuery(raw);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e;
      errors.push(...(e.details.errors ?? []).map((x) => ({ ...x, path: pageFieldOf(x.path) })));
    }
    const ok = query && !errors.length;
    const [page, positions] = ok
      ? await Promise.all([this.listing.list(callId, raw), this.listing.positions(callId, raw)])
      : [
          { items: [], nextCursor: null },
          { total: 0, pages: [], current: null },
        ];
    errors = [...errors, ...formErrors];
    const [instructors, savedViews] = await Promise.all([this.repo.instructors(), this.savedViews.list(auth.user)]);
    const model = listModel({ call, query, values, page, positions, instructors, savedViews, currentUserId: auth.user.id });
    const html = this.views.render('instruction/call.njk', {
      ...instructionPageContext(auth),
      ...model,
      errors,
      summary: summaryLinks(errors, listFieldId),
      fieldErrors: errorsByPath(errors),
      flash,
      viewName,
    });
    return { status: paramErrors.length || !query ? FORM_REFUSED : 200, html };
  }
}

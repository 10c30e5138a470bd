import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { errorsByPath, FORM_REFUSED, isFormRefusal, summaryLinks, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { CALL_ID } from '../call-id.pipe';
import { CallsService } from '../calls.service';
import type { CallResponse } from '../dto/call.response';
import { CreateCallDto } from '../dto/create-call.dto';
import { UpdateCallDto } from '../dto/update-call.dto';
import { callFieldId, callFormValues, type CallFormValues, coerceCallForm, formFieldErrors, newCallFormValues, postedFormValues } from './call-form';
import { callCard, callDetail, codeChoices, FORM_CHOICES, pageLayout } from './call-views';
import { HTML } from '../../web/page-kit';

const PAGE_SIZE = 50;
type FormBody = Record<string, string | string[]>;

const NOTICES: Record<string, string> = {
  publie: "L'appel est publié. Il est visible de tous et ouvert aux dépôts pendant sa période d'ouverture.",
};
const FORM_NOTICES: Record<string, { title: string; text: string }> = {
  cree: { title: 'Brouillon créé', text: "L'appel n'est visible que des agents tant qu'il n'est pas publié." },
  enregistre: { title: 'Modifications enregistrées', text: '' },
  republie: { title: 'Nouvelle version publiée', text: 'Les dossiers déjà créés conservent la version sous laquelle ils ont été déposés.' },
};

/** The programme manager's pages: every call, the drafting form and publication. */
@ApiExcludeController()
@Controller('gestion/appels')
@Roles('PROGRAMME_MANAGER')
export class CallsManagementController {
  constructor(
    private readonly calls: CallsService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async list(@CurrentAuth() auth: AuthContext, @Query('apres') cursor?: string, @Query('statut') statut?: string): Promise<string> {
    const now = new Date();
    const page = await this.calls.list({ limit: PAGE_SIZE, cursor: typeof cursor === 'string' ? cursor : undefined }, { roles: auth.user.roles });
    return this.views.render('calls/manage.njk', {
      ...pageLayout(auth, '/gestion/appels'),
      calls: page.items.map((c) => callCard(c, now)),
      nextHref: page.nextCursor ? `/gestion/appels?apres=${encodeURIComponent(page.nextCursor)}` : null,
      notice: typeof statut === 'string' && Object.hasOwn(NOTICES, statut) ? NOTICES[statut] : null,
    });
  }

  @Get('nouveau')
  @Header('Content-Type', HTML)
  newForm(@CurrentAuth() auth: AuthContext): string {
    return this.form(auth, { values: newCallFormValues(), errors: [] });
  }

  @Post('nouveau')
  async create(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() body: FormBody, @Res() reply: FastifyReply): Promise<void> {
    const parsed = await this.readForm(CreateCallDto, body);
    if (parsed.errors.length) return this.sendForm(reply, FORM_REFUSED, auth, { values: postedFormValues(body), errors: parsed.errors });
    try {
      const call = await this.calls.create(parsed.value, actor);
      void reply.redirect(`/gestion/appels/${call.id}/modifier?statut=cree`, 303);
    } catch (e) {
      const errors = fieldErrorsOf(e, parsed.value);
      this.sendForm(reply, FORM_REFUSED, auth, { values: postedFormValues(body), errors });
    }
  }

  @Get(':id/modifier')
  @Header('Content-Type', HTML)
  async editForm(@CurrentAuth() auth: AuthContext, @Param('id', CALL_ID) id: string, @Query('statut') statut?: string): Promise<string> {
    const call = await this.calls.get(id, { roles: auth.user.roles });
    const notice = typeof statut === 'string' && Object.hasOwn(FORM_NOTICES, statut) ? FORM_NOTICES[statut] : null;
    return this.form(auth, { call, values: callFormValues(call), errors: [], alert: notice ? { type: 'success', ...notice } : undefined });
  }

  @Post(':id/modifier')
  async update(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', CALL_ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const call = await this.calls.get(id, { roles: auth.user.roles });
    const { version, ...fields } = body;
    const parsed = await this.readForm(UpdateCallDto, fields);
    const values = postedFormValues(fields);
    if (parsed.errors.length) return this.sendForm(reply, FORM_REFUSED, auth, { call, values, errors: parsed.errors });
    try {
      const updated = await this.calls.update(id, parsed.value, formVersion(version), actor);
      const republished = updated.publishedVersion !== call.publishedVersion;
      void reply.redirect(`/gestion/appels/${id}/modifier?statut=${republished ? 'republie' : 'enregistre'}`, 303);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'PRECONDITION_FAILED') {
        return this.sendForm(reply, FORM_REFUSED, auth, { call, values, errors: [], alert: STALE_ALERT(id) });
      }
      this.sendForm(reply, FORM_REFUSED, auth, { call, values, errors: fieldErrorsOf(e, parsed.value) });
    }
  }

  @Get(':id/publier')
  async confirmPublish(@CurrentAuth() auth: AuthContext, @Param('id', CALL_ID) id: string, @Res() reply: FastifyReply): Promise<void> {
    const call = await this.calls.get(id, { roles: auth.user.roles });
    if (call.status !== 'DRAFT') return void reply.redirect(`/gestion/appels/${id}/modifier`, 303);
    void reply.type(HTML).send(this.publishPage(auth, call, []));
  }

  @Post(':id/publier')
  async publish(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', CALL_ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.calls.publish(id, formVersion(body.version), actor);
      void reply.redirect('/gestion/appels?statut=publie', 303);
    } catch (e) {
      if (!isFormRefusal(e)) throw e;
      const call = await this.calls.get(id, { roles: auth.user.roles });
      const alert = e.code === 'VALIDATION_FAILED' ? undefined : { title: 'Publication impossible', text: e.message };
      void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(this.publishPage(auth, call, e.details.errors ?? [], alert));
    }
  }

  private async readForm<T extends object>(cls: new () => T, body: FormBody): Promise<{ value: T; errors: FieldError[] }> {
    const parseErrors: FieldError[] = [];
    const { value, errors } = await validateForm(cls, body, (raw) => coerceCallForm(raw, parseErrors));
    return { value, errors: formFieldErrors(errors, parseErrors, (value as Partial<CreateCallDto>).costOptions ?? []) };
  }

  private publishPage(auth: AuthContext, call: CallResponse, errors: FieldError[], alert?: { title: string; text: string }): string {
    // Said before the user acts: a call without a grid cannot be published (it could never be evaluated).
    const missingGrid = !call.evaluationGrid;
    return this.views.render('calls/publish.njk', { ...pageLayout(auth, '/gestion/appels'), c: callDetail(call, new Date()), errors, alert, missingGrid });
  }

  private form(auth: AuthContext, ctx: FormContext): string {
    return this.views.render('calls/form.njk', {
      ...pageLayout(auth, '/gestion/appels'),
      mode: ctx.call ? 'edit' : 'create',
      action: ctx.call ? `/gestion/appels/${ctx.call.id}/modifier` : '/gestion/appels/nouveau',
      call: ctx.call ? callCard(ctx.call, new Date()) : null,
      values: ctx.values,
      errors: ctx.errors,
      summary: summaryLinks(ctx.errors, callFieldId),
      fieldErrors: errorsByPath(ctx.errors),
      alert: ctx.alert,
      choices: FORM_CHOICES,
      codeLists: codeChoices(ctx.values),
    });
  }

  private sendForm(reply: FastifyReply, status: number, auth: AuthContext, ctx: FormContext): void {
    void reply.status(status).type(HTML).send(this.form(auth, ctx));
  }
}

interface FormContext {
  call?: CallResponse;
  values: CallFormValues;
  errors: FieldError[];
  alert?: { type: string; title: string; text?: string; href?: string; linkText?: string };
}

const STALE_ALERT = (id: string) => ({
  type: 'error',
  title: 'Cet appel a été modifié entre-temps',
  text: "Quelqu'un d'autre a enregistré une modification depuis que vous avez ouvert ce formulaire. Vos saisies ci-dessous n'ont pas été enregistrées.",
  href: `/gestion/appels/${id}/modifier`,
  linkText: 'Recharger la dernière version',
});

/** The hidden `version` field; anything unreadable cannot match a stored version. */
function formVersion(raw: string | string[] | undefined): number {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && /^\d{1,9}$/.test(v) ? Number(v) : -1;
}

/** Service rejections a form can show next to its fields. */
function fieldErrorsOf(e: unknown, dto: Partial<CreateCallDto>): FieldError[] {
  if (!isFormRefusal(e)) throw e;
  const path = e.code === 'CALL_REFERENCE_TAKEN' ? 'reference' : '';
  return formFieldErrors(e.details.errors ?? [{ path, code: e.code, message: e.message }], [], dto.costOptions ?? []);
}

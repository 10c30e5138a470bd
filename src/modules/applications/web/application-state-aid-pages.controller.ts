import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { formatEuros } from '../../../common/money/cents';
import { parseEurosToCents } from '../../../common/money/parse-euros';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { STATE_AID_REGIME_LABELS, STATE_AID_REGIMES, type StateAidDeclaration, type StateAidRegime } from '../../cofinancing/domain/state-aid';
import { errorsByPath, FORM_REFUSED } from '../../web/form';
import { type Form, formVersion } from '../../web/section-forms';
import { ViewsService } from '../../web/views.service';
import { dossierModel } from '../../web/dossier-model';
import { ApplicationViews } from '../application-view.service';
import { UpdateApplicationUseCase } from '../update-application.use-case';
import { HTML, pageContext } from './page-context';

type Values = Record<'regime' | 'justification' | 'gberArticle' | 'reference' | 'deMinimisReceived', string>;

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The form as typed, and the declaration it means: fields of other regimes are dropped, amounts parsed to cents. */
export function stateAidFromForm(body: Form): { values: Values; declaration: StateAidDeclaration; errors: FieldError[] } {
  const values: Values = {
    regime: one(body.regime),
    justification: one(body.justification),
    gberArticle: one(body.gberArticle),
    reference: one(body.reference),
    deMinimisReceived: one(body.deMinimisReceived),
  };
  const regime = values.regime as StateAidRegime;
  const deMinimis = regime === 'DE_MINIMIS' || regime === 'SIEG_DE_MINIMIS';
  const errors: FieldError[] = [];
  let received: number | null = null;
  if (deMinimis && values.deMinimisReceived !== '') {
    received = parseEurosToCents(values.deMinimisReceived);
    if (received === null) errors.push({ path: 'deMinimisReceivedCents', code: 'UNREADABLE', message: 'Montant invalide (exemple : 12 500,00).' });
  }
  const text = (v: string) => (v === '' ? null : v);
  const declaration: StateAidDeclaration = {
    regime,
    justification: regime === 'NONE' ? text(values.justification) : null,
    gberArticle: regime === 'GBER' ? text(values.gberArticle) : null,
    reference: regime === 'NONE' ? null : text(values.reference),
    // Unparsable: « 0 » keeps the domain check quiet, the parse error above is the one shown.
    deMinimisReceivedCents: deMinimis ? (errors.length ? 0 : received) : null,
  };
  return { values, declaration, errors };
}

/**
 * The « Aides d'État » section of a dossier (docs/domain/state-aid.md): the applicant chooses the regime and gives
 * its facts; the page shows the de minimis ceiling check and the retention period it entails.
 */
@ApiExcludeController()
@Controller('dossiers/:id')
@Roles('APPLICANT')
export class ApplicationStateAidPagesController {
  constructor(
    private readonly applications: ApplicationViews,
    private readonly updating: UpdateApplicationUseCase,
    private readonly views: ViewsService,
  ) {}

  @Get('aides-d-etat')
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.render(auth, id, { saved: saved === '1' });
  }

  @Post('aides-d-etat')
  async save(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { values, declaration, errors } = stateAidFromForm(body ?? {});
    if (errors.length)
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.render(auth, id, { values, errors }));
    try {
      await this.updating.updateStateAid(auth.user, actor, id, formVersion(body), declaration);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'VALIDATION_FAILED')
        return void reply
          .status(FORM_REFUSED)
          .type(HTML)
          .send(await this.render(auth, id, { values, errors: e.details.errors ?? [] }));
      if (e.code === 'PRECONDITION_FAILED' || e.code === 'PRECONDITION_REQUIRED')
        return void reply
          .status(FORM_REFUSED)
          .type(HTML)
          .send(await this.render(auth, id, { values, conflict: true }));
      throw e;
    }
    void reply.redirect(`/dossiers/${id}/${one(body?.suite) === '1' ? 'cibles' : 'aides-d-etat?enregistre=1'}`, 303);
  }

  private async render(auth: AuthContext, id: string, opts: { values?: Values; errors?: FieldError[]; saved?: boolean; conflict?: boolean }): Promise<string> {
    const view = await this.applications.get(auth.user, id);
    const d = view.stateAidDeclaration;
    const errors = opts.errors ?? [];
    return this.views.render('applications/state-aid.njk', {
      ...pageContext(auth),
      d: dossierModel(view, 'stateAid'),
      values: opts.values ?? {
        regime: d?.regime ?? '',
        justification: d?.justification ?? '',
        gberArticle: d?.gberArticle ?? '',
        reference: d?.reference ?? '',
        deMinimisReceived: d?.deMinimisReceivedCents === null || d?.deMinimisReceivedCents === undefined ? '' : formatEuros(d.deMinimisReceivedCents),
      },
      stateAid: view.stateAid,
      regimes: STATE_AID_REGIMES.map((value) => ({ value, label: STATE_AID_REGIME_LABELS[value] })),
      errors,
      fieldErrors: errorsByPath(errors),
      saved: opts.saved ?? false,
      conflict: opts.conflict ?? false,
    });
  }
}

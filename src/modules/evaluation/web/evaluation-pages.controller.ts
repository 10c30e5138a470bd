import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import type { FieldError } from '../../../common/errors/domain-error';
import { HttpProblemException } from '../../../common/errors/http-problem.exception';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { errorsByPath, FORM_REFUSED } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { ApplicationDocumentsUseCase } from '../../applications/application-documents.use-case';
import { sendUpload } from '../../files/send-upload';
import { frenchCalendarDate } from '../../../common/fr';
import { ConsensusService, type EvaluationsView, type SummaryView } from '../consensus.service';
import { EvaluationAccess } from '../evaluation-access';
import { EvaluationDossierRepository } from '../evaluation-dossier.repository';
import { panelDossierModel } from './panel-dossier.model';
import { conflictState } from '../domain/conflict-rules';
import { PanelRepository } from '../panel.repository';
import { ScoringService, type SheetView } from '../scoring.service';
import { euros, evaluationLayout, field, formFailure, formVersion, intField, send, type FormBody, HTML } from './page-helpers';

const ID = new ParseUUIDPipe({ exceptionFactory: () => new HttpProblemException('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.") });

const NOTICES: Record<string, { type: string; title: string; text: string }> = {
  conflit: { type: 'info', title: 'Conflit d’intérêts enregistré', text: 'Vous ne verrez pas ce dossier et votre avis ne comptera dans aucune moyenne.' },
  enregistre: { type: 'success', title: 'Brouillon enregistré', text: 'Vos notes peuvent encore être modifiées.' },
  soumis: { type: 'success', title: 'Notes soumises', text: 'Votre grille est verrouillée. Les notes des autres évaluateurs vous sont désormais visibles.' },
  consensus: { type: 'success', title: 'Consensus enregistré', text: 'Les notes individuelles restent visibles à côté du consensus.' },
};
const notice = (statut: unknown) => (typeof statut === 'string' && Object.hasOwn(NOTICES, statut) ? (NOTICES[statut] ?? null) : null);

/** The evaluator's pages: assigned dossiers, declaration first, the scoring sheet, the rapporteur's consensus. */
@ApiExcludeController()
@Controller('evaluation')
@Roles('EVALUATOR')
export class EvaluationPagesController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly consensus: ConsensusService,
    private readonly access: EvaluationAccess,
    private readonly documents: ApplicationDocumentsUseCase,
    private readonly dossiers: EvaluationDossierRepository,
    private readonly panels: PanelRepository,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async list(@CurrentAuth() auth: AuthContext, @Query('statut') statut?: string): Promise<string> {
    const items = (await this.scoring.mine(auth.user)).map((i) => {
      const state = conflictState({ declaredConflict: i.declaredConflict, automaticReason: i.automaticReason, waived: i.waived });
      return {
        ...i,
        state,
        href: state === 'UNDECLARED' ? `/evaluation/${i.applicationId}/declaration` : state === 'CLEAR' ? `/evaluation/${i.applicationId}` : null,
      };
    });
    const chaired = await this.panels.chairedCalls(auth.user.id);
    return this.views.render('evaluation/list.njk', { ...evaluationLayout(auth, '/evaluation'), items, chaired, alert: notice(statut) });
  }

  @Get(':id/declaration')
  @Header('Content-Type', HTML)
  async declarationForm(@CurrentAuth() auth: AuthContext, @Param('id', ID) id: string): Promise<string> {
    return this.declarationPage(auth, id, {}, []);
  }

  @Post(':id/declaration')
  async declare(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const answer = field(body, 'conflict');
    if (answer !== 'oui' && answer !== 'non') {
      return send(
        reply,
        FORM_REFUSED,
        await this.declarationPage(auth, id, body, [
          { path: 'conflict', code: 'REQUIRED', message: 'Indiquez si vous avez un conflit d’intérêts avec ce dossier.' },
        ]),
      );
    }
    try {
      const { state } = await this.scoring.declare(auth.user, id, answer === 'oui', field(body, 'details') || undefined, actor);
      void reply.redirect(state === 'CLEAR' ? `/evaluation/${id}` : '/evaluation?statut=conflit', 303);
    } catch (e) {
      const failure = formFailure(e);
      send(reply, failure.status, await this.declarationPage(auth, id, body, failure.errors, failure.alert));
    }
  }

  @Get(':id')
  @Header('Content-Type', HTML)
  async sheet(@CurrentAuth() auth: AuthContext, @Param('id', ID) id: string, @Query('statut') statut?: string): Promise<string> {
    const sheet = await this.scoring.sheet(auth.user, id);
    return this.sheetPage(auth, sheet, null, [], notice(statut));
  }

  @Post(':id/notes')
  async saveScores(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const sheet = await this.scoring.sheet(auth.user, id);
    const scores = sheet.grid.criteria
      .map((c) => ({ criterionCode: c.code, score: intField(body, `score_${c.code}`), justification: field(body, `justification_${c.code}`) }))
      .filter((s): s is { criterionCode: string; score: number; justification: string } => s.score !== undefined);
    try {
      const saved = await this.scoring.saveScores(auth.user, id, scores, formVersion(body), actor);
      if (field(body, 'action') === 'soumettre') await this.scoring.submit(auth.user, id, saved.version, actor);
      void reply.redirect(`/evaluation/${id}?statut=${field(body, 'action') === 'soumettre' ? 'soumis' : 'enregistre'}`, 303);
    } catch (e) {
      const failure = formFailure(e);
      const errors = failure.errors.map((err) => ({ ...err, path: sheetPath(err.path, scores) }));
      send(
        reply,
        failure.status,
        await this.sheetPage(auth, await this.scoring.sheet(auth.user, id), body, errors, failure.alert ? { type: 'error', ...failure.alert } : null),
      );
    }
  }

  /** The whole dossier for an evaluator declared and clear of conflict (issue 14, point 13); anyone else a 404. */
  @Get(':id/dossier')
  @Header('Content-Type', HTML)
  async dossierPage(@CurrentAuth() auth: AuthContext, @Param('id', ID) id: string): Promise<string> {
    await this.access.ownSheet(auth.user, id);
    const dossier = await this.dossiers.dossier(id);
    if (!dossier) throw new HttpProblemException('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");
    return this.views.render('evaluation/dossier.njk', { ...evaluationLayout(auth, '/evaluation'), ...panelDossierModel(dossier) });
  }

  /** A document of the dossier, for the same evaluators; the download is audited by the applications module. */
  @Get(':id/pieces/:documentId')
  async document(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Param('documentId', ID) documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.access.ownSheet(auth.user, id);
    const { doc, stream } = await this.documents.openAuthorised(actor, id, documentId);
    sendUpload(reply, doc, stream);
  }

  @Get(':id/consensus')
  @Header('Content-Type', HTML)
  async consensusPage(@CurrentAuth() auth: AuthContext, @Param('id', ID) id: string, @Query('statut') statut?: string): Promise<string> {
    const [summary, evaluations] = await Promise.all([this.consensus.summary(auth.user, id), this.consensus.evaluations(auth.user, id)]);
    return this.renderConsensus(auth, summary, null, [], notice(statut), evaluations);
  }

  @Post(':id/consensus')
  async recordConsensus(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const summary = await this.consensus.summary(auth.user, id);
    const scores: Record<string, number> = {};
    const comments: Record<string, string> = {};
    for (const c of summary.criteria) {
      const score = intField(body, `score_${c.code}`);
      if (score !== undefined) scores[c.code] = score;
      const comment = field(body, `comment_${c.code}`);
      if (comment) comments[c.code] = comment;
    }
    try {
      await this.consensus.record(auth.user, id, { scores, comments }, formVersion(body), actor);
      void reply.redirect(`/evaluation/${id}/consensus?statut=consensus`, 303);
    } catch (e) {
      const failure = formFailure(e);
      const evaluations = await this.consensus.evaluations(auth.user, id);
      send(
        reply,
        failure.status,
        this.renderConsensus(auth, summary, body, failure.errors, failure.alert ? { type: 'error', ...failure.alert } : null, evaluations),
      );
    }
  }

  private async declarationPage(
    auth: AuthContext,
    id: string,
    body: FormBody,
    errors: FieldError[],
    alert: { title: string; text: string } | null = null,
  ): Promise<string> {
    const item = (await this.scoring.mine(auth.user)).find((i) => i.applicationId === id);
    if (!item) throw new HttpProblemException('NOT_FOUND', "Ce dossier n'existe pas ou ne vous est pas accessible.");
    return this.views.render('evaluation/declaration.njk', {
      ...evaluationLayout(auth, '/evaluation'),
      item,
      values: { conflict: field(body, 'conflict'), details: field(body, 'details') },
      errors: errors.map((e) => ({ ...e, href: `#${e.path === 'details' ? 'details' : 'conflict-oui'}` })),
      fieldErrors: errorsByPath(errors),
      alert,
    });
  }

  private sheetPage(
    auth: AuthContext,
    sheet: SheetView,
    body: FormBody | null,
    errors: FieldError[],
    alert: { type: string; title: string; text: string } | null,
  ): string {
    const fieldErrors = errorsByPath(errors);
    const criteria = sheet.grid.criteria.map((c) => {
      const saved = sheet.scores.find((s) => s.criterionCode === c.code);
      return {
        ...c,
        score: body ? field(body, `score_${c.code}`) : saved ? String(saved.score) : '',
        justification: body ? field(body, `justification_${c.code}`) : (saved?.justification ?? ''),
        scoreError: fieldErrors[`score_${c.code}`],
        justificationError: fieldErrors[`justification_${c.code}`],
      };
    });
    return this.views.render('evaluation/sheet.njk', {
      ...evaluationLayout(auth, '/evaluation'),
      sheet,
      dossier: {
        ...sheet.dossier,
        euText: euros(sheet.dossier.euCents),
        startDate: sheet.dossier.startDate ? frenchCalendarDate(sheet.dossier.startDate) : null,
        endDate: sheet.dossier.endDate ? frenchCalendarDate(sheet.dossier.endDate) : null,
      },
      criteria,
      locked: sheet.status === 'SUBMITTED',
      errors: errors.map((e) => ({ ...e, href: `#${e.path}` })),
      alert,
    });
  }

  private renderConsensus(
    auth: AuthContext,
    summary: SummaryView,
    body: FormBody | null,
    errors: FieldError[],
    alert: { type: string; title: string; text: string } | null,
    evaluations: EvaluationsView | null = null,
  ): string {
    const fieldErrors = errorsByPath(
      errors.map((e) => ({
        ...e,
        path: e.path
          .replace(/^consensus\./, 'score_')
          .replace(/^comments\./, 'comment_')
          .replace(/^scores\./, 'score_'),
      })),
    );
    const criteria = summary.criteria.map((c) => ({
      ...c,
      value: body ? field(body, `score_${c.code}`) : String(summary.consensus?.scores[c.code] ?? c.roundedMean ?? ''),
      comment: body ? field(body, `comment_${c.code}`) : (summary.consensus?.comments[c.code] ?? ''),
      scoreError: fieldErrors[`score_${c.code}`],
      commentError: fieldErrors[`comment_${c.code}`],
      // Peers' justifications, per criterion and evaluator: only submitted sheets clear of conflict carry scores.
      justifications: (evaluations?.evaluations ?? []).flatMap((e) =>
        (e.scores ?? [])
          .filter((s) => s.criterionCode === c.code)
          .map((s) => ({ evaluatorName: e.evaluatorName, rapporteur: e.rapporteur, score: s.score, justification: s.justification })),
      ),
    }));
    return this.views.render('evaluation/consensus.njk', {
      ...evaluationLayout(auth, '/evaluation'),
      summary,
      criteria,
      version: summary.consensus?.version ?? 0,
      errors: Object.entries(fieldErrors).map(([path, message]) => ({ path, message, href: `#${path}` })),
      alert,
    });
  }
}

/** API paths (`scores[0].score`, `scores.C1.justification`) to the sheet's field ids (`score_C1`, `justification_C1`). */
function sheetPath(path: string, sent: { criterionCode: string }[]): string {
  const byIndex = /^scores\[(\d+)\]\.(score|justification|criterionCode)$/.exec(path);
  if (byIndex) return `${byIndex[2] === 'justification' ? 'justification' : 'score'}_${sent[Number(byIndex[1])]?.criterionCode ?? ''}`;
  const byCode = /^scores\.([^.]+)\.(score|justification)$/.exec(path);
  return byCode ? `${byCode[2]}_${byCode[1]}` : path;
}

import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError } from '../../../common/errors/domain-error';
import { HttpProblemException } from '../../../common/errors/http-problem.exception';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ViewsService } from '../../web/views.service';
import { callNotFound, hasAny, PANEL_MANAGERS } from '../evaluation-access';
import { PanelRepository } from '../panel.repository';
import { PanelService } from '../panel.service';
import { ScoringService } from '../scoring.service';
import { evaluationLayout, field, formFailure, HTML, intField, send, type FormBody } from './page-helpers';

const ID = new ParseUUIDPipe({ exceptionFactory: () => new HttpProblemException('NOT_FOUND', "Cette ressource n'existe pas ou ne vous est pas accessible.") });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A person or dossier picked in a list: anything else is a form error, never a SQL cast error. */
function picked(body: FormBody, name: string, what: string): string {
  const value = field(body, name);
  if (!UUID.test(value))
    throw new DomainError('VALIDATION_FAILED', `Sélectionnez ${what}.`, { errors: [{ path: name, code: 'REQUIRED', message: `Sélectionnez ${what}.` }] });
  return value;
}
const ROLE_LABELS: Record<string, string> = { CHAIR: 'Président', RAPPORTEUR: 'Rapporteur', MEMBER: 'Membre' };
const NOTICES: Record<string, string> = {
  membre: 'Membre ajouté au comité.',
  retrait: 'Membre retiré du comité.',
  attribution: 'Dossier attribué.',
  auto: 'Attribution automatique effectuée.',
  derogation: 'Dérogation enregistrée : l’évaluateur peut accéder au dossier.',
};

/** The panel of a call: members and assignments (managers), conflict waivers (the chair). */
@ApiExcludeController()
@Controller('gestion/evaluation/appels/:id/comite')
export class PanelPagesController {
  constructor(
    private readonly panel: PanelService,
    private readonly panels: PanelRepository,
    private readonly scoring: ScoringService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR', 'EVALUATOR')
  @Header('Content-Type', HTML)
  async page(@CurrentAuth() auth: AuthContext, @Param('id', ID) id: string, @Query('statut') statut?: string): Promise<string> {
    const title = typeof statut === 'string' && Object.hasOwn(NOTICES, statut) ? NOTICES[statut] : undefined;
    const notice = title ? { type: 'success', title, text: '' } : null;
    return this.render(auth, id, notice);
  }

  @Post('membres')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async addMember(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    const role = field(body, 'role');
    await this.act(reply, auth, id, 'membre', () =>
      this.panel.addMember(id, picked(body, 'userId', 'un évaluateur'), role === 'CHAIR' || role === 'RAPPORTEUR' ? role : 'MEMBER', actor),
    );
  }

  @Post('membres/:userId/retrait')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async removeMember(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Param('userId', ID) userId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.act(reply, auth, id, 'retrait', () => this.panel.removeMember(id, userId, actor));
  }

  @Post('attributions')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async assign(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    await this.act(reply, auth, id, 'attribution', () =>
      this.panel.assign(
        id,
        {
          applicationId: picked(body, 'applicationId', 'un dossier'),
          evaluatorId: picked(body, 'evaluatorId', 'un évaluateur'),
          rapporteur: field(body, 'rapporteur') === 'true',
        },
        actor,
      ),
    );
  }

  @Post('attributions/auto')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async autoAssign(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    const n = intField(body, 'evaluatorsPerDossier');
    await this.act(reply, auth, id, 'auto', () =>
      this.panel.autoAssign(id, n !== undefined && Number.isInteger(n) && n >= 1 && n <= 10 ? n : undefined, actor),
    );
  }

  @Post('derogations')
  @Roles('EVALUATOR')
  async waive(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ID) id: string, @Body() body: FormBody, @Res() reply: FastifyReply) {
    await this.act(reply, auth, id, 'derogation', () =>
      this.scoring.waive(auth.user, picked(body, 'applicationId', 'un dossier'), picked(body, 'evaluatorId', 'un évaluateur'), field(body, 'reason'), actor),
    );
  }

  /** Runs a change, then 303 to the page; a refused change re-renders the page with its reason. */
  private async act(reply: FastifyReply, auth: AuthContext, id: string, done: string, change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
      void reply.redirect(`/gestion/evaluation/appels/${id}/comite?statut=${done}`, 303);
    } catch (e) {
      if (e instanceof HttpProblemException) throw e;
      const failure = formFailure(e);
      const text = failure.alert?.text ?? failure.errors.map((x) => x.message).join(' ');
      send(reply, failure.status, await this.render(auth, id, { type: 'error', title: failure.alert?.title ?? 'Saisie invalide', text, refused: true }));
    }
  }

  private async render(auth: AuthContext, id: string, alert: { type: string; title: string; text: string; refused?: boolean } | null): Promise<string> {
    const call = await this.panels.findCall(id);
    if (!call) throw callNotFound();
    const manager = hasAny(auth.user, PANEL_MANAGERS);
    const chair = (await this.panels.memberRole(id, auth.user.id)) === 'CHAIR';
    if (!manager && !chair) throw callNotFound();
    const [members, assignments, dossiers, directory] = await Promise.all([
      this.panel.members(id),
      this.panel.assignments(id),
      this.panels.assignableOfCall(id),
      manager ? this.panels.evaluatorDirectory() : Promise.resolve([]),
    ]);
    const numbers = new Map(dossiers.map((d) => [d.id, d.number]));
    return this.views.render('evaluation/panel.njk', {
      ...evaluationLayout(auth, '/gestion/appels'),
      call,
      manager,
      chair,
      chairId: auth.user.id,
      members: members.map((m) => ({ ...m, roleLabel: ROLE_LABELS[m.role] })),
      candidateItems: directory.filter((u) => !members.some((m) => m.userId === u.id)).map((u) => ({ value: u.id, text: `${u.displayName} — ${u.email}` })),
      memberItems: members.map((m) => ({ value: m.userId, text: m.displayName })),
      dossierItems: dossiers.map((d) => ({ value: d.id, text: `${d.number} — ${d.title ?? 'sans titre'}` })),
      assignments: assignments.map((a) => ({ ...a, number: numbers.get(a.applicationId) ?? '—' })),
      // Said before anyone sets up a panel that could never score: no grid, no sheets, no ranking.
      alert: alert ?? (call.grid ? null : NO_GRID_ALERT(call.status === 'DRAFT')),
    });
  }
}

function NO_GRID_ALERT(draft: boolean): { type: string; title: string; text: string } {
  return {
    type: 'warning',
    title: "Cet appel n'a pas de grille d'évaluation",
    text: draft
      ? `Les évaluateurs ne pourront noter aucun dossier tant que la grille n'est pas composée (page « Grille d'évaluation » de l'appel).`
      : 'La grille est figée à la publication : les dossiers de cet appel ne peuvent être ni notés ni classés.',
  };
}

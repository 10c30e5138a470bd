import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { formVersion } from '../../web/section-forms';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { ERROR_TITLES } from '../../../common/errors/error-codes';
import { HttpProblemException } from '../../../common/errors/http-problem.exception';
import { parseEurosToCents } from '../../../common/money/parse-euros';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { STAFF_ROLES } from '../../auth/roles';
import { CALL_ID } from '../../calls/call-id.pipe';
import { parseParisDateTime } from '../../calls/domain/paris-time';
import { errorsByPath, FORM_REFUSED, isFormRefusal, summaryLinks, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { managesCommittees } from '../committee-access';
import { CommitteeAgendaUseCase } from '../committee-agenda.use-case';
import { GeneratedDocumentsView } from '../../documents/generated-documents.view';
import { CommitteeDecisionsUseCase } from '../committee-decisions.use-case';
import { CommitteeSessionsService } from '../committee-sessions.service';
import { CommitteeViewService } from '../committee-view.service';
import { CommitteeRepository } from '../committee.repository';
import { DecisionDto, RecusalDto } from '../dto/session-actions.dto';
import { CreateSessionDto } from '../dto/create-session.dto';
import { committeeLayout, minutesView, sessionPageModel, sessionStatusLabel } from './committee-views';
import { type ItemForm, itemFieldId, sessionFormFieldId } from './session-form-errors';
import { frenchDateTime } from '../../../common/fr';
import { HTML } from '../../web/page-kit';

const ID = new ParseUUIDPipe({ exceptionFactory: () => new HttpProblemException('NOT_FOUND', "Cette page n'existe pas.") });
type FormBody = Record<string, string | string[]>;
interface SessionPageError {
  title: string;
  message: string;
  errors: FieldError[];
  links: { text: string; href: string | null }[];
  form: ItemForm | null;
  applicationId: string | null;
}

const NOTICES: Record<string, string> = {
  creee: 'La séance est créée. Arrêtez son ordre du jour à partir du classement, puis pointez les présences.',
  presence: 'Présence enregistrée.',
  'ordre-du-jour': "L'ordre du jour est arrêté : les dossiers inscrits sont passés « en comité de programmation ».",
  ouverte: 'La séance est ouverte.',
  // The minutes have their own block, which follows their production (pending, ready, failed).
  close: 'La séance est close.',
  deport: 'Le déport est enregistré : ce membre ne délibère pas sur ce dossier.',
  decision: 'La décision est enregistrée.',
};

const str = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '');

/** The committee pages: sessions per call, the session screen with agenda, presence, recusals and decisions. */
@ApiExcludeController()
@Controller('comite')
@Roles(...STAFF_ROLES)
export class CommitteePagesController {
  constructor(
    private readonly agenda: CommitteeAgendaUseCase,
    private readonly committee: CommitteeRepository,
    private readonly decisions: CommitteeDecisionsUseCase,
    private readonly generatedDocuments: GeneratedDocumentsView,
    private readonly sessions: CommitteeSessionsService,
    private readonly views: ViewsService,
    private readonly viewsModel: CommitteeViewService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async home(@CurrentAuth() auth: AuthContext): Promise<string> {
    const manager = managesCommittees(auth.user);
    const sessions = await this.sessions.list(auth.user);
    const calls = manager ? await this.committee.publishedCalls() : [];
    const callIds = new Set([...calls.map((c) => c.id), ...sessions.map((s) => s.callId)]);
    // The minutes of closed sessions are linked from the list once the worker has produced them.
    const minutes = await this.generatedDocuments.forSessions(
      auth.user,
      sessions.map((s) => s.id),
    );
    const groups = [...callIds].map((id) => {
      const call = calls.find((c) => c.id === id);
      const own = sessions.filter((s) => s.callId === id);
      return {
        id,
        reference: call?.reference ?? own[0]?.callReference,
        title: call?.title ?? own[0]?.callTitle,
        sessions: own.map((s) => ({
          ...s,
          statusLabel: sessionStatusLabel(s.status),
          scheduled: frenchDateTime(new Date(s.scheduledAt)),
          minutes: minutes.get(s.id)?.find((d) => d.href) ?? null,
        })),
      };
    });
    return this.views.render('committee/home.njk', { ...committeeLayout(auth, '/comite'), groups, manager });
  }

  @Get('appels/:callId/nouvelle-seance')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @Header('Content-Type', HTML)
  async newSession(@CurrentAuth() auth: AuthContext, @Param('callId', CALL_ID) callId: string): Promise<string> {
    return this.sessionForm(auth, callId, { values: { quorum: '3', members: [] }, errors: [] });
  }

  @Post('appels/:callId/nouvelle-seance')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async createSession(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('callId', CALL_ID) callId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const members = ([] as string[]).concat(body.members ?? []);
    const chair = str(body.chair);
    const parsed = await validateForm(CreateSessionDto, body, (raw) => ({
      title: str(raw.title),
      scheduledAt: parseParisDateTime(str(raw.scheduledAt))?.toISOString() ?? str(raw.scheduledAt),
      location: str(raw.location) || undefined,
      quorum: Number.parseInt(str(raw.quorum), 10),
      // The institution a member represents, printed in the minutes (empty: the intermediate body).
      members: [...new Set([...members, ...(chair ? [chair] : [])])].map((userId) => ({
        userId,
        role: userId === chair ? 'CHAIR' : 'MEMBER',
        ...(str(raw[`institution-${userId}`]).trim() ? { institution: str(raw[`institution-${userId}`]).trim() } : {}),
      })),
    }));
    const institutions = Object.fromEntries(
      Object.entries(body ?? {})
        .filter(([k]) => k.startsWith('institution-'))
        .map(([k, v]) => [k.slice('institution-'.length), str(v)]),
    );
    const values = {
      title: str(body.title),
      scheduledAt: str(body.scheduledAt),
      location: str(body.location),
      quorum: str(body.quorum),
      members,
      chair,
      institutions,
    };
    let errors = parsed.errors;
    if (!errors.length) {
      try {
        const id = await this.sessions.create(callId, parsed.value, actor);
        return void reply.redirect(`/comite/seances/${id}?statut=creee`, 303);
      } catch (e) {
        if (!isFormRefusal(e)) throw e;
        errors = e.details.errors ?? [{ path: '', code: e.code, message: e.message }];
      }
    }
    void reply
      .status(FORM_REFUSED)
      .type(HTML)
      .send(await this.sessionForm(auth, callId, { values, errors }));
  }

  @Get('seances/:id')
  @Header('Content-Type', HTML)
  async session(@CurrentAuth() auth: AuthContext, @Param('id', ID) id: string, @Query('statut') statut?: string): Promise<string> {
    const notice = typeof statut === 'string' && Object.hasOwn(NOTICES, statut) ? NOTICES[statut] : null;
    return this.sessionPage(auth, id, { notice });
  }

  @Post('seances/:id/presences/:userId')
  async presence(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Param('userId', ID) userId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    await this.act(reply, auth, id, 'presence', () => this.sessions.setPresence(auth.user, actor, id, userId, str(body.present) === 'true'));
  }

  @Post('seances/:id/ordre-du-jour')
  async freeze(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ID) id: string, @Res() reply: FastifyReply) {
    await this.act(reply, auth, id, 'ordre-du-jour', () => this.agenda.freeze(auth.user, actor, id));
  }

  @Post('seances/:id/ouvrir')
  async open(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ID) id: string, @Res() reply: FastifyReply) {
    await this.act(reply, auth, id, 'ouverte', () => this.sessions.open(auth.user, actor, id));
  }

  @Post('seances/:id/clore')
  async close(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ID) id: string, @Res() reply: FastifyReply) {
    await this.act(reply, auth, id, 'close', () => this.sessions.close(auth.user, actor, id));
  }

  @Post('seances/:id/dossiers/:applicationId/deports')
  async recuse(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Param('applicationId', ID) applicationId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    const parsed = await validateForm(RecusalDto, { reason: str(body.reason) });
    const userId = str(body.userId);
    const form: ItemForm = { kind: 'deport', applicationId, typed: { userId, reason: str(body.reason) } };
    await this.act(
      reply,
      auth,
      id,
      'deport',
      async () => {
        if (parsed.errors.length) throw new DomainError('VALIDATION_FAILED', 'Le déport est incomplet.', { errors: parsed.errors });
        if (!/^[0-9a-f-]{36}$/i.test(userId))
          throw new DomainError('VALIDATION_FAILED', 'Choisissez le membre qui se déporte.', {
            errors: [{ path: 'userId', code: 'REQUIRED', message: 'Choisissez le membre qui se déporte.' }],
          });
        await this.decisions.recuse(auth.user, actor, id, applicationId, userId, parsed.value.reason);
      },
      form,
    );
  }

  @Post('seances/:id/dossiers/:applicationId/decision')
  async decide(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Param('applicationId', ID) applicationId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ) {
    // « Favorable avec un montant réduit » is a branch of the form only (docs/domain/committee.md): a favorable decision with an amount.
    const reducedBranch = str(body.outcome) === 'FAVORABLE_REDUCED';
    const amount = str(body.euros).trim();
    const euCents = amount === '' ? undefined : parseEurosToCents(amount);
    const parsed = await validateForm(DecisionDto, {
      outcome: reducedBranch ? 'FAVORABLE' : str(body.outcome),
      ...(euCents !== undefined ? { euCents: euCents ?? -1 } : {}),
      ...Object.fromEntries(
        ['conditions', 'reasonCode', 'reason', 'requests'].filter((k) => str(body[k]).trim() !== '').map((k): [string, string] => [k, str(body[k])]),
      ),
    });
    const typed = Object.fromEntries(['outcome', 'euros', 'conditions', 'reasonCode', 'reason', 'requests'].map((k) => [k, str(body[k])]));
    const form: ItemForm = { kind: 'decision', applicationId, typed };
    const missingAmount: FieldError[] =
      reducedBranch && euCents === undefined ? [{ path: 'euCents', code: 'REQUIRED', message: 'Indiquez le montant FSE+ réduit proposé au porteur.' }] : [];
    await this.act(
      reply,
      auth,
      id,
      'decision',
      async () => {
        if (parsed.errors.length || missingAmount.length)
          throw new DomainError('VALIDATION_FAILED', 'La décision est incomplète.', { errors: [...parsed.errors, ...missingAmount] });
        await this.decisions.decide(auth.user, actor, id, applicationId, parsed.value, formVersion(body));
      },
      form,
    );
  }

  /**
   * Runs a change and answers 303 to the session; a refused change re-renders the page (422) with its reason at the
   * top, each message linking to its field in the dossier's form, and what was typed in that form kept (docs/ui.md).
   */
  private async act(reply: FastifyReply, auth: AuthContext, id: string, notice: string, change: () => Promise<unknown>, form?: ItemForm): Promise<void> {
    try {
      await change();
      void reply.redirect(`/comite/seances/${id}?statut=${notice}${form ? `#dossier-${form.applicationId}` : ''}`, 303);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN') throw e;
      const errors = e.details.errors ?? [];
      const error = {
        title: ERROR_TITLES[e.code],
        message: e.message,
        errors,
        links: summaryLinks(errors, (path) => (form ? itemFieldId(form, path) : null)),
        form: form ?? null,
        applicationId: form?.applicationId ?? null,
      };
      void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.sessionPage(auth, id, { error }));
    }
  }

  private async sessionPage(auth: AuthContext, id: string, extra: { notice?: string | null; error?: SessionPageError }): Promise<string> {
    const detail = await this.viewsModel.detail(auth.user, id);
    const generatedDocuments = (await this.generatedDocuments.forSessions(auth.user, [id])).get(id) ?? [];
    return this.views.render('committee/session.njk', {
      ...committeeLayout(auth, '/comite'),
      ...sessionPageModel(detail, auth.user.id),
      minutes: minutesView(generatedDocuments),
      documentsStatusUrl: `/documents/seances/${id}/etat`,
      notice: extra.notice ?? null,
      error: extra.error ?? null,
      fieldErrors: extra.error ? errorsByPath(extra.error.errors) : {},
    });
  }

  private async sessionForm(auth: AuthContext, callId: string, form: { values: Record<string, unknown>; errors: FieldError[] }): Promise<string> {
    const call = await this.committee.findCall(callId);
    if (!call) throw new DomainError('NOT_FOUND', "Cet appel à projets n'existe pas ou ne vous est pas accessible.");
    const staff = await this.committee.staffUsers();
    return this.views.render('committee/new-session.njk', {
      ...committeeLayout(auth, '/comite'),
      call,
      staff,
      values: form.values,
      errors: summaryLinks(form.errors, sessionFormFieldId),
      fieldErrors: errorsByPath(form.errors.map((e) => ({ ...e, path: sessionFormFieldId(e.path) ?? e.path }))),
    });
  }
}

import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../common/actor/actor';
import { formatEuros, formatRate } from '../../../common/money/cents';
import { Authenticated } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ROLE_LABELS } from '../../auth/roles';
import type { LineCategory } from '../../cofinancing/domain/cofinancing';
import { calendarDateFr, parisToday } from '../../operations/domain/dates';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { isCalendarDate } from '../../applications/domain/duration';
import { EDUCATION_LEVELS, EMPLOYMENT_STATUSES, type RawParticipant, SENSITIVE_KEYS } from '../../participants/domain/participant';
import { attempt, field, type PageRefusal } from '../../web/page-errors';
import { ParticipantsService } from '../../participants/participants.service';
import { ViewsService } from '../../web/views.service';
import { ExecutionReportsService } from '../execution-reports.service';
import { ExpenditureFilesUseCase } from '../expenditure-files.use-case';
import { HTML } from '../../../common/http/html';

type Form = Record<string, string | string[] | undefined>;

export const CATEGORY_LABELS: Record<string, string> = {
  STAFF: 'Frais de personnel',
  OTHER_DIRECT: 'Autres coûts directs',
  EXTERNAL_SERVICES: 'Prestations externes',
  PARTICIPANTS: 'Dépenses liées aux participants',
  IN_KIND: 'Contributions en nature',
  FLAT_RATE: 'Coûts forfaitaires (calculés)',
};

/** The report editor (beneficiary) and its read-only view (staff): achievements, expenditure, participants, submission. */
@ApiExcludeController()
@Controller('bilans/:id')
@Authenticated()
export class ReportPagesController {
  constructor(
    private readonly files: ExpenditureFilesUseCase,
    private readonly pages: ViewsService,
    private readonly participants: ParticipantsService,
    private readonly reports: ExecutionReportsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('fait') done?: string): Promise<string> {
    return this.render(auth, id, null, done ?? null);
  }

  @Post('contenu')
  content(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const euros = field(body, 'resourceEuros');
    const resources = euros
      ? [
          {
            type: field(body, 'resourceType') || 'PUBLIC',
            funderName: field(body, 'resourceFunder') || null,
            amountCents: eurosToCents(euros),
            receivedOn: null,
          },
        ]
      : [];
    return this.act(auth, id, reply, 'contenu', () =>
      this.reports.update(auth.user, actor, id, `"${field(body, 'version')}"`, {
        achievements: { done: field(body, 'done'), results: field(body, 'results'), difficulties: field(body, 'difficulties') },
        resources,
      }),
    );
  }

  @Post('lignes')
  line(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Res() reply: FastifyReply) {
    const hours = field(body, 'hours');
    const hourly = field(body, 'hourlyEuros');
    return this.act(auth, id, reply, 'ligne', () =>
      this.reports.addLine(auth.user, actor, id, {
        category: field(body, 'category') as LineCategory,
        label: field(body, 'label'),
        supplier: field(body, 'supplier'),
        documentRef: field(body, 'documentRef'),
        documentDate: field(body, 'documentDate'),
        incurredOn: field(body, 'incurredOn'),
        paidOn: field(body, 'paidOn') || null,
        amountHtCents: eurosToCents(field(body, 'amountHtEuros') || '0'),
        amountTtcCents: eurosToCents(field(body, 'amountTtcEuros') || field(body, 'amountHtEuros') || '0'),
        shareBp: Math.round(Number((field(body, 'sharePercent') || '100').replace(',', '.')) * 100),
        hoursCenti: hours ? eurosToCents(hours) : null,
        hourlyCostCents: hourly ? eurosToCents(hourly) : null,
      }),
    );
  }

  @Post('lignes/:lineId/pieces')
  upload(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'piece', () => this.files.upload(auth.user, actor, id, lineId, req));
  }

  @Post('participants')
  import(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'import', () => this.participants.import(auth.user, actor, id, req));
  }

  @Post('participants/nouveau')
  addParticipant(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'participant', () => this.participants.add(auth.user, actor, id, participantFromForm(body)), participantFromForm(body));
  }

  @Get('participants/:participantId')
  @Header('Content-Type', HTML)
  async participantPage(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('participantId', ParseUUIDPipe) participantId: string,
  ): Promise<string> {
    const p = await this.participants.getOne(auth.user, id, participantId);
    return this.renderParticipant(auth, id, participantId, p as unknown as Record<string, unknown>, []);
  }

  @Post('participants/:participantId')
  async updateParticipant(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('participantId', ParseUUIDPipe) participantId: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const raw = participantFromForm(body);
    const refusal = await attempt(() => this.participants.update(auth.user, actor, id, participantId, raw));
    if (refusal)
      return void reply
        .status(refusal.status)
        .type(HTML)
        .send(await this.renderParticipant(auth, id, participantId, raw, refusal.errors));
    void reply.redirect(`/bilans/${id}?fait=participant`, 303);
  }

  @Post('report')
  postpone(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const dueDate = field(body, 'postponementDueDate');
    const reason = field(body, 'postponementReason').trim();
    return this.act(auth, id, reply, 'report-demande', async () => {
      // The API's DTO checks (date, reason) for the form, with the same paths as the inputs' ids.
      const errors = [
        ...(isCalendarDate(dueDate)
          ? []
          : [{ path: 'postponementDueDate', code: 'INVALID_DATE', message: 'Indiquez la nouvelle échéance demandée (date valide).' }]),
        ...(reason ? [] : [{ path: 'postponementReason', code: 'REQUIRED', message: 'Motivez la demande de report.' }]),
      ];
      if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
      try {
        await this.reports.requestPostponement(auth.user, actor, id, { dueDate, reason });
      } catch (e) {
        // The service names the API's fields (dueDate): point them at this form's inputs.
        if (!(e instanceof DomainError) || !e.details.errors) throw e;
        throw new DomainError(e.code, e.message, {
          ...e.details,
          errors: e.details.errors.map((x) => (x.path === 'dueDate' ? { ...x, path: 'postponementDueDate' } : x)),
        });
      }
    });
  }

  @Post('report/decision')
  decidePostponement(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const granted = field(body, 'granted');
    return this.act(auth, id, reply, granted === 'oui' ? 'report-accorde' : 'report-refuse', () =>
      this.reports.decidePostponement(auth.user, actor, id, { granted: granted === 'oui', reason: field(body, 'decisionReason') || undefined }),
    );
  }

  @Post('deposer')
  submit(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(auth, id, reply, 'depose', () => this.reports.submit(auth.user, actor, id, field(body, 'idempotencyKey')));
  }

  private async act(
    auth: AuthContext,
    id: string,
    reply: FastifyReply,
    done: string,
    action: () => Promise<unknown>,
    participant?: RawParticipant,
  ): Promise<void> {
    const refusal = await attempt(action);
    if (refusal)
      return void reply
        .status(refusal.status)
        .type(HTML)
        .send(await this.render(auth, id, refusal, null, participant));
    void reply.redirect(`/bilans/${id}?fait=${done}`, 303);
  }

  private async renderParticipant(
    auth: AuthContext,
    id: string,
    participantId: string,
    values: Record<string, unknown>,
    errors: FieldError[],
  ): Promise<string> {
    const r = await this.reports.get(auth.user, id);
    return this.pages.render('execution-reports/participant.njk', {
      user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((x) => ROLE_LABELS[x]), unread: auth.unread ?? 0 },
      csrfToken: auth.csrfToken,
      nav: [{ href: '/accueil', label: 'Accueil' }],
      r,
      participantId,
      values,
      choices: PARTICIPANT_CHOICES,
      errors,
      fieldErrors: fieldErrorsOf(errors),
    });
  }

  private async render(auth: AuthContext, id: string, refusal: PageRefusal | null, done: string | null, participant?: RawParticipant): Promise<string> {
    const r = await this.reports.get(auth.user, id);
    // The beneficiary's editor lists the report's participants (personal data: members only, the access check is the service's).
    const participants = r.can.edit ? (await this.participants.list(auth.user, id)).items : [];
    const importErrors = (refusal?.errors ?? []).filter((e) => 'row' in e);
    return this.pages.render('execution-reports/page.njk', {
      user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((x) => ROLE_LABELS[x]), unread: auth.unread ?? 0 },
      csrfToken: auth.csrfToken,
      nav: [{ href: '/accueil', label: 'Accueil' }],
      r,
      categories: Object.entries(CATEGORY_LABELS)
        .filter(([k]) => k !== 'FLAT_RATE')
        .map(([value, text]) => ({ value, text })),
      categoryLabels: CATEGORY_LABELS,
      fmt: { euros: formatEuros, rate: formatRate, date: (d: string | null) => (d ? calendarDateFr(String(d).slice(0, 10)) : '—') },
      errors: importErrors.length ? [] : (refusal?.errors ?? []),
      importErrors,
      done,
      idempotencyKey: randomUUID(),
      participants,
      participant: participant ?? {},
      choices: PARTICIPANT_CHOICES,
      fieldErrors: fieldErrorsOf(refusal?.errors ?? []),
      today: parisToday(),
    });
  }
}

/** « 1 234,56 » → cents; anything else NaN (refused by the checks). */
function eurosToCents(v: string): number {
  const m = /^(\d{1,13})(?:[,.](\d{1,2}))?$/.exec(v.replace(/[\s\u00a0\u202f]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

/** Choices of the participant form, in French (values are the Annex I codes the domain reads). */
export const PARTICIPANT_CHOICES = {
  sexes: [
    { value: 'F', text: 'Femme' },
    { value: 'M', text: 'Homme' },
    { value: 'X', text: 'Personne non binaire' },
  ],
  employment: EMPLOYMENT_STATUSES.map((value) => ({
    value,
    text: {
      UNEMPLOYED: 'Chômeur ou chômeuse',
      LONG_TERM_UNEMPLOYED: 'Chômeur ou chômeuse de longue durée',
      INACTIVE: 'Personne inactive',
      EMPLOYED: 'En emploi, y compris indépendant',
    }[value],
  })),
  education: EDUCATION_LEVELS.map((value) => ({
    value,
    text: {
      ISCED_0_2: 'Secondaire inférieur ou moins (CITE 0 à 2)',
      ISCED_3_4: 'Secondaire supérieur ou post-secondaire (CITE 3 et 4)',
      ISCED_5_8: 'Enseignement supérieur (CITE 5 à 8)',
    }[value],
  })),
  sensitive: SENSITIVE_KEYS.map((key) => ({
    key,
    label: {
      disability: 'Situation de handicap',
      thirdCountryNational: 'Ressortissant ou ressortissante d’un pays tiers',
      foreignBackground: 'Personne d’origine étrangère',
      minority: 'Minorité (y compris communautés marginalisées)',
      homeless: 'Sans domicile ou exclusion du logement',
      rural: 'Habite une zone rurale',
    }[key],
  })),
  sensitiveAnswers: [
    { value: '', text: 'Non demandé' },
    { value: 'YES', text: 'Oui' },
    { value: 'NO', text: 'Non' },
    { value: 'REFUSED', text: 'Ne souhaite pas répondre' },
  ],
  exits: [
    { key: 'exitJobSearch', label: 'En recherche d’emploi' },
    { key: 'exitEducation', label: 'En études ou en formation' },
    { key: 'exitQualification', label: 'A obtenu une qualification' },
    { key: 'exitEmployed', label: 'En emploi, y compris indépendant' },
  ],
};

const PARTICIPANT_TEXT = [
  'lastName',
  'firstName',
  'birthDate',
  'sex',
  'entryDate',
  'employmentStatus',
  'educationLevel',
  ...SENSITIVE_KEYS,
  'exitDate',
] as const;

/** The posted participant form as the domain reads it (checkboxes present = yes). */
export function participantFromForm(body: Form): RawParticipant {
  const raw: RawParticipant = {};
  for (const k of PARTICIPANT_TEXT) raw[k] = field(body, k);
  for (const k of ['exitJobSearch', 'exitEducation', 'exitQualification', 'exitEmployed'] as const) raw[k] = field(body, k) === 'oui';
  return raw;
}

function fieldErrorsOf(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.path] ??= e.message;
  return out;
}

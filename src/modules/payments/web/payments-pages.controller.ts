import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseSafeInteger } from '../../../database/money.transformer';
import { DataSource } from 'typeorm';
import type { Actor } from '../../../common/actor/actor';
import { formatEuros } from '../../../common/money/cents';
import { Authenticated, Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { FINANCE_STAFF } from '../../auth/finance-staff';
import { PAYMENT_VALIDATORS, ROLE_LABELS } from '../../auth/roles';
import { calendarDateFr } from '../../operations/domain/dates';
import { attempt, field, type PageRefusal } from '../../web/page-errors';
import { ViewsService } from '../../web/views.service';
import { DomainError } from '../../../common/errors/domain-error';
import { BankAccountsService, isFinance } from '../bank-accounts.service';
import { ClosureService } from '../closure/closure.service';
import { IRREGULARITY_FOLLOW_UP_LABELS, IRREGULARITY_TYPE_LABELS } from '../domain/irregularity';
import { PaymentClockService } from '../payment-clock.service';
import { PaymentsService } from '../payments.service';
import { RecoveryService } from '../recovery.service';
import { HTML } from '../../../common/http/html';
import { first } from '../../../common/collections';

type Form = Record<string, string | string[] | undefined>;

const KIND_LABELS: Record<string, string> = { ADVANCE: 'Avance', INTERIM: 'Acompte', BALANCE: 'Solde' };
const STATUS_LABELS: Record<string, string> = { PROPOSED: 'À valider', VALIDATED: 'Validé', REJECTED: 'Rejeté' };
const CLOCK_LABELS: Record<string, string> = { ON_TIME: 'Dans les délais', SOON_LATE: 'Bientôt en retard', LATE: 'En retard' };
const CLOCK_BADGES: Record<string, string> = { ON_TIME: 'fr-badge--success', SOON_LATE: 'fr-badge--warning', LATE: 'fr-badge--error' };

/** Staff pages of payments (docs/domain/payments.md): the validation queue with the 80-day clock, and an operation's payments. */
@ApiExcludeController()
@Controller()
export class PaymentsPagesController {
  constructor(
    private readonly accounts: BankAccountsService,
    private readonly dataSource: DataSource,
    private readonly clock: PaymentClockService,
    private readonly closure: ClosureService,
    private readonly pages: ViewsService,
    private readonly payments: PaymentsService,
    private readonly recovery: RecoveryService,
  ) {}

  @Get('paiements')
  @Roles(...FINANCE_STAFF, 'MANAGING_AUTHORITY')
  @Header('Content-Type', HTML)
  queue(@CurrentAuth() auth: AuthContext, @Query('fait') done?: string): Promise<string> {
    return this.renderQueue(auth, null, done ?? null);
  }

  @Post('paiements/:id/valider')
  @Roles(...PAYMENT_VALIDATORS)
  validate(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(
      reply,
      () => this.payments.validate(auth.user, actor, id, Number(field(body, 'version'))),
      'valide',
      (r) => this.renderQueue(auth, r, null),
    );
  }

  @Post('paiements/:id/rejeter')
  @Roles(...PAYMENT_VALIDATORS)
  reject(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(
      reply,
      () => this.payments.reject(auth.user, actor, id, Number(field(body, 'version')), field(body, 'reason')),
      'rejete',
      (r) => this.renderQueue(auth, r, null),
    );
  }

  @Get('operations/:id/paiements')
  @Authenticated()
  @Header('Content-Type', HTML)
  operation(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('fait') done?: string): Promise<string> {
    return this.renderOperation(auth, id, null, done ?? null);
  }

  @Post('operations/:id/paiements/avance')
  @Roles(...FINANCE_STAFF)
  advance(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply) {
    return this.act(
      reply,
      () => this.payments.proposeAdvance(auth.user, actor, id),
      'avance',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  @Post('operations/:id/paiements/proposer/:verificationId')
  @Roles(...FINANCE_STAFF)
  propose(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('verificationId', ParseUUIDPipe) verificationId: string,
    @Res() reply: FastifyReply,
  ) {
    return this.act(
      reply,
      () => this.payments.proposeFromVerification(auth.user, actor, verificationId),
      'propose',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  /** The beneficiary (or staff) enters a new IBAN with its RIB: multipart, `_csrf` first (CSRF_FIRST_FIELD_PATHS). */
  @Post('operations/:id/paiements/iban')
  @Authenticated()
  async submitIban(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const organisationId = await this.organisationOf(auth, id);
    return this.act(
      reply,
      () => this.accounts.submit(auth.user, actor, organisationId, req),
      'iban',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  @Post('operations/:id/paiements/iban/:accountId/decision')
  @Roles(...FINANCE_STAFF)
  decideIban(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('accountId', ParseUUIDPipe) accountId: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const accept = field(body, 'accept') === 'oui';
    return this.act(
      reply,
      () => this.accounts.decide(auth.user, actor, accountId, Number(field(body, 'version')), { accept, reason: field(body, 'reason') }),
      accept ? 'iban-valide' : 'iban-refuse',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  @Post('operations/:id/paiements/recouvrements/:recoveryId/solder')
  @Roles(...FINANCE_STAFF)
  settle(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('recoveryId', ParseUUIDPipe) recoveryId: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    return this.act(
      reply,
      () => this.recovery.settle(auth.user, actor, recoveryId, Number(field(body, 'version')), field(body, 'settledOn')),
      'solde',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  @Post('operations/:id/paiements/irregularites')
  @Roles(...FINANCE_STAFF)
  irregularity(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const amount = eurosToCents(field(body, 'amountEuros'));
    return this.act(
      reply,
      async () => {
        if (!Number.isSafeInteger(amount))
          throw new DomainError('VALIDATION_FAILED', 'Montant invalide.', {
            errors: [{ path: 'amountEuros', code: 'INVALID_AMOUNT', message: 'Indiquez le montant en euros, par exemple 1 250,00.' }],
          });
        if (!field(body, 'description'))
          throw new DomainError('VALIDATION_FAILED', 'Description manquante.', {
            errors: [{ path: 'description', code: 'REQUIRED', message: 'Décrivez l’irrégularité.' }],
          });
        return this.recovery.recordIrregularity(auth.user, actor, id, {
          type: field(body, 'type'),
          amountCents: amount,
          detectedOn: field(body, 'detectedOn'),
          description: field(body, 'description'),
        });
      },
      'irregularite',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  @Post('operations/:id/paiements/conservation')
  @Roles(...FINANCE_STAFF)
  legalHold(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ) {
    const lift = field(body, 'lever') === 'oui';
    return this.act(
      reply,
      () => this.closure.setLegalHold(auth.user, actor, id, lift ? null : field(body, 'reason')),
      lift ? 'conservation-levee' : 'conservation',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  @Post('operations/:id/paiements/cloturer')
  @Roles(...FINANCE_STAFF)
  close(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply) {
    return this.act(
      reply,
      () => this.closure.close(auth.user, actor, id),
      'cloturee',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  @Post('operations/:id/paiements/archiver')
  @Roles(...FINANCE_STAFF)
  archive(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply) {
    return this.act(
      reply,
      () => this.closure.requestArchive(auth.user, actor, id),
      'archive',
      (r) => this.renderOperation(auth, id, r, null),
      `/operations/${id}/paiements`,
    );
  }

  private async act(
    reply: FastifyReply,
    action: () => Promise<unknown>,
    done: string,
    rerender: (r: PageRefusal) => Promise<string>,
    back = '/paiements',
  ): Promise<void> {
    const refusal = await attempt(action);
    if (refusal)
      return void reply
        .status(refusal.status)
        .type(HTML)
        .send(await rerender(refusal));
    void reply.redirect(`${back}?fait=${done}`, 303);
  }

  private base(auth: AuthContext) {
    return {
      user: { displayName: auth.user.displayName, roleLabels: auth.user.roles.map((r) => ROLE_LABELS[r]), unread: auth.unread ?? 0 },
      csrfToken: auth.csrfToken,
      nav: [{ href: '/accueil', label: 'Accueil' }, ...(isFinance(auth.user) ? [{ href: '/paiements', label: 'Paiements' }] : [])],
      fmt: { euros: formatEuros, date: (d: string | Date | null) => (d ? calendarDateFr((d instanceof Date ? d.toISOString() : d).slice(0, 10)) : '—') },
      irregularityTypes: Object.entries(IRREGULARITY_TYPE_LABELS).map(([value, text]) => ({ value, text })),
      today: new Date().toISOString().slice(0, 10),
      labels: {
        kind: KIND_LABELS,
        status: STATUS_LABELS,
        clock: CLOCK_LABELS,
        clockBadge: CLOCK_BADGES,
        irregularity: IRREGULARITY_TYPE_LABELS,
        followUp: IRREGULARITY_FOLLOW_UP_LABELS,
      },
    };
  }

  private async renderQueue(auth: AuthContext, refusal: PageRefusal | null, done: string | null): Promise<string> {
    const [proposed, clock] = await Promise.all([this.payments.proposed(), this.clock.urgent()]);
    return this.pages.render('payments/queue.njk', {
      ...this.base(auth),
      proposed,
      clock,
      canValidate: auth.user.roles.some((r) => PAYMENT_VALIDATORS.includes(r)),
      userId: auth.user.id,
      errors: refusal?.errors ?? [],
      done,
    });
  }

  /** The operation's organisation, once the reader may see the operation (404 otherwise). */
  private async organisationOf(auth: AuthContext, id: string): Promise<string> {
    await this.payments.forOperation(auth.user, id);
    const row = first<{ organisation_id: string }>(
      await this.dataSource.query(`SELECT organisation_id FROM application WHERE id = $1`, [id]),
      'the organisation of the operation',
    );
    return row.organisation_id;
  }

  private async renderOperation(auth: AuthContext, id: string, refusal: PageRefusal | null, done: string | null): Promise<string> {
    const { payments, ledger } = await this.payments.forOperation(auth.user, id);
    const organisationId = await this.organisationOf(auth, id);
    const [{ member }] = await this.dataSource.query<[{ member: boolean }]>(
      `SELECT EXISTS (SELECT 1 FROM organisation_member WHERE organisation_id = $1 AND user_id = $2) AS member`,
      [organisationId, auth.user.id],
    );
    const handlesIban = member || isFinance(auth.user);
    const [recoveryOrders, irregularities, closure, accounts, verifications] = await Promise.all([
      this.recovery.recoveryOrders(id),
      this.recovery.irregularities(id),
      this.closure.view(auth.user, id),
      handlesIban ? this.accounts.list(auth.user, organisationId) : Promise.resolve([]),
      // FINALISED verifications not yet turned into a payment or a recovery order: each may be proposed for payment.
      this.dataSource.query<{ id: string; kind: string; retainedCents: string; finalisedAt: Date }[]>(
        `SELECT v.id, r.kind, v.retained_cents::bigint AS "retainedCents", v.finalised_at AS "finalisedAt" FROM verification v JOIN execution_report r ON r.id = v.report_id
          WHERE v.application_id = $1 AND v.status = 'FINALISED'
            AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.verification_id = v.id AND p.status <> 'REJECTED')
            AND NOT EXISTS (SELECT 1 FROM recovery_order ro WHERE ro.verification_id = v.id)
          ORDER BY v.finalised_at`,
        [id],
      ),
    ]);
    return this.pages.render('payments/operation.njk', {
      ...this.base(auth),
      id,
      payments,
      ledger,
      recoveryOrders,
      irregularities,
      closure,
      accounts,
      verifications: verifications.map((v) => ({ ...v, retainedCents: parseSafeInteger(v.retainedCents) })),
      userId: auth.user.id,
      handlesIban,
      finance: isFinance(auth.user),
      errors: refusal?.errors ?? [],
      done,
    });
  }
}

/** « 1 234,56 » typed in a form → cents (digits only; anything else is NaN, refused above). */
function eurosToCents(v: string): number {
  const m = /^(\d{1,13})(?:[,.](\d{1,2}))?$/.exec(v.replace(/[\s\u00a0\u202f]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

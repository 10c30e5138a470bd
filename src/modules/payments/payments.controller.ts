import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiFileResponse, UPLOAD_MEDIA_TYPES } from '../files/api-file-response';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor/actor';
import { etagOf, versionFromIfMatch } from '../../common/http/etag';
import { Authenticated, Roles } from '../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../auth/auth-context';
import { FINANCE_STAFF } from '../auth/finance-staff';
import { PAYMENT_VALIDATORS } from '../auth/roles';
import { attachmentDisposition } from '../files/domain/content-disposition';
import { BankAccountsService, type BankAccountView } from './bank-accounts.service';
import { ClosureService } from './closure/closure.service';
import {
  ArchiveRequestedResponse,
  BankAccountDecisionDto,
  BankAccountResponse,
  ClockLineResponse,
  ClosureResponse,
  IrregularityDto,
  IrregularityFollowUpDto,
  IrregularityResponse,
  LegalHoldDto,
  OperationPaymentsResponse,
  PaymentResponse,
  ProposeResultResponse,
  RecoveryOrderResponse,
  RejectPaymentDto,
  SettleRecoveryDto,
} from './dto/payments.dto';
import { PaymentClockService } from './payment-clock.service';
import type { PaymentRow } from './payments.repository';
import { type Finish, PaymentsService, type ProposeResult } from './payments.service';
import { idempotencyRequestHash, requireIdempotencyKey } from '../../common/idempotency/idempotency-key';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { RecoveryService } from './recovery.service';

const STAFF_READERS = [...FINANCE_STAFF, 'MANAGING_AUTHORITY' as const];

/** Payments, bank accounts, recovery, irregularities and closure (docs/domain/payments.md). */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/v1')
export class PaymentsController {
  constructor(
    private readonly accounts: BankAccountsService,
    private readonly clock: PaymentClockService,
    private readonly closure: ClosureService,
    private readonly idempotency: IdempotencyService,
    private readonly payments: PaymentsService,
    private readonly recovery: RecoveryService,
  ) {}

  @Get('payments')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'Payments waiting for validation, oldest first' })
  @ApiOkResponse({ type: [PaymentResponse] })
  async proposed(): Promise<PaymentResponse[]> {
    return (await this.payments.proposed()).map(toPaymentResponse);
  }

  @Get('payments/clock')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: '80-day payment clock (CPR 74(1)(b)) of the open payment claims; scope=urgent lists late and soon-late ones' })
  @ApiOkResponse({ type: [ClockLineResponse] })
  clockLines(@Query('scope') scope?: string): Promise<ClockLineResponse[]> {
    return scope === 'all' ? this.clock.open() : this.clock.urgent();
  }

  @Get('payments/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A payment order; ETag = version' })
  @ApiOkResponse({ type: PaymentResponse })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentResponse> {
    const p = await this.payments.get(auth.user, id);
    void reply.header('ETag', etagOf(p.version));
    return toPaymentResponse(p);
  }

  @Post('operations/:id/advance')
  @Roles(...FINANCE_STAFF)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional: a retry with the same key gets the first answer again' })
  @ApiOperation({ summary: 'Propose the advance of an operation whose start is attested' })
  @ApiCreatedResponse({ type: PaymentResponse })
  async proposeAdvance(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const r = await this.keyed(
      auth,
      'payments.advance',
      key,
      { id },
      (finish) => this.payments.proposeAdvance(auth.user, actor, id, finish),
      toPaymentResponse,
    );
    sendKeyed(reply, r);
  }

  @Post('verifications/:id/payment-proposal')
  @Roles(...FINANCE_STAFF)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Optional: a retry with the same key gets the first answer again' })
  @ApiOperation({ summary: 'From a FINALISED verification: propose the interim payment or the balance, or issue the recovery order' })
  @ApiCreatedResponse({ type: ProposeResultResponse })
  async propose(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('idempotency-key') key: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const r = await this.keyed(
      auth,
      'payments.proposal',
      key,
      { id },
      (finish) => this.payments.proposeFromVerification(auth.user, actor, id, finish),
      toProposeResponse,
    );
    sendKeyed(reply, r);
  }

  /**
   * A creating POST with an optional Idempotency-Key (docs/api.md): claimed first, its response stored in the business
   * transaction, and a retry under the same key answered byte for byte with the first response.
   */
  private async keyed<R>(
    auth: AuthContext,
    scope: string,
    rawKey: string | undefined,
    hashInput: unknown,
    exec: (finish?: Finish<R>) => Promise<R>,
    toBody: (r: R) => unknown,
  ): Promise<Keyed> {
    if (rawKey === undefined) return { body: JSON.stringify(toBody(await exec())), replayed: false };
    const claimed = await this.idempotency.claim(`${auth.user.id}:${scope}`, requireIdempotencyKey(rawKey), idempotencyRequestHash(hashInput));
    if (claimed.kind === 'replay') return { body: claimed.body, replayed: true };
    let body = '';
    try {
      await exec(async (em, r) => {
        body = await this.idempotency.complete(em, claimed.claim, 201, toBody(r));
      });
      return { body, replayed: false };
    } catch (e) {
      await this.idempotency.release(claimed.claim).catch(() => undefined);
      throw e;
    }
  }

  @Post('payments/:id/validation')
  @Roles(...PAYMENT_VALIDATORS)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Validate a payment (a second person: neither the proposer nor the verifier)' })
  @ApiOkResponse({ type: PaymentResponse })
  async validate(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentResponse> {
    const p = await this.payments.validate(auth.user, actor, id, versionFromIfMatch(ifMatch));
    void reply.header('ETag', etagOf(p.version));
    return toPaymentResponse(p);
  }

  @Post('payments/:id/rejection')
  @Roles(...PAYMENT_VALIDATORS)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Reject a proposed payment, with a reason' })
  @ApiOkResponse({ type: PaymentResponse })
  async reject(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: RejectPaymentDto,
  ): Promise<PaymentResponse> {
    return toPaymentResponse(await this.payments.reject(auth.user, actor, id, versionFromIfMatch(ifMatch), dto.reason));
  }

  @Get('operations/:id/payments')
  @Authenticated()
  @ApiOperation({ summary: "An operation's payments, cumulative figures, recovery orders, irregularities and closure" })
  @ApiOkResponse({ type: OperationPaymentsResponse })
  async forOperation(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<OperationPaymentsResponse> {
    const { payments, ledger } = await this.payments.forOperation(auth.user, id);
    const [recoveryOrders, irregularities, closure] = await Promise.all([
      this.recovery.recoveryOrders(id),
      this.recovery.irregularities(id),
      this.closure.view(auth.user, id),
    ]);
    return { payments: payments.map(toPaymentResponse), ledger, recoveryOrders, irregularities, closure };
  }

  @Get('organisations/:id/bank-accounts')
  @Authenticated()
  @ApiOperation({ summary: "An organisation's bank accounts, IBAN masked, newest first" })
  @ApiOkResponse({ type: [BankAccountResponse] })
  async bankAccounts(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<BankAccountResponse[]> {
    return (await this.accounts.list(auth.user, id)).map(toAccountResponse);
  }

  @Post('organisations/:id/bank-accounts')
  @Authenticated()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Submit a new IBAN with its RIB (multipart: iban, holder, bic, file); pending until a second person validates it' })
  @ApiCreatedResponse({ type: BankAccountResponse })
  async submitBankAccount(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
  ): Promise<BankAccountResponse> {
    return toAccountResponse(await this.accounts.submit(auth.user, actor, id, req));
  }

  @Post('bank-accounts/:id/decision')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Validate or refuse a pending IBAN (never by the person who entered it)' })
  @ApiOkResponse({ type: BankAccountResponse })
  async decideBankAccount(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: BankAccountDecisionDto,
  ): Promise<BankAccountResponse> {
    return toAccountResponse(await this.accounts.decide(auth.user, actor, id, versionFromIfMatch(ifMatch), dto));
  }

  @Get('bank-accounts/:id/rib')
  @Authenticated()
  @ApiOperation({ summary: 'The RIB file backing an IBAN' })
  @ApiFileResponse({ description: 'Le fichier du RIB', mediaTypes: UPLOAD_MEDIA_TYPES })
  async rib(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { account, stream } = await this.accounts.rib(auth.user, id);
    void reply
      .header('Content-Type', account.rib.mediaType)
      .header('Content-Disposition', attachmentDisposition(account.rib.originalName, account.rib.originalName.split('.').pop() ?? 'pdf'))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(stream);
  }

  @Get('recovery-orders/:id')
  @Roles(...STAFF_READERS)
  @ApiOperation({ summary: 'A recovery order; ETag = version' })
  @ApiOkResponse({ type: RecoveryOrderResponse })
  async recoveryOrder(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<RecoveryOrderResponse> {
    const r = await this.recovery.recoveryOrder(id);
    void reply.header('ETag', etagOf(r.version));
    return r;
  }

  @Post('recovery-orders/:id/settlement')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Record the settlement of a recovery order' })
  @ApiOkResponse({ type: RecoveryOrderResponse })
  settle(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: SettleRecoveryDto,
  ): Promise<RecoveryOrderResponse> {
    return this.recovery.settle(auth.user, actor, id, versionFromIfMatch(ifMatch), dto.settledOn);
  }

  @Post('operations/:id/irregularities')
  @Roles(...FINANCE_STAFF)
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an irregularity on an operation' })
  @ApiCreatedResponse({ type: IrregularityResponse })
  recordIrregularity(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: IrregularityDto,
  ): Promise<IrregularityResponse> {
    return this.recovery.recordIrregularity(auth.user, actor, id, dto);
  }

  @Post('irregularities/:id/follow-up')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: true })
  @ApiOperation({ summary: 'Record the follow-up of an irregularity' })
  @ApiOkResponse({ type: IrregularityResponse })
  followUp(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: IrregularityFollowUpDto,
  ): Promise<IrregularityResponse> {
    return this.recovery.followUp(auth.user, actor, id, versionFromIfMatch(ifMatch), dto);
  }

  @Get('operations/:id/closure')
  @Authenticated()
  @ApiOperation({ summary: 'Closure state: amounts due, paid, released, retention end, legal hold, archives' })
  @ApiOkResponse({ type: ClosureResponse })
  closureView(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<ClosureResponse> {
    return this.closure.view(auth.user, id);
  }

  @Post('operations/:id/closure')
  @Roles(...FINANCE_STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the operation (balance paid or recovery settled): CLOSED, released amount back to the envelope, archive' })
  @ApiOkResponse({ type: ClosureResponse })
  close(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClosureResponse> {
    return this.closure.close(auth.user, actor, id);
  }

  @Put('operations/:id/legal-hold')
  @Roles(...FINANCE_STAFF)
  @ApiOperation({ summary: 'Set a legal hold: the retention end is suspended' })
  @ApiOkResponse({ type: ClosureResponse })
  setHold(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: LegalHoldDto,
  ): Promise<ClosureResponse> {
    return this.closure.setLegalHold(auth.user, actor, id, dto.reason);
  }

  @Delete('operations/:id/legal-hold')
  @Roles(...FINANCE_STAFF)
  @ApiOperation({ summary: 'Lift the legal hold' })
  @ApiOkResponse({ type: ClosureResponse })
  liftHold(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClosureResponse> {
    return this.closure.setLegalHold(auth.user, actor, id, null);
  }

  @Post('operations/:id/archives')
  @Roles(...FINANCE_STAFF)
  @HttpCode(202)
  @ApiOperation({ summary: "Ask the worker for a new archive of the operation's complete file (tar + SHA-256 manifest)" })
  @ApiOkResponse({ type: ArchiveRequestedResponse })
  requestArchive(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ArchiveRequestedResponse> {
    return this.closure.requestArchive(auth.user, actor, id);
  }

  @Get('operation-archives/:id/content')
  @Roles(...FINANCE_STAFF)
  @ApiOperation({ summary: 'Download an operation archive (tar)' })
  @ApiFileResponse({ description: 'Archive tar', mediaTypes: ['application/x-tar'] })
  async archiveContent(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const a = await this.closure.archive(auth.user, id);
    void reply
      .header('Content-Type', 'application/x-tar')
      .header('Content-Length', String(a.sizeBytes))
      .header('Content-Disposition', attachmentDisposition(`archive-operation-${id}.tar`, 'tar'))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .header('Repr-Digest', `sha-256=:${Buffer.from(a.sha256, 'hex').toString('base64')}:`)
      .send(a.stream);
  }
}

interface Keyed {
  body: string;
  replayed: boolean;
}

function sendKeyed(reply: FastifyReply, r: Keyed): void {
  if (r.replayed) void reply.header('Idempotent-Replayed', 'true');
  void reply.status(201).type('application/json; charset=utf-8').send(r.body);
}

export function toPaymentResponse(p: PaymentRow): PaymentResponse {
  return {
    id: p.id,
    applicationId: p.applicationId,
    reference: p.reference,
    kind: p.kind,
    verificationId: p.verificationId,
    amountCents: p.amountCents,
    euDueCents: p.euDueCents,
    retainedCumulativeCents: p.retainedCumulativeCents,
    paidBeforeCents: p.paidBeforeCents,
    status: p.status,
    proposedByName: p.proposedByName,
    proposedAt: p.proposedAt,
    validatedByName: p.validatedByName,
    validatedAt: p.validatedAt,
    rejectionReason: p.rejectionReason,
    version: p.version,
  };
}

function toProposeResponse(r: ProposeResult): ProposeResultResponse {
  if (r.outcome === 'PAYMENT_PROPOSED') return { outcome: r.outcome, payment: toPaymentResponse(r.payment) };
  if (r.outcome === 'RECOVERY_ISSUED') return { outcome: r.outcome, recoveryOrderId: r.recoveryOrderId, amountCents: r.amountCents };
  return { outcome: r.outcome, euDueCents: r.euDueCents };
}

function toAccountResponse(a: BankAccountView): BankAccountResponse {
  return {
    id: a.id,
    organisationId: a.organisationId,
    ibanMasked: a.ibanMasked,
    holder: a.holder,
    bic: a.bic,
    status: a.status,
    rejectionReason: a.rejectionReason,
    submittedAt: a.submittedAt,
    version: a.version,
  };
}

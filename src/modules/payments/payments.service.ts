import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor/actor';
import { AuditService } from '../../common/audit/audit.service';
import { PaymentMails } from './payment-mails';
import { DomainError } from '../../common/errors/domain-error';
import { cents } from '../../common/money/cents';
import { OutboxRelay } from '../../common/outbox/outbox.relay';
import type { AuthUser } from '../auth/auth-context';
import { PAYMENT_VALIDATORS } from '../auth/roles';
import { advanceCents } from '../documents/domain/convention-terms';
import { DocumentRequests } from '../documents/document-requests.service';
import { BankAccountsService, isFinance } from './bank-accounts.service';
import { proposalFor } from './domain/payment-proposal';
import { assertSeparated } from './domain/separation';
import { PaymentsRepository, type PaymentRow } from './payments.repository';
import { RecoveryService } from './recovery.service';

const notFound = (): DomainError => new DomainError('NOT_FOUND', "Ce paiement n'existe pas ou ne vous est pas accessible.");
const operationNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cette opération n'existe pas ou ne vous est pas accessible.");
const rule = (message: string, code: string): DomainError => new DomainError('BUSINESS_RULE_VIOLATED', message, { rule: code });

/** Runs last in the creating transaction (an Idempotency-Key's stored response commits with the effects). */
export type Finish<R> = (em: EntityManager, result: R) => Promise<void>;

export type ProposeResult =
  | { outcome: 'PAYMENT_PROPOSED'; payment: PaymentRow }
  | { outcome: 'RECOVERY_ISSUED'; recoveryOrderId: string; amountCents: number }
  | { outcome: 'NOTHING_DUE'; euDueCents: number };

/**
 * Payment orders (docs/domain/payments.md, CPR art. 74 and Annex XI). Finance staff propose a payment — the advance
 * once the start is attested, or from a FINALISED verification (interim, balance); a different person holding the
 * payment-validation right validates it, never the proposer nor the verifier. The validation takes the beneficiary's
 * validated IBAN, asks the worker for the payment certificate and is audited, all in one transaction.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly accounts: BankAccountsService,
    private readonly audit: AuditService,
    private readonly mails: PaymentMails,
    private readonly dataSource: DataSource,
    private readonly documents: DocumentRequests,
    private readonly payments: PaymentsRepository,
    private readonly recovery: RecoveryService,
    private readonly relay: OutboxRelay,
  ) {}

  /** The advance (30 % of the EU amount, none for exempt categories), payable once the start is attested. */
  async proposeAdvance(user: AuthUser, actor: Actor, applicationId: string, finish?: Finish<PaymentRow>): Promise<PaymentRow> {
    assertFinance(user);
    return this.dataSource.transaction(async (em) => {
      const app = await this.lockOperation(em, applicationId);
      if (!['IN_PROGRESS'].includes(app.status) || !(await this.payments.startAttested(applicationId, em))) {
        throw rule("L'avance est payable une fois le démarrage de l'opération attesté.", 'START_NOT_ATTESTED');
      }
      const ledger = await this.payments.ledger(applicationId, em);
      const { advanceCategory } = await this.payments.organisationOf(applicationId, em);
      const amount = advanceCents(cents(ledger.euCeilingCents), advanceCategory);
      if (amount <= 0) throw rule("Cette structure n'a pas droit à une avance (collectivité, OPCO ou opérateur de l'État).", 'ADVANCE_EXEMPT');
      const existing = await em.query<unknown[]>(`SELECT 1 FROM payment WHERE application_id = $1 AND kind = 'ADVANCE' AND status <> 'REJECTED'`, [
        applicationId,
      ]);
      if (existing.length) throw new DomainError('CONFLICT', "L'avance de cette opération a déjà été proposée.");
      const payment = await this.insertProposal(em, actor, user, {
        applicationId,
        kind: 'ADVANCE',
        verificationId: null,
        verifiedBy: null,
        amountCents: amount,
        euDueCents: 0,
        retained: ledger.retainedEligibleCents,
        paid: ledger.paidCents,
      });
      if (finish) await finish(em, payment);
      return payment;
    });
  }

  /**
   * From a FINALISED verification: an interim payment (intermediate report), the balance or a recovery order (final
   * report), computed by `computeAmountDue` on the operation's cumulative figures.
   */
  async proposeFromVerification(user: AuthUser, actor: Actor, verificationId: string, finish?: Finish<ProposeResult>): Promise<ProposeResult> {
    assertFinance(user);
    const result = await this.dataSource.transaction(async (em): Promise<ProposeResult> => {
      const r = await this.proposeIn(em, user, actor, verificationId);
      if (finish) await finish(em, r);
      return r;
    });
    this.relay.kick();
    return result;
  }

  private async proposeIn(em: EntityManager, user: AuthUser, actor: Actor, verificationId: string): Promise<ProposeResult> {
    const v = await this.payments.finalisedVerification(verificationId, em);
    if (!v) throw new DomainError('NOT_FOUND', "Cette vérification n'existe pas ou n'est pas finalisée.");
    await this.lockOperation(em, v.applicationId);
    const used = await em.query<unknown[]>(
      `SELECT 1 FROM payment WHERE verification_id = $1 AND status <> 'REJECTED' UNION ALL SELECT 1 FROM recovery_order WHERE verification_id = $1`,
      [verificationId],
    );
    if (used.length) throw new DomainError('CONFLICT', 'Cette vérification a déjà donné lieu à un paiement ou à un recouvrement.');
    const ledger = await this.payments.ledger(v.applicationId, em);
    const p = proposalFor(v.reportKind, ledger);
    if (p.action === 'NOTHING') return { outcome: 'NOTHING_DUE', euDueCents: p.due.euDueCents };
    if (p.action === 'RECOVER') {
      const id = await this.recovery.issue(em, actor, user, {
        applicationId: v.applicationId,
        verificationId,
        amountCents: p.amountCents,
        reason: `Trop-perçu constaté au solde : payé ${ledger.paidCents} c, dû ${p.due.euDueCents} c.`,
      });
      return { outcome: 'RECOVERY_ISSUED', recoveryOrderId: id, amountCents: p.amountCents };
    }
    const payment = await this.insertProposal(em, actor, user, {
      applicationId: v.applicationId,
      kind: p.kind,
      verificationId,
      verifiedBy: v.finalisedBy,
      amountCents: p.amountCents,
      euDueCents: p.due.euDueCents,
      retained: ledger.retainedEligibleCents,
      paid: ledger.paidCents,
    });
    return { outcome: 'PAYMENT_PROPOSED', payment };
  }

  /** Validation by a second person (PAYMENT_VALIDATORS, neither proposer nor verifier), with the validated IBAN. */
  async validate(user: AuthUser, actor: Actor, id: string, expectedVersion: number): Promise<PaymentRow> {
    if (!user.roles.some((r) => PAYMENT_VALIDATORS.includes(r))) throw new DomainError('FORBIDDEN', "Vous n'avez pas le droit de valider les paiements.");
    const payment = await this.dataSource.transaction(async (em) => {
      const p = await this.payments.find(id, em, true);
      if (!p) throw notFound();
      if (p.status !== 'PROPOSED') throw new DomainError('CONFLICT', 'Ce paiement a déjà été validé ou rejeté.');
      if (p.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED', 'Le paiement a changé entre-temps : rechargez la page.');
      assertSeparated(user.id, { proposedBy: p.proposedBy, verifiedBy: p.verifiedBy });
      const { organisationId } = await this.payments.organisationOf(p.applicationId, em);
      const account = await this.accounts.payableAccount(em, organisationId);
      if (!(await this.payments.markValidated(em, id, expectedVersion, user.id, account.id)))
        throw new DomainError('PRECONDITION_FAILED', 'Le paiement a changé entre-temps : rechargez la page.');
      await this.documents.request(em, {
        kind: 'PAYMENT_CERTIFICATE',
        subjectId: p.applicationId,
        source: { type: 'payment', id },
        requestKey: `payment-${id}`,
        requestedBy: user.id,
      });
      await this.mails.paymentValidated(
        em,
        { id, applicationId: p.applicationId, kind: p.kind, amountCents: p.amountCents, reference: p.reference },
        account.iban,
      );
      await this.audit.record(em, actor, {
        action: 'payment.validated',
        subjectType: 'payment',
        subjectId: id,
        before: { status: 'PROPOSED' },
        after: {
          status: 'VALIDATED',
          applicationId: p.applicationId,
          kind: p.kind,
          amountCents: p.amountCents,
          reference: p.reference,
          bankAccountId: account.id,
        },
      });
      return (await this.payments.find(id, em))!;
    });
    this.relay.kick();
    return payment;
  }

  async reject(user: AuthUser, actor: Actor, id: string, expectedVersion: number, reason: string): Promise<PaymentRow> {
    if (!user.roles.some((r) => PAYMENT_VALIDATORS.includes(r))) throw new DomainError('FORBIDDEN', "Vous n'avez pas le droit de rejeter les paiements.");
    const text = reason.trim();
    if (!text)
      throw new DomainError('VALIDATION_FAILED', 'Indiquez le motif du rejet.', {
        errors: [{ path: 'reason', code: 'REQUIRED', message: 'Indiquez le motif du rejet.' }],
      });
    return this.dataSource.transaction(async (em) => {
      const p = await this.payments.find(id, em, true);
      if (!p) throw notFound();
      if (p.status !== 'PROPOSED') throw new DomainError('CONFLICT', 'Ce paiement a déjà été validé ou rejeté.');
      if (!(await this.payments.markRejected(em, id, expectedVersion, user.id, text)))
        throw new DomainError('PRECONDITION_FAILED', 'Le paiement a changé entre-temps : rechargez la page.');
      await this.audit.record(em, actor, {
        action: 'payment.rejected',
        subjectType: 'payment',
        subjectId: id,
        before: { status: 'PROPOSED' },
        after: { status: 'REJECTED', reason: text },
      });
      return (await this.payments.find(id, em))!;
    });
  }

  async get(user: AuthUser, id: string): Promise<PaymentRow> {
    const p = await this.payments.find(id);
    if (!p || !(await this.canRead(user, p.applicationId))) throw notFound();
    return p;
  }

  /** An operation's payments and its cumulative figures (members of the beneficiary and finance staff). */
  async forOperation(user: AuthUser, applicationId: string) {
    if (!(await this.canRead(user, applicationId))) throw operationNotFound();
    const [payments, ledger] = await Promise.all([this.payments.forApplication(applicationId), this.payments.ledger(applicationId)]);
    return { payments, ledger };
  }

  proposed() {
    return this.payments.proposed();
  }

  private async canRead(user: AuthUser, applicationId: string): Promise<boolean> {
    if (isFinance(user) || user.roles.includes('MANAGING_AUTHORITY')) {
      const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM application WHERE id = $1 AND submitted_at IS NOT NULL`, [applicationId]);
      return rows.length > 0;
    }
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM application a JOIN organisation_member m ON m.organisation_id = a.organisation_id AND m.user_id = $2 WHERE a.id = $1`,
      [applicationId, user.id],
    );
    return rows.length > 0;
  }

  private async lockOperation(em: EntityManager, applicationId: string): Promise<{ status: string }> {
    const [app] = await em.query<{ status: string }[]>(`SELECT status FROM application WHERE id = $1 AND submitted_at IS NOT NULL FOR UPDATE`, [applicationId]);
    if (!app) throw operationNotFound();
    if (app.status !== 'IN_PROGRESS')
      throw new DomainError('INVALID_STATUS_TRANSITION', "Seule une opération en cours d'exécution peut recevoir un paiement.", { currentStatus: app.status });
    const open = await em.query<unknown[]>(`SELECT 1 FROM payment WHERE application_id = $1 AND status = 'PROPOSED'`, [applicationId]);
    if (open.length) throw new DomainError('CONFLICT', 'Un paiement de cette opération attend déjà sa validation.');
    return app;
  }

  private async insertProposal(
    em: EntityManager,
    actor: Actor,
    user: AuthUser,
    p: {
      applicationId: string;
      kind: 'ADVANCE' | 'INTERIM' | 'BALANCE';
      verificationId: string | null;
      verifiedBy: string | null;
      amountCents: number;
      euDueCents: number;
      retained: number;
      paid: number;
    },
  ): Promise<PaymentRow> {
    const reference = await this.payments.nextReference(em, 'PAI');
    const id = await this.payments.insert(em, { ...p, reference, retainedCumulativeCents: p.retained, paidBeforeCents: p.paid, proposedBy: user.id });
    await this.audit.record(em, actor, {
      action: 'payment.proposed',
      subjectType: 'payment',
      subjectId: id,
      after: { applicationId: p.applicationId, kind: p.kind, amountCents: p.amountCents, reference, verificationId: p.verificationId },
    });
    return (await this.payments.find(id, em))!;
  }
}

function assertFinance(user: AuthUser): void {
  if (!isFinance(user)) throw new DomainError('FORBIDDEN', "Vous n'avez pas le droit de proposer des paiements.");
}

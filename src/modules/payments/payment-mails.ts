import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { frenchCalendarDate, frenchEuros } from '../../common/fr';
import { MailService } from '../mail/mail.service';
import { maskIban } from './domain/iban';

const KIND_LABELS: Record<string, string> = { ADVANCE: 'avance', INTERIM: 'acompte', BALANCE: 'solde' };

/**
 * The beneficiary's mails about money (docs/domain/notifications.md): a validated payment and a recovery order, queued
 * in the transaction that records them, to every member of the organisation. The IBAN is masked in the mail.
 */
@Injectable()
export class PaymentMails {
  constructor(private readonly mail: MailService) {}

  async paymentValidated(
    em: EntityManager,
    p: { id: string; applicationId: string; kind: string; amountCents: number; reference: string },
    iban: string,
  ): Promise<void> {
    const op = await this.operation(em, p.applicationId);
    await this.mail.toOrganisation(em, op.organisationId, {
      template: 'payment-made',
      eventKey: `payment.validated:${p.id}`,
      params: {
        applicationId: p.applicationId,
        number: op.number,
        title: op.title,
        kindLabel: KIND_LABELS[p.kind] ?? p.kind,
        amount: frenchEuros(p.amountCents),
        reference: p.reference,
        maskedIban: maskIban(iban),
      },
    });
  }

  async recoveryIssued(
    em: EntityManager,
    r: { id: string; applicationId: string; amountCents: number; reference: string; dueDate: string; reason: string },
  ): Promise<void> {
    const op = await this.operation(em, r.applicationId);
    await this.mail.toOrganisation(em, op.organisationId, {
      template: 'recovery-order',
      eventKey: `recovery_order.issued:${r.id}`,
      params: {
        applicationId: r.applicationId,
        number: op.number,
        title: op.title,
        amount: frenchEuros(r.amountCents),
        reference: r.reference,
        dueDate: frenchCalendarDate(r.dueDate),
        reason: r.reason,
      },
    });
  }

  private async operation(em: EntityManager, applicationId: string): Promise<{ organisationId: string; number: string; title: string }> {
    const [row]: { organisationId: string; number: string | null; title: string | null }[] = await em.query(
      `SELECT organisation_id AS "organisationId", number, title FROM application WHERE id = $1`,
      [applicationId],
    );
    return { organisationId: row!.organisationId, number: row!.number ?? 'sans numéro', title: row!.title ?? 'Opération sans titre' };
  }
}

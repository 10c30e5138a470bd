import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName } from '../../jobs/queues';
import { categoryOf } from './domain/notification-categories';
import { MailRenderer } from './mail-renderer';
import { MailRecipient, MailRepository, type NewMail } from './mail.repository';
import type { OutboxJob } from '../../common/outbox/outbox.service';
import type { PendingNumber } from '../applications/lifecycle/application-lifecycle';

export interface MailRequest {
  /** templates/mail/<template>.* */
  readonly template: string;
  readonly params: Record<string, unknown>;
  /** What happened, once: e.g. `application.submitted:<id>:1`. The recipient is appended. */
  readonly eventKey: string;
}

/**
 * Queues mail in the caller's transaction (docs/decisions/0006-mail.md): the message row and its outbox job commit with the
 * event, or not at all. The job carries the message id only; the address and the words stay in the database.
 */
@Injectable()
export class MailService {
  constructor(
    private readonly mails: MailRepository,
    private readonly renderer: MailRenderer,
  ) {}

  /** To one user (skipped when inactive); returns the message id, or null when already queued or no recipient. */
  async toUser(em: EntityManager, userId: string, request: MailRequest): Promise<string | null> {
    const recipient = await this.mails.activeUser(em, userId);
    return recipient ? this.queue(em, recipient, request) : null;
  }

  /** To every active member of an organisation: the people who act for the applicant. */
  async toOrganisation(em: EntityManager, organisationId: string, request: MailRequest): Promise<string[]> {
    return this.toRecipients(em, await this.mails.organisationMembers(em, organisationId, categoryOf(request.template)), request);
  }

  /** To recipients the caller read already (ORGANISATION_RECIPIENTS_SQL for the request's category). */
  async toRecipients(em: EntityManager, recipients: readonly Required<MailRecipient>[], request: MailRequest): Promise<string[]> {
    const ids: string[] = [];
    for (const member of recipients) {
      const id = await this.queue(em, member, request);
      if (id) ids.push(id);
    }
    return ids;
  }

  /** To an address with no account yet (an invitation). */
  async toAddress(em: EntityManager, address: string, request: MailRequest): Promise<string | null> {
    return this.queue(em, { userId: '', email: address }, request);
  }

  /**
   * To recipients the caller read already, the rows riding with a first submission's last statement (PendingNumber):
   * the request's params carry `pending.placeholder` where the number goes, and the statement writes the number.
   */
  rideToRecipients(pending: PendingNumber, recipients: readonly Required<MailRecipient>[], request: MailRequest): void {
    for (const recipient of recipients) {
      const { mail, job } = this.compose(recipient, request, recipient.byMail);
      pending.riders.push(this.mails.withJobRider(mail, job, pending.placeholder));
    }
  }

  private async queue(em: EntityManager, recipient: MailRecipient, request: MailRequest): Promise<string | null> {
    // Always kept for the inbox; mailed unless the person opted out of this category (docs/domain/notifications.md).
    const category = categoryOf(request.template);
    const mailed = !recipient.userId || !category || (recipient.byMail ?? (await this.mails.wantsMail(em, recipient.userId, category)));
    const { mail, job } = this.compose(recipient, request, mailed);
    // One statement for the row and its job: the job carries the id chosen here (docs/decisions/0010-throughput.md).
    return this.mails.insertWithJob(em, mail, job);
  }

  private compose(recipient: MailRecipient, request: MailRequest, mailed: boolean): { mail: NewMail & { id: string }; job: OutboxJob | null } {
    const rendered = this.renderer.render(request.template, request.params);
    const id = randomUUID();
    return {
      mail: {
        id,
        dedupeKey: `${request.eventKey}:${recipient.userId || recipient.email}`,
        template: request.template,
        recipientUserId: recipient.userId || null,
        toAddress: recipient.email,
        subject: rendered.subject,
        bodyText: rendered.text,
        bodyHtml: rendered.html,
        status: mailed ? 'PENDING' : 'SKIPPED',
      },
      job: mailed ? { name: JobName.SendMail, payload: { mailId: id } } : null,
    };
  }
}

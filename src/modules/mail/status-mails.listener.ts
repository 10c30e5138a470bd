import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationLifecycle, type TransitionEvent } from '../applications/lifecycle/application-lifecycle';
import { statusMail } from './domain/status-mail';
import { MailService } from './mail.service';
import { jsonRows } from '../../database/json-parts';
import { type MailRecipient, ORGANISATION_RECIPIENTS_SQL } from './mail.repository';
import { categoryOf } from './domain/notification-categories';
import { frenchDateTime } from '../../common/fr';

interface DossierFacts {
  organisationId: string;
  number: string | null;
  title: string | null;
  callTitle: string;
  submittedAt: Date | null;
  dueDate: string | null;
  /** The organisation's active members, with their choice for the message's category. */
  recipients: Required<MailRecipient>[];
}

const FR_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Mails the applicant's organisation when its dossier reaches a status that concerns it (docs/domain/notifications.md),
 * in the transition's transaction: the message exists iff the change commits, and is keyed by the dossier's version so
 * a replayed transition sends nothing more.
 *
 * A first submission's listeners run before its number is taken (`event.pendingNumber`): the message is rendered with
 * the placeholder, and its row and send job ride with the submission's last statement, which writes the number into
 * the subject and bodies (ApplicationLifecycle#submit, docs/decisions/0010-throughput.md). Committed, the message always
 * shows the number, and the send-mail job sends the row as it is, exactly once, as any other.
 */
@Injectable()
export class StatusMails implements OnModuleInit {
  constructor(
    private readonly lifecycle: ApplicationLifecycle,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onTransition((em, event) => this.follow(em, event));
  }

  async follow(em: EntityManager, event: TransitionEvent): Promise<void> {
    const kind = statusMail(event.to);
    if (!kind) return;
    const facts = await this.facts(em, event.id, categoryOf(kind.template));
    if (!facts) return;
    const pending = event.pendingNumber;
    const submittedAt = pending ? pending.submittedAt : facts.submittedAt;
    const request = {
      template: kind.template,
      eventKey: `application.${event.to.toLowerCase()}:${event.id}:${event.version}`,
      params: {
        applicationId: event.id,
        number: pending ? pending.placeholder : (facts.number ?? 'sans numéro'),
        title: facts.title ?? 'Dossier sans titre',
        callTitle: facts.callTitle,
        submittedAt: submittedAt ? frenchDateTime(new Date(submittedAt)) : '',
        dueDate: facts.dueDate ? FR_DATE.format(new Date(`${facts.dueDate}T00:00:00Z`)) : '',
        decisionLabel: kind.decisionLabel ?? '',
        decisionText: kind.decisionText ?? '',
      },
    };
    // A first submission's messages are written, numbered, by its last statement (docs/decisions/0010-throughput.md).
    if (pending) this.mail.rideToRecipients(pending, facts.recipients, request);
    else await this.mail.toRecipients(em, facts.recipients, request);
  }

  /**
   * What the message says and to whom, in one statement: read in the transaction, so it sees the change being made (but
   * a pending number).
   */
  private async facts(em: EntityManager, id: string, category: string | null): Promise<DossierFacts | undefined> {
    const rows: DossierFacts[] = await em.query(
      `SELECT a.organisation_id AS "organisationId", a.number, a.title, c.title AS "callTitle", a.submitted_at AS "submittedAt",
              (SELECT r.due_date::text FROM admissibility_review r WHERE r.application_id = a.id AND r.due_date IS NOT NULL
                ORDER BY r.round DESC LIMIT 1) AS "dueDate",
              ${jsonRows(ORGANISATION_RECIPIENTS_SQL, 'a.organisation_id')} AS recipients
         FROM application a JOIN call c ON c.id = a.call_id WHERE a.id = $1`,
      [id, category],
    );
    return rows[0];
  }
}

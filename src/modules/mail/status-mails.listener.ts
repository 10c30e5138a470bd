import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatParisDateTime } from '../calls/domain/paris-time';
import { ApplicationLifecycle, type TransitionEvent } from '../applications/lifecycle/application-lifecycle';
import { statusMail } from './domain/status-mail';
import { MailService } from './mail.service';

interface DossierFacts {
  organisationId: string;
  number: string | null;
  title: string | null;
  callTitle: string;
  submittedAt: Date | null;
  version: number;
  dueDate: string | null;
}

const FR_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Mails the applicant's organisation when its dossier reaches a status that concerns it (docs/domain/notifications.md),
 * in the transition's transaction: the message exists iff the change commits, and is keyed by the dossier's version so
 * a replayed transition sends nothing more.
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
    const facts = await this.facts(em, event.id);
    if (!facts) return;
    await this.mail.toOrganisation(em, facts.organisationId, {
      template: kind.template,
      eventKey: `application.${event.to.toLowerCase()}:${event.id}:${facts.version}`,
      params: {
        applicationId: event.id,
        number: facts.number ?? 'sans numéro',
        title: facts.title ?? 'Dossier sans titre',
        callTitle: facts.callTitle,
        submittedAt: facts.submittedAt ? formatParisDateTime(new Date(facts.submittedAt)) : '',
        dueDate: facts.dueDate ? FR_DATE.format(new Date(`${facts.dueDate}T00:00:00Z`)) : '',
        decisionLabel: kind.decisionLabel ?? '',
        decisionText: kind.decisionText ?? '',
      },
    });
  }

  /** What the message says: read in the transaction, so it sees the change being made. */
  private async facts(em: EntityManager, id: string): Promise<DossierFacts | undefined> {
    const rows: DossierFacts[] = await em.query(
      `SELECT a.organisation_id AS "organisationId", a.number, a.title, c.title AS "callTitle", a.submitted_at AS "submittedAt", a.version,
              (SELECT r.due_date::text FROM admissibility_review r WHERE r.application_id = a.id AND r.due_date IS NOT NULL
                ORDER BY r.round DESC LIMIT 1) AS "dueDate"
         FROM application a JOIN call c ON c.id = a.call_id WHERE a.id = $1`,
      [id],
    );
    return rows[0];
  }
}

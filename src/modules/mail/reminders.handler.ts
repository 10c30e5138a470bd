import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler } from '../../jobs/job-handler';
import { JobName } from '../../jobs/queues';
import { COMPLEMENTS_REMINDER_DAYS, reminderDue } from './domain/reminders';
import { MailService } from './mail.service';

interface ComplementsDue {
  id: string;
  organisationId: string;
  number: string;
  title: string | null;
  dueDate: string;
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const FR_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The scheduled reminders (a BullMQ job scheduler runs this once per tick, whatever the number of workers). Each
 * reminder is a mail keyed by subject, due date and person, so a second run, a second worker or a redelivered job
 * queues nothing more: "once per person and due date".
 */
@Injectable()
export class RemindersHandler implements JobHandler<typeof JobName.SendReminders> {
  readonly jobName = JobName.SendReminders;
  private readonly logger = new Logger(RemindersHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
  ) {}

  async handle(): Promise<void> {
    await this.run();
  }

  /** Returns how many messages were queued (0 when every due reminder was already sent). */
  async run(now = new Date()): Promise<number> {
    const today = PARIS_DAY.format(now);
    let queued = 0;
    for (const d of await this.complementsDue(today)) {
      if (!reminderDue(d.dueDate, today, COMPLEMENTS_REMINDER_DAYS)) continue;
      const ids = await this.dataSource.transaction((em) =>
        this.mail.toOrganisation(em, d.organisationId, {
          template: 'complements-reminder',
          eventKey: `reminder.complements:${d.id}:${d.dueDate}`,
          params: { applicationId: d.id, number: d.number, title: d.title ?? 'Dossier sans titre', dueDate: FR_DATE.format(new Date(`${d.dueDate}T00:00:00Z`)) },
        }),
      );
      queued += ids.length;
    }
    if (queued) this.logger.log(`${queued} reminder(s) queued`);
    return queued;
  }

  /** Dossiers waiting for complements whose latest request is due within the reminder window. */
  private complementsDue(today: string): Promise<ComplementsDue[]> {
    return this.dataSource.query(
      `SELECT a.id, a.organisation_id AS "organisationId", a.number, a.title, r.due_date::text AS "dueDate"
         FROM application a
         JOIN LATERAL (SELECT due_date FROM admissibility_review WHERE application_id = a.id ORDER BY round DESC LIMIT 1) r ON true
        WHERE a.status = 'INCOMPLETE' AND r.due_date BETWEEN $1::date AND $1::date + $2::int
        ORDER BY r.due_date, a.id`,
      [today, COMPLEMENTS_REMINDER_DAYS],
    );
  }
}

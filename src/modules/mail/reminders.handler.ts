import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler } from '../../jobs/job-handler';
import { JobName } from '../../jobs/queues';
import { COMPLEMENTS_REMINDER_DAYS, overdueReminderDue, REPORT_OVERDUE_WINDOW_DAYS, REPORT_REMINDER_DAYS, reminderDue, SIGNATURE_REMINDER_DAYS } from './domain/reminders';
import { MailService } from './mail.service';

interface ComplementsDue {
  id: string;
  organisationId: string;
  number: string;
  title: string | null;
  dueDate: string;
}

interface OperationDue {
  applicationId: string;
  organisationId: string;
  number: string;
  title: string | null;
  dueDate: string;
}

interface ReportDue extends OperationDue {
  reportId: string;
  kind: 'INTERMEDIATE' | 'FINAL';
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const FR_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The scheduled reminders (docs/domain/notifications.md): complements due, execution reports due and overdue, the
 * convention's signature deadline. A BullMQ job scheduler runs this once per tick, whatever the number of workers. Each
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
    for (const r of await this.reportsDue(today)) {
      const overdue = overdueReminderDue(r.dueDate, today, REPORT_OVERDUE_WINDOW_DAYS);
      if (!overdue && !reminderDue(r.dueDate, today, REPORT_REMINDER_DAYS)) continue;
      queued += await this.remind(r, overdue ? `reminder.report-overdue:${r.reportId}:${r.dueDate}` : `reminder.report:${r.reportId}:${r.dueDate}`, 'report-reminder', {
        overdue,
        reportLabel: r.kind === 'FINAL' ? 'rapport final' : 'rapport intermédiaire',
      });
    }
    for (const o of await this.signaturesDue(today)) {
      if (!reminderDue(o.dueDate, today, SIGNATURE_REMINDER_DAYS)) continue;
      queued += await this.remind(o, `reminder.signature:${o.applicationId}:${o.dueDate}`, 'signature-reminder', {});
    }
    if (queued) this.logger.log(`${queued} reminder(s) queued`);
    return queued;
  }

  /** One reminder to the organisation's members, keyed by subject and due date (the recipient is appended). */
  private async remind(d: OperationDue, eventKey: string, template: string, extra: Record<string, unknown>): Promise<number> {
    const ids = await this.dataSource.transaction((em) =>
      this.mail.toOrganisation(em, d.organisationId, {
        template,
        eventKey,
        params: { applicationId: d.applicationId, number: d.number, title: d.title ?? 'Opération sans titre', dueDate: FR_DATE.format(new Date(`${d.dueDate}T00:00:00Z`)), ...extra },
      }),
    );
    return ids.length;
  }

  /**
   * Execution reports not yet submitted whose due date (the granted postponement's, if any) falls in the reminder
   * window or passed less than the overdue window ago.
   */
  private reportsDue(today: string): Promise<ReportDue[]> {
    return this.dataSource.query(
      `SELECT r.id AS "reportId", r.kind, a.id AS "applicationId", a.organisation_id AS "organisationId", a.number, a.title, d.due::text AS "dueDate"
         FROM execution_report r JOIN application a ON a.id = r.application_id
         CROSS JOIN LATERAL (SELECT CASE WHEN r.postponement_status = 'GRANTED' THEN r.postponement_due_date ELSE r.due_date END AS due) d
        WHERE r.status = 'DRAFT' AND d.due BETWEEN $1::date - $3::int AND $1::date + $2::int
        ORDER BY d.due, r.id`,
      [today, REPORT_REMINDER_DAYS, REPORT_OVERDUE_WINDOW_DAYS],
    );
  }

  /** Issued conventions the beneficiary has not signed yet, nor renounced, whose signature deadline is near. */
  private signaturesDue(today: string): Promise<OperationDue[]> {
    return this.dataSource.query(
      `SELECT a.id AS "applicationId", a.organisation_id AS "organisationId", a.number, a.title, o.signature_due_date::text AS "dueDate"
         FROM operation o JOIN application a ON a.id = o.application_id
        WHERE o.renounced_at IS NULL AND a.status = 'CONVENTION_ISSUED'
          AND NOT EXISTS (SELECT 1 FROM convention_signature s WHERE s.application_id = o.application_id AND s.party = 'BENEFICIARY')
          AND o.signature_due_date BETWEEN $1::date AND $1::date + $2::int
        ORDER BY o.signature_due_date, a.id`,
      [today, SIGNATURE_REMINDER_DAYS],
    );
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

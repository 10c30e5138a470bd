import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler } from '../../jobs/job-handler';
import { JobName } from '../../jobs/queues';
import {
  AWARD_ANSWER_REMINDER_DAYS,
  COMPLEMENTS_REMINDER_DAYS,
  CONTRADICTORY_REMINDER_DAYS,
  overdueReminderDue,
  REPORT_OVERDUE_WINDOW_DAYS,
  REPORT_REMINDER_DAYS,
  reminderDue,
  reminderOffsetDue,
  SIGNATURE_REMINDER_DAYS,
} from './domain/reminders';
import { formatEuros, toCents } from '../../common/money/cents';
import { MailService } from './mail.service';
import { addDays } from '../documents/domain/convention-terms';
import { clockState, elapsedClockDays, PAYMENT_DEADLINE_DAYS } from '../payments/domain/payment-clock';
import { OPEN_CLAIMS_SQL } from '../payments/open-claims.sql';

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

interface OpenClaim {
  reportId: string;
  reportKind: 'INTERMEDIATE' | 'FINAL';
  seq: number;
  number: string | null;
  title: string | null;
  submittedOn: string;
  pauseFrom: string | null;
  pauseTo: string | null;
  staffId: string | null;
}

interface ContradictoryDue extends OperationDue {
  verificationId: string;
  kind: 'INTERMEDIATE' | 'FINAL';
  seq: number;
}

interface AwardAnswerDue extends OperationDue {
  proposalId: string;
  proposedEuCents: string;
}

interface ReportDue extends OperationDue {
  reportId: string;
  kind: 'INTERMEDIATE' | 'FINAL';
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const FR_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The scheduled reminders (docs/domain/notifications.md): complements due, execution reports due and overdue, the
 * convention's signature deadline, the answer to a reduced award. A BullMQ job scheduler runs this once per tick, whatever the number of workers. Each
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
          params: {
            applicationId: d.id,
            number: d.number,
            title: d.title ?? 'Dossier sans titre',
            dueDate: FR_DATE.format(new Date(`${d.dueDate}T00:00:00Z`)),
          },
        }),
      );
      queued += ids.length;
    }
    for (const r of await this.reportsDue(today)) {
      const overdue = overdueReminderDue(r.dueDate, today, REPORT_OVERDUE_WINDOW_DAYS);
      if (!overdue && !reminderDue(r.dueDate, today, REPORT_REMINDER_DAYS)) continue;
      queued += await this.remind(
        r,
        overdue ? `reminder.report-overdue:${r.reportId}:${r.dueDate}` : `reminder.report:${r.reportId}:${r.dueDate}`,
        'report-reminder',
        {
          overdue,
          reportLabel: r.kind === 'FINAL' ? 'rapport final' : 'rapport intermédiaire',
        },
      );
    }
    for (const o of await this.signaturesDue(today)) {
      if (!reminderDue(o.dueDate, today, SIGNATURE_REMINDER_DAYS)) continue;
      queued += await this.remind(o, `reminder.signature:${o.applicationId}:${o.dueDate}`, 'signature-reminder', {});
    }
    for (const p of await this.awardAnswersDue(today)) {
      const offset = reminderOffsetDue(p.dueDate, today, AWARD_ANSWER_REMINDER_DAYS);
      if (offset === null) continue;
      // Keyed by proposal, date and offset: the 7-day and the 2-day reminders each go out once per person.
      queued += await this.remind(p, `reminder.award-answer:${p.proposalId}:${p.dueDate}:${offset}`, 'award-answer-reminder', {
        proposedEu: formatEuros(toCents(p.proposedEuCents)),
      });
    }
    for (const v of await this.contradictoryDue(today)) {
      if (!reminderDue(v.dueDate, today, CONTRADICTORY_REMINDER_DAYS)) continue;
      queued += await this.remind(v, `reminder.contradictory:${v.verificationId}:${v.dueDate}`, 'contradictory-reminder', {
        verificationId: v.verificationId,
        reportLabel: v.kind === 'FINAL' ? 'bilan final' : `bilan intermédiaire n° ${v.seq}`,
      });
    }
    queued += await this.paymentClocks(today);
    if (queued) this.logger.log(`${queued} reminder(s) queued`);
    return queued;
  }

  /** One reminder to the organisation's members, keyed by subject and due date (the recipient is appended). */
  private async remind(d: OperationDue, eventKey: string, template: string, extra: Record<string, unknown>): Promise<number> {
    const ids = await this.dataSource.transaction((em) =>
      this.mail.toOrganisation(em, d.organisationId, {
        template,
        eventKey,
        params: {
          applicationId: d.applicationId,
          number: d.number,
          title: d.title ?? 'Opération sans titre',
          dueDate: FR_DATE.format(new Date(`${d.dueDate}T00:00:00Z`)),
          ...extra,
        },
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

  /**
   * Staff reminders of the 80-day payment clock (CPR art. 74(1)(b)): once when a claim has 15 days or fewer left and once
   * when it is late, to the staff member who follows it, else to the programme managers.
   */
  private async paymentClocks(today: string): Promise<number> {
    const claims: OpenClaim[] = await this.dataSource.query(OPEN_CLAIMS_SQL);
    let managers: string[] | null = null;
    let queued = 0;
    for (const c of claims) {
      const elapsedDays = elapsedClockDays(c.submittedOn, c.pauseFrom ? [{ from: c.pauseFrom, to: c.pauseTo ?? undefined }] : [], today);
      const state = clockState(elapsedDays);
      if (state === 'ON_TIME') continue;
      const daysLeft = PAYMENT_DEADLINE_DAYS - elapsedDays;
      const params = {
        late: state === 'LATE',
        elapsedDays,
        daysLeft,
        deadline: FR_DATE.format(new Date(`${addDays(today, daysLeft)}T00:00:00Z`)),
        number: c.number ?? 'sans numéro',
        title: c.title ?? 'Opération sans titre',
        reportLabel: c.reportKind === 'FINAL' ? 'bilan final' : `bilan intermédiaire n° ${c.seq}`,
      };
      // Read once per run, and only when a claim has nobody following it.
      const staff = c.staffId
        ? [c.staffId]
        : (managers ??= (await this.dataSource.query<{ id: string }[]>(`SELECT id FROM app_user WHERE 'PROGRAMME_MANAGER' = ANY(roles) ORDER BY id`)).map(
            (u) => u.id,
          ));
      const ids = await this.dataSource.transaction(async (em) => {
        const out: (string | null)[] = [];
        for (const userId of staff)
          out.push(
            await this.mail.toUser(em, userId, { template: 'payment-clock-reminder', eventKey: `reminder.payment-clock:${c.reportId}:${state}`, params }),
          );
        return out.filter(Boolean);
      });
      queued += ids.length;
    }
    return queued;
  }

  /**
   * Reduced awards still waiting for the beneficiary's answer (docs/domain/committee.md) whose answer date is within the
   * longest reminder offset.
   */
  private awardAnswersDue(today: string): Promise<AwardAnswerDue[]> {
    return this.dataSource.query(
      `SELECT p.id AS "proposalId", p.proposed_eu_cents::text AS "proposedEuCents", a.id AS "applicationId", a.organisation_id AS "organisationId",
              a.number, a.title, p.answer_due_date::text AS "dueDate"
         FROM award_proposal p JOIN application a ON a.id = p.application_id
        WHERE p.status = 'PENDING' AND a.status = 'AWARD_PROPOSED' AND p.answer_due_date BETWEEN $1::date AND $1::date + $2::int
        ORDER BY p.answer_due_date, p.id`,
      [today, Math.max(...AWARD_ANSWER_REMINDER_DAYS)],
    );
  }

  /** Verifications whose proposed corrections await the beneficiary's answer, due within the reminder window. */
  private contradictoryDue(today: string): Promise<ContradictoryDue[]> {
    return this.dataSource.query(
      `SELECT v.id AS "verificationId", r.kind, r.seq, a.id AS "applicationId", a.organisation_id AS "organisationId", a.number, a.title,
              v.contradictory_due_date::text AS "dueDate"
         FROM verification v JOIN execution_report r ON r.id = v.report_id JOIN application a ON a.id = v.application_id
        WHERE v.status = 'CONTRADICTORY' AND v.contradictory_answered_at IS NULL
          AND v.contradictory_due_date BETWEEN $1::date AND $1::date + $2::int
        ORDER BY v.contradictory_due_date, v.id`,
      [today, CONTRADICTORY_REMINDER_DAYS],
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

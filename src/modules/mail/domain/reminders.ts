/** Days before a due date when the reminder of a request for complements goes out (docs/domain/notifications.md). */
export const COMPLEMENTS_REMINDER_DAYS = 3;
/** An execution report is recalled from 15 days before its due date; once late, a second reminder says so. */
export const REPORT_REMINDER_DAYS = 15;
/** How long after its due date a missing report is still worth one overdue reminder (older ones are staff's business). */
export const REPORT_OVERDUE_WINDOW_DAYS = 30;
/** The convention's signature deadline is recalled from 7 days before. */
export const SIGNATURE_REMINDER_DAYS = 7;
/** The beneficiary's observations on proposed corrections (CPR art. 74 management verifications): reminded 3 days before. */
export const CONTRADICTORY_REMINDER_DAYS = 3;
/**
 * A reduced award's answer date (docs/domain/committee.md) is recalled 7 and 2 days before, once each: the
 * beneficiary needs time to revise its plan, and silence at the date is a renunciation.
 */
export const AWARD_ANSWER_REMINDER_DAYS: readonly number[] = [7, 2];

const DAY = 86_400_000;
const dayNumber = (iso: string): number => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);

/** Calendar days from `today` to `due` (both ISO dates, Paris calendar); negative once past. */
export function daysUntil(due: string, today: string): number {
  return dayNumber(due) - dayNumber(today);
}

/**
 * A reminder is due from `daysBefore` days before the date until the date itself: a worker that was down on the first
 * day still sends it late rather than never. Sending once per person and date is the mail's dedupe key's job.
 */
export function reminderDue(due: string, today: string, daysBefore: number): boolean {
  const left = daysUntil(due, today);
  return left >= 0 && left <= daysBefore;
}

/** Overdue since 1 to `window` days: the report's late reminder (sent once per person and due date, by its key). */
export function overdueReminderDue(due: string, today: string, window: number): boolean {
  const left = daysUntil(due, today);
  return left < 0 && left >= -window;
}

/**
 * Which of the reminders at `offsets` days before `due` is the one to send on `today`: the smallest offset not below
 * the days left, so that each is sent once (its offset is part of the mail's key) and a worker that was down still
 * sends the latest one missed rather than an early one twice; null outside the window or once the date has passed.
 */
export function reminderOffsetDue(due: string, today: string, offsets: readonly number[]): number | null {
  const left = daysUntil(due, today);
  if (left < 0) return null;
  const fitting = offsets.filter((o) => o >= left);
  return fitting.length ? Math.min(...fitting) : null;
}

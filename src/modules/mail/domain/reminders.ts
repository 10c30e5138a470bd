/** Days before a due date when the reminder of a request for complements goes out (docs/domain/notifications.md). */
export const COMPLEMENTS_REMINDER_DAYS = 3;

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

import fc from 'fast-check';
import { daysUntil, overdueReminderDue, reminderDue } from './reminders';

describe('reminders', () => {
  it('are due from three days before the date to the date itself', () => {
    expect(reminderDue('2026-12-10', '2026-12-06', 3)).toBe(false);
    expect(reminderDue('2026-12-10', '2026-12-07', 3)).toBe(true);
    expect(reminderDue('2026-12-10', '2026-12-10', 3)).toBe(true);
    expect(reminderDue('2026-12-10', '2026-12-11', 3)).toBe(false);
  });

  it('count calendar days across months and years', () => {
    expect(daysUntil('2027-01-02', '2026-12-30')).toBe(3);
    expect(daysUntil('2028-03-01', '2028-02-28')).toBe(2);
  });

  it('are due on exactly daysBefore + 1 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 30 }), (offset, before) => {
        const due = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        let count = 0;
        for (let d = -40; d <= 40; d++)
          if (reminderDue(due, new Date(Date.parse(`${due}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10), before)) count++;
        expect(count).toBe(before + 1);
      }),
    );
  });

  it('send the overdue reminder from the day after the date, within its window', () => {
    expect(overdueReminderDue('2026-12-10', '2026-12-10', 30)).toBe(false);
    expect(overdueReminderDue('2026-12-10', '2026-12-11', 30)).toBe(true);
    expect(overdueReminderDue('2026-12-10', '2027-01-09', 30)).toBe(true);
    expect(overdueReminderDue('2026-12-10', '2027-01-10', 30)).toBe(false);
  });
});

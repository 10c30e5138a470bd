import fc from 'fast-check';
import { AWARD_ANSWER_REMINDER_DAYS, daysUntil, overdueReminderDue, reminderDue, reminderOffsetDue } from './reminders';

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

  it('pick the reminder of an offset (7 or 2 days before a reduced award answer date): the nearest offset not below the days left', () => {
    const on = (today: string) => reminderOffsetDue('2026-12-20', today, AWARD_ANSWER_REMINDER_DAYS);
    expect(on('2026-12-12')).toBeNull(); // 8 days left
    expect(on('2026-12-13')).toBe(7);
    expect(on('2026-12-17')).toBe(7); // 3 days left: still the first reminder, if it was missed
    expect(on('2026-12-18')).toBe(2);
    expect(on('2026-12-20')).toBe(2);
    expect(on('2026-12-21')).toBeNull();
  });

  it('send each offset at most once over the days before the date, and the last one always (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }), (offset, offsets) => {
        const due = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const sent = new Set<number>();
        for (let d = -40; d <= 40; d++) {
          const o = reminderOffsetDue(due, new Date(Date.parse(`${due}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10), offsets);
          if (o !== null) sent.add(o);
        }
        // Every offset is reached on its own day (a worker running daily sends each one, once, keyed by the offset).
        expect([...sent].sort((x, y) => x - y)).toEqual([...offsets].sort((x, y) => x - y));
      }),
    );
  });
});

import { addYears, daysInMonth, isLessThanOneYearBefore, parseCalendarDate } from './calendar-date';
import { frenchNumericDate } from '../../../common/fr';

const d = (value: string) => parseCalendarDate(value);

describe('calendar dates', () => {
  it('parses only real YYYY-MM-DD dates', () => {
    expect(d('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '2025-01-01T00:00:00Z', '', '01/02/2025']) {
      expect(() => parseCalendarDate(bad, 'submissionDate')).toThrow('submissionDate must be a calendar date');
    }
  });

  it('knows month lengths and leap years', () => {
    expect([daysInMonth(2024, 2), daysInMonth(2025, 2), daysInMonth(1900, 2), daysInMonth(2000, 2)]).toEqual([29, 28, 28, 29]);
    expect([daysInMonth(2025, 4), daysInMonth(2025, 12)]).toEqual([30, 31]);
  });

  it('adds a year, 29 February falling on 28 February', () => {
    expect(addYears(d('2024-02-29'), 1)).toEqual({ year: 2025, month: 2, day: 28 });
    expect(addYears(d('2024-03-01'), 1)).toEqual({ year: 2025, month: 3, day: 1 });
  });

  it('the year is complete on the anniversary day', () => {
    expect(isLessThanOneYearBefore(d('2024-03-15'), d('2025-03-14'))).toBe(true);
    expect(isLessThanOneYearBefore(d('2024-03-15'), d('2025-03-15'))).toBe(false);
    expect(isLessThanOneYearBefore(d('2024-02-29'), d('2025-02-27'))).toBe(true);
    expect(isLessThanOneYearBefore(d('2024-02-29'), d('2025-02-28'))).toBe(false);
    expect(isLessThanOneYearBefore(d('2023-02-28'), d('2024-02-27'))).toBe(true);
    expect(isLessThanOneYearBefore(d('2023-02-28'), d('2024-02-28'))).toBe(false);
  });

  it('formats in French', () => {
    expect(frenchNumericDate(d('2025-03-05'))).toBe('05/03/2025');
  });
});

import { DomainError } from '../../../common/errors/domain-error';

/** A calendar date `YYYY-MM-DD`, without time or zone. */
export type CalendarDate = string;

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Number of days in `month` (1–12) of `year`, Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses a strict `YYYY-MM-DD` date that exists in the calendar.
 * @throws DomainError VALIDATION_FAILED for any other string (e.g. `2025-02-30`).
 */
export function parseCalendarDate(value: string, path = 'date'): YearMonthDay {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DomainError('VALIDATION_FAILED', `${path} must be a calendar date YYYY-MM-DD`, {
      errors: [{ path, code: 'INVALID_DATE', message: 'La date doit exister et être au format AAAA-MM-JJ.' }],
    });
  }
  return { year, month, day };
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareCalendarDates(a: YearMonthDay, b: YearMonthDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The same day `years` later; a 29 February with no counterpart falls on the last day of February,
 * as a delay counted in years ends under Code civil art. 641 (« à défaut d'un quantième identique »).
 */
export function addYears(date: YearMonthDay, years: number): YearMonthDay {
  const year = date.year + years;
  return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) };
}

/**
 * True when `start` lies less than one calendar year before `reference` (or after it): the year is complete
 * on the anniversary of `start`, so a start exactly one year earlier does not qualify.
 */
export function isLessThanOneYearBefore(start: YearMonthDay, reference: YearMonthDay): boolean {
  return compareCalendarDates(reference, addYears(start, 1)) < 0;
}

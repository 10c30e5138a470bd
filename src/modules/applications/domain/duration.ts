/** Duration of an operation from its first to its last day (both included), in whole months plus remaining days. */
export interface Duration {
  months: number;
  extraDays: number;
}

const DAY_MS = 86_400_000;

/**
 * `2026-01-01 → 2026-12-31` is exactly 12 months; `2026-01-15 → 2027-01-14` too; `2026-01-01 → 2026-12-30` is
 * 11 months and 30 days. Month ends are clamped: 31 January + 1 month is 28 February (exclusive end), so
 * `2026-01-31 → 2026-02-27` is one month. Dates are `YYYY-MM-DD`.
 */
export function durationBetween(start: string, end: string): Duration {
  const s = toUtc(start);
  const endExclusive = toUtc(end) + DAY_MS;
  const sd = new Date(s);
  const ed = new Date(endExclusive);
  let months = (ed.getUTCFullYear() - sd.getUTCFullYear()) * 12 + (ed.getUTCMonth() - sd.getUTCMonth());
  let anchor = addMonths(s, months);
  while (months > 0 && anchor > endExclusive) anchor = addMonths(s, --months);
  return { months, extraDays: Math.round((endExclusive - anchor) / DAY_MS) };
}

/** Checks a duration against the call's bounds: at least `min` whole months, at most `max` months exactly. */
export function durationWithin(d: Duration, minMonths: number, maxMonths: number): 'OK' | 'TOO_SHORT' | 'TOO_LONG' {
  if (d.months < minMonths) return 'TOO_SHORT';
  if (d.months > maxMonths || (d.months === maxMonths && d.extraDays > 0)) return 'TOO_LONG';
  return 'OK';
}

/** `YYYY-MM-DD` naming a day of the (proleptic Gregorian) calendar; arithmetic only, called for every imported row. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
}

function toUtc(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function addMonths(utc: number, months: number): number {
  const d = new Date(utc);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay));
}

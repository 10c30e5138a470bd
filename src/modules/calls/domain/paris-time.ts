/**
 * Europe/Paris wall-clock time for call deadlines (reading and parsing; printing is src/common/fr's) (docs/api.md: instants entered and displayed in Paris time).
 * Built on Intl only: the offset of an instant is read from the platform's time-zone data, never hard-coded.
 */
import { PARIS_TIME_ZONE } from '../../../common/fr';

export { PARIS_TIME_ZONE };

/** A wall-clock reading in Paris. `month` is 1–12. */
export interface ParisWallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const WALL = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR_MS = 3_600_000;

/** The Paris wall-clock reading of an instant (seconds dropped). */
export function parisWallTime(instant: Date): ParisWallTime {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of WALL.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN } = parts; // WALL always formats all five
  return { year, month, day, hour, minute };
}

/**
 * Parses "2026-03-31T12:00" (an HTML `datetime-local` value) read as Paris time into an instant.
 * Returns null for a malformed or impossible reading, including the hour skipped when clocks go forward
 * (e.g. "2026-03-29T02:30"). In the hour repeated when clocks go back, the earlier instant (summer time) is chosen,
 * so a deadline is never later than what the person typed.
 */
export function parseParisDateTime(text: string): Date | null {
  const m = typeof text === 'string' ? LOCAL_INPUT.exec(text.trim()) : null;
  if (!m) return null;
  const [, year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN] = m.map(Number);
  const wanted: ParisWallTime = { year, month, day, hour, minute };
  if (!isCalendarDay(wanted.year, wanted.month, wanted.day) || wanted.hour > 23 || wanted.minute > 59) return null;
  const asUtc = Date.UTC(wanted.year, wanted.month - 1, wanted.day, wanted.hour, wanted.minute);
  // The offsets in force a day before and a day after cover both sides of any nearby clock change.
  const offsets = new Set([offsetAt(asUtc - 24 * HOUR_MS), offsetAt(asUtc + 24 * HOUR_MS)]);
  const matches = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((t) => sameWallTime(parisWallTime(new Date(t)), wanted))
    .sort((a, b) => a - b);
  const [earliest] = matches;
  return earliest === undefined ? null : new Date(earliest);
}

/** The `datetime-local` value ("2026-03-31T12:00") showing an instant in Paris time. */
export function toParisInputValue(instant: Date): string {
  const w = parisWallTime(instant);
  return `${parisCalendarDate(instant)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The Paris calendar date `YYYY-MM-DD` of an instant. */
export function parisCalendarDate(instant: Date): string {
  const w = parisWallTime(instant);
  return `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;
}

/** True when `YYYY-MM-DD` names a day that exists in the Gregorian calendar. */
export function isCalendarDate(date: string): boolean {
  const m = typeof date === 'string' ? CALENDAR_DATE.exec(date) : null;
  if (!m) return false;
  const [, year = NaN, month = NaN, day = NaN] = m.map(Number);
  return isCalendarDay(year, month, day);
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Paris offset from UTC, in ms, at an instant (+1 h in winter, +2 h in summer). */
function offsetAt(t: number): number {
  const w = parisWallTime(new Date(t));
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return wallAsUtc - Math.floor(t / 60_000) * 60_000;
}

function sameWallTime(a: ParisWallTime, b: ParisWallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

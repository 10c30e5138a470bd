/**
 * The one French formatting module: dates and times in Europe/Paris time, amounts, rates and sizes, as pages,
 * documents, exports and mails print them. Built on Intl; one function per format, each tested in format.spec.ts.
 * Pure: no framework import, usable from domain/ code.
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

/** Narrow no-break space: French thousands separator and the space before « € » and « % ». */
export const NNBSP = '\u202f';

const DATE_PARTS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
// A calendar date carries no zone: it is formatted as the UTC midnight of that day.
const CALENDAR_PARTS = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const INTEGER = new Intl.NumberFormat('fr-FR', { useGrouping: true, maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(date)) if (p.type !== 'literal') out[p.type] = p.value;
  return out;
}

/** French ordinal for the first day of a month: « 1er avril ». */
function day(value: string | undefined): string {
  return value === '1' ? '1er' : String(value);
}

/** « 31 mars 2026 », « 1er avril 2026 »: the Paris calendar day of an instant. */
export function frenchDate(instant: Date): string {
  const p = parts(DATE_PARTS, instant);
  return `${day(p.day)} ${p.month} ${p.year}`;
}

/** « 31 mars 2026 à 12h00 »: an instant in Paris time (deadlines, receipts, decisions). */
export function frenchDateTime(instant: Date): string {
  const p = parts(DATE_PARTS, instant);
  return `${day(p.day)} ${p.month} ${p.year} à ${p.hour}h${p.minute}`;
}

/** « 14h05 »: the Paris time of day of an instant (« Enregistré à 14h05 » after an autosave). */
export function frenchTime(instant: Date): string {
  const p = parts(DATE_PARTS, instant);
  return `${p.hour}h${p.minute}`;
}

/** « 31 mars 2026 » for a calendar date `YYYY-MM-DD` (no time zone); anything else is returned unchanged. */
export function frenchCalendarDate(date: string): string {
  const m = CALENDAR_DATE.exec(date);
  if (!m) return date;
  const utc = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (utc.getUTCFullYear() !== Number(m[1]) || utc.getUTCMonth() !== Number(m[2]) - 1 || utc.getUTCDate() !== Number(m[3])) return date;
  const p = parts(CALENDAR_PARTS, utc);
  return `${day(p.day)} ${p.month} ${p.year}`;
}

/** « 31/12/2029 »: the short numeric form of a calendar date (rule reasons, tables). */
export function frenchNumericDate(date: { year: number; month: number; day: number }): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.day, 2)}/${pad(date.month, 2)}/${pad(date.year, 4)}`;
}

/**
 * « 1 234 567,89 € » from integer cents (narrow no-break spaces). Exact: euros and cents are split with BigInt and
 * only the integer part goes through Intl. Throws a RangeError on anything but a safe integer (a bug, not an input).
 */
export function frenchEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amountCents must be an integer number of cents: ${String(cents)}`);
  const abs = BigInt(Math.abs(cents));
  const euros = INTEGER.format(abs / 100n);
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${euros},${rest}${NNBSP}€`;
}

/** « 95 % », « 15,25 % », « 7,5 % » from basis points 0..10 000 (10 000 = 100 %). */
export function frenchRate(bp: number): string {
  if (!Number.isInteger(bp) || bp < 0 || bp > 10_000) throw new RangeError(`rateBp must be an integer between 0 and 10000: ${String(bp)}`);
  const whole = Math.trunc(bp / 100);
  const hundredths = bp % 100;
  const fraction = hundredths ? ',' + String(hundredths).padStart(2, '0').replace(/0$/, '') : '';
  return `${whole}${fraction}${NNBSP}%`;
}

/** « 512 o », « 1,2 Ko », « 3 Mo »: a file size in binary units, one decimal at most. */
export function frenchSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}${NNBSP}o`;
  const units = ['Ko', 'Mo', 'Go'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${ONE_DECIMAL.format(Math.round(value * 10) / 10)}${NNBSP}${units[unit]}`;
}

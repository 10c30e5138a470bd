const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** `2026-03-31` → `31 mars 2026` (docs/domain/documents.md: dates print in French). */
export function calendarDateFr(date: string): string {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

/** Today's calendar date in Paris, `YYYY-MM-DD`: deadlines are days of the Paris calendar. */
export function parisToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

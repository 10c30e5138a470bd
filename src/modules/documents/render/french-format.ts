const DATE = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "31 mars 2026", "1er avril 2026", in Paris time (deadlines and receipts are legal instants in Europe/Paris). */
export function frenchDate(instant: Date): string {
  return DATE.format(instant).replace(/^1 /, '1er ');
}

/** "31 mars 2026 à 12h00", in Paris time. */
export function frenchDateTime(instant: Date): string {
  const [h, m] = TIME.format(instant).split(':');
  return `${frenchDate(instant)} à ${h}h${m}`;
}

/** "1,2 Mo" style sizes for document lists. */
export function frenchSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  const units = ['Ko', 'Mo', 'Go'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const tenths = Math.round(value * 10);
  return `${Math.trunc(tenths / 10)}${tenths % 10 ? ',' + (tenths % 10) : ''}\u202f${units[unit]}`;
}

import { formatEuros } from '../../../common/money/cents';
import type { ApplicationStatus } from '../domain/application-status';

const PARTS = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant in Europe/Paris time, as docs/api.md asks: « 31 mars 2026 à 12h00 ». */
export function frenchDateTime(instant: Date): string {
  const p = Object.fromEntries(PARTS.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.day === '1' ? '1er' : p.day} ${p.month} ${p.year} à ${p.hour}h${p.minute}`;
}

export function euros(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : formatEuros(cents);
}

/** Cents as a person would type them back in a form: « 12000,50 ». */
export function centsToInput(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  const kb = Math.round((bytes * 10) / 1024);
  if (kb < 10_240) return `${Math.trunc(kb / 10)},${kb % 10} Ko`;
  const mb = Math.round((bytes * 10) / (1024 * 1024));
  return `${Math.trunc(mb / 10)},${mb % 10} Mo`;
}

/** DSFR badge variant per status. */
export function statusBadgeClass(status: ApplicationStatus): string {
  switch (status) {
    case 'DRAFT':
      return 'fr-badge--new';
    case 'WITHDRAWN':
    case 'INADMISSIBLE':
    case 'REFUSED':
    case 'RENOUNCED':
      return 'fr-badge--error';
    case 'INCOMPLETE':
    case 'POSTPONED':
      return 'fr-badge--warning';
    case 'PROGRAMMED':
    case 'CONVENTION_ISSUED':
    case 'CONVENTION_SIGNED':
    case 'IN_PROGRESS':
    case 'CLOSED':
    case 'ADMISSIBLE':
      return 'fr-badge--success';
    default:
      return 'fr-badge--info';
  }
}

import { formatEuros } from '../../common/money/cents';
import type { ApplicationStatus } from '../applications/domain/application-status';

export function euros(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : formatEuros(cents);
}

/** Cents as a person would type them back in a form: « 12000,50 ». */
export function centsToInput(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
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

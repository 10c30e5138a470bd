import { DomainError } from '../../../common/errors/domain-error';

export const APPLICATION_NUMBER_PATTERN = /^AAP-\d{4}-\d{6}$/;
const MAX_SEQUENCE = 999_999;

/** `AAP-<year>-<6 digits>`: the dossier number given at submission, from a gapless per-year counter. */
export function formatApplicationNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`invalid year ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`invalid sequence ${sequence}`);
  if (sequence > MAX_SEQUENCE) {
    throw new DomainError('CONFLICT', `Le nombre maximal de dossiers déposés pour ${year} (${MAX_SEQUENCE}) est atteint.`);
  }
  return `AAP-${year}-${String(sequence).padStart(6, '0')}`;
}

const PARIS_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) of an instant in Europe/Paris: deadlines and numbering follow French time. */
export function parisDate(instant: Date): string {
  return PARIS_DATE.format(instant);
}

/** The year of an instant in Europe/Paris (a dossier submitted on 31 December at 23:30 UTC belongs to the next year). */
export function parisYear(instant: Date): number {
  return Number(parisDate(instant).slice(0, 4));
}

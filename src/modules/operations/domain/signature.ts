import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { addDays } from '../../documents/domain/convention-terms';
import { isCalendarDate } from '../../applications/domain/duration';
import { calendarDateFr } from './dates';

/** The call's default time to sign a convention once issued (a call setting; docs/domain/execution.md: a call setting). */
export const DEFAULT_SIGNATURE_DEADLINE_DAYS = 30;

/** Last day (Paris calendar) the beneficiary may sign: the issue date plus the call's delay. */
export function signatureDueDate(issuedOn: string, deadlineDays: number): string {
  return addDays(issuedOn, deadlineDays);
}

/** @throws SIGNATURE_DEADLINE_PASSED (409) after the due date: the body must issue a new convention or close the file. */
export function assertWithinSignatureDeadline(today: string, dueDate: string): void {
  if (today <= dueDate) return;
  throw new DomainError('SIGNATURE_DEADLINE_PASSED', `Le délai de signature de la convention a expiré le ${calendarDateFr(dueDate)}.`, { dueDate });
}

export interface SignatureInput {
  signerName: string;
  signerTitle: string;
  /** The SHA-256 the signer saw (from the convention's download); it must be the current version's. */
  documentSha256: string;
}

/** Checks a typed signature against the convention version it accepts. */
export function checkSignature(input: SignatureInput, current: { sha256: string; version: number }): void {
  const errors: FieldError[] = [];
  if (!input.signerName.trim()) errors.push({ path: 'signerName', code: 'REQUIRED', message: 'Saisissez vos nom et prénom.' });
  if (!input.signerTitle.trim()) errors.push({ path: 'signerTitle', code: 'REQUIRED', message: 'Saisissez votre qualité (par exemple : présidente).' });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
  if (input.documentSha256.toLowerCase() !== current.sha256) {
    throw new DomainError(
      'CONVENTION_VERSION_MISMATCH',
      `La convention a changé depuis votre lecture : relisez la version ${current.version} avant de la signer.`,
      {
        currentVersion: current.version,
        currentSha256: current.sha256,
      },
    );
  }
}

export interface StartInput {
  actualStartDate: string;
  firstExpensesDate: string | null;
  firstExpensesCents: number | null;
}

/**
 * The attestation de démarrage: the operation has started (not a future date), inside the convention's period, and its
 * first expenses, when declared, were incurred on or after the eligibility start and not in the future.
 */
export function checkStart(input: StartInput, o: { today: string; startDate: string; endDate: string; eligibilityStart: string }): void {
  const errors: FieldError[] = [];
  const d = input.actualStartDate;
  if (!isCalendarDate(d)) errors.push({ path: 'actualStartDate', code: 'INVALID_DATE', message: 'Date de démarrage invalide (AAAA-MM-JJ).' });
  else if (d > o.today)
    errors.push({
      path: 'actualStartDate',
      code: 'FUTURE_DATE',
      message: 'La date de démarrage ne peut pas être dans le futur : attestez le démarrage une fois l’opération commencée.',
    });
  else if (d > o.endDate)
    errors.push({
      path: 'actualStartDate',
      code: 'AFTER_END',
      message: `La date de démarrage est postérieure à la fin de l’opération (${calendarDateFr(o.endDate)}).`,
    });
  const f = input.firstExpensesDate;
  if (f !== null) {
    if (!isCalendarDate(f)) errors.push({ path: 'firstExpensesDate', code: 'INVALID_DATE', message: 'Date des premières dépenses invalide (AAAA-MM-JJ).' });
    else if (f > o.today) errors.push({ path: 'firstExpensesDate', code: 'FUTURE_DATE', message: 'Les premières dépenses ne peuvent pas être futures.' });
    else if (f < o.eligibilityStart)
      errors.push({
        path: 'firstExpensesDate',
        code: 'BEFORE_ELIGIBILITY',
        message: `Dépenses antérieures au début d’éligibilité (${calendarDateFr(o.eligibilityStart)}).`,
      });
  }
  const c = input.firstExpensesCents;
  if (c !== null && !(Number.isSafeInteger(c) && c >= 0))
    errors.push({ path: 'firstExpensesCents', code: 'INVALID_AMOUNT', message: 'Montant invalide (exemple : 1 234,56).' });
  if ((input.firstExpensesCents ?? 0) > 0 && f === null)
    errors.push({ path: 'firstExpensesDate', code: 'REQUIRED', message: 'Indiquez la date des premières dépenses.' });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) invalide(s).`, { errors });
}

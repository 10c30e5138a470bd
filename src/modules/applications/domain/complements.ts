import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { isCalendarDate } from './duration';
import { frenchCalendarDate } from '../../../common/fr';

/** The parts of a dossier the applicant edits, which an instructor may flag when asking for complements. */
export const COMPLEMENT_SECTIONS = ['PROJECT', 'ARTICLE_15', 'FINANCING_PLAN', 'DOCUMENTS'] as const;
export type ComplementSection = (typeof COMPLEMENT_SECTIONS)[number];

export const COMPLEMENT_SECTION_LABELS: Readonly<Record<ComplementSection, string>> = {
  PROJECT: 'Projet',
  ARTICLE_15: 'Innovation sociale (article 15)',
  FINANCING_PLAN: 'Plan de financement',
  DOCUMENTS: 'Pièces justificatives',
};

export interface Complement {
  section: ComplementSection;
  /** For DOCUMENTS only: the one document type to provide again (absent: any document may be changed). */
  documentType?: string | null;
  message: string;
}

/** The open request for complements of an INCOMPLETE dossier (its latest admissibility round). */
export interface ComplementRequest {
  complements: readonly Complement[];
  /** `YYYY-MM-DD`, last day (Europe/Paris) on which the applicant may still answer. */
  dueDate: string;
}

/** What an edit touches: a section, and for documents the type of the document added or removed. */
export interface EditTarget {
  section: ComplementSection;
  documentType?: string | null;
}

/** `true` while `today` (Europe/Paris, `YYYY-MM-DD`) is on or before the due date. */
export function complementsOpen(request: Pick<ComplementRequest, 'dueDate'>, today: string): boolean {
  return today <= request.dueDate;
}

/**
 * While INCOMPLETE, only the flagged parts stay editable, and only until the due date (docs/domain/admissibility.md). Throws
 * `COMPLEMENTS_OVERDUE` after the due date and `SECTION_NOT_FLAGGED` for a part the instructor did not flag.
 */
export function assertComplementEditable(request: ComplementRequest, target: EditTarget, today: string): void {
  if (!complementsOpen(request, today)) {
    throw new DomainError(
      'COMPLEMENTS_OVERDUE',
      `Le délai pour compléter le dossier a expiré le ${frenchCalendarDate(request.dueDate)} : il ne peut plus être modifié.`,
      {
        dueDate: request.dueDate,
      },
    );
  }
  const flagged = request.complements.some(
    (c) =>
      c.section === target.section &&
      (c.section !== 'DOCUMENTS' || !c.documentType || target.documentType === undefined || c.documentType === target.documentType),
  );
  if (!flagged) {
    const label = COMPLEMENT_SECTION_LABELS[target.section];
    const what = target.section === 'DOCUMENTS' && target.documentType ? `${label} (${target.documentType})` : label;
    throw new DomainError('SECTION_NOT_FLAGGED', `La partie « ${what} » ne fait pas l'objet de la demande de compléments : elle ne peut pas être modifiée.`, {
      section: target.section,
      flagged: request.complements.map((c) => c.section),
    });
  }
}

export type AdmissibilityOutcome = 'ADMISSIBLE' | 'INCOMPLETE' | 'INADMISSIBLE';

export interface DecisionInput {
  outcome: AdmissibilityOutcome;
  reasons?: readonly string[];
  complements?: readonly Complement[];
  dueDate?: string | null;
}

/**
 * Rules of a decision that a DTO cannot express: reasons for INADMISSIBLE, complements and a future due date for
 * INCOMPLETE, nothing of the kind otherwise. `today` is the server's date in Europe/Paris.
 */
export function decisionErrors(d: DecisionInput, today: string, documentTypes: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const reasons = (d.reasons ?? []).filter((r) => r.trim() !== '');
  const complements = d.complements ?? [];
  if (d.outcome === 'INADMISSIBLE' && reasons.length === 0) add('reasons', 'REQUIRED', "Indiquez au moins un motif d'irrecevabilité.");
  if (d.outcome === 'INCOMPLETE') {
    if (complements.length === 0) add('complements', 'REQUIRED', 'Indiquez au moins un complément à demander.');
    if (!d.dueDate) add('dueDate', 'REQUIRED', 'Indiquez la date limite de réponse.');
    else if (!isCalendarDate(d.dueDate)) add('dueDate', 'INVALID_DATE', "Cette date n'existe pas.");
    else if (d.dueDate <= today) add('dueDate', 'DATE_NOT_IN_FUTURE', 'La date limite de réponse doit être postérieure à aujourd’hui.');
  } else {
    if (complements.length > 0) add('complements', 'NOT_ALLOWED', 'Les compléments ne se demandent que pour un dossier incomplet.');
    if (d.dueDate) add('dueDate', 'NOT_ALLOWED', 'La date limite ne concerne que la demande de compléments.');
  }
  complements.forEach((c, i) => {
    if (c.message.trim() === '') add(`complements[${i}].message`, 'REQUIRED', `Complément n° ${i + 1} : précisez ce qui est attendu.`);
    if (c.documentType && c.section !== 'DOCUMENTS')
      add(`complements[${i}].documentType`, 'NOT_ALLOWED', `Complément n° ${i + 1} : le type de pièce ne concerne que les pièces justificatives.`);
    if (c.documentType && c.section === 'DOCUMENTS' && !documentTypes.includes(c.documentType)) {
      add(`complements[${i}].documentType`, 'NOT_ALLOWED_VALUE', `Complément n° ${i + 1} : type de pièce inconnu pour cet appel.`);
    }
  });
  return errors;
}

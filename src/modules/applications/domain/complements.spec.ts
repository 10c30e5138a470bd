import { DomainError } from '../../../common/errors/domain-error';
import { assertComplementEditable, type ComplementRequest, decisionErrors } from './complements';

const REQUEST: ComplementRequest = {
  dueDate: '2026-05-10',
  complements: [
    { section: 'PROJECT', message: 'Précisez le calendrier.' },
    { section: 'DOCUMENTS', documentType: 'RIB', message: 'Le RIB est illisible.' },
  ],
};

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'OTHER';
  }
}

describe('complements: what an INCOMPLETE dossier lets the applicant edit', () => {
  it('allows the flagged sections up to and including the due date', () => {
    expect(codeOf(() => assertComplementEditable(REQUEST, { section: 'PROJECT' }, '2026-05-10'))).toBeNull();
    expect(codeOf(() => assertComplementEditable(REQUEST, { section: 'DOCUMENTS', documentType: 'RIB' }, '2026-05-01'))).toBeNull();
    // Before the multipart body is read the type is unknown: the section alone decides, the type is checked later.
    expect(codeOf(() => assertComplementEditable(REQUEST, { section: 'DOCUMENTS' }, '2026-05-01'))).toBeNull();
  });

  it('refuses the other sections and the other document types', () => {
    expect(codeOf(() => assertComplementEditable(REQUEST, { section: 'FINANCING_PLAN' }, '2026-05-01'))).toBe('SECTION_NOT_FLAGGED');
    expect(codeOf(() => assertComplementEditable(REQUEST, { section: 'ARTICLE_15' }, '2026-05-01'))).toBe('SECTION_NOT_FLAGGED');
    expect(codeOf(() => assertComplementEditable(REQUEST, { section: 'DOCUMENTS', documentType: 'STATUTS' }, '2026-05-01'))).toBe('SECTION_NOT_FLAGGED');
    const anyDoc: ComplementRequest = { ...REQUEST, complements: [{ section: 'DOCUMENTS', message: 'Pièces à jour.' }] };
    expect(codeOf(() => assertComplementEditable(anyDoc, { section: 'DOCUMENTS', documentType: 'STATUTS' }, '2026-05-01'))).toBeNull();
  });

  it('refuses everything after the due date, flagged or not', () => {
    expect(codeOf(() => assertComplementEditable(REQUEST, { section: 'PROJECT' }, '2026-05-11'))).toBe('COMPLEMENTS_OVERDUE');
    expect(codeOf(() => assertComplementEditable(REQUEST, { section: 'FINANCING_PLAN' }, '2026-05-11'))).toBe('COMPLEMENTS_OVERDUE');
  });
});

describe('decision rules', () => {
  const TYPES = ['STATUTS', 'RIB', 'AUTRE'];
  const today = '2026-04-01';

  it('accepts a plain ADMISSIBLE and a complete INCOMPLETE / INADMISSIBLE', () => {
    expect(decisionErrors({ outcome: 'ADMISSIBLE' }, today, TYPES)).toEqual([]);
    expect(decisionErrors({ outcome: 'INCOMPLETE', complements: REQUEST.complements, dueDate: '2026-04-02' }, today, TYPES)).toEqual([]);
    expect(decisionErrors({ outcome: 'INADMISSIBLE', reasons: ['Déposé hors délai.'] }, today, TYPES)).toEqual([]);
  });

  it('requires reasons for INADMISSIBLE, complements and a future due date for INCOMPLETE', () => {
    expect(decisionErrors({ outcome: 'INADMISSIBLE', reasons: ['  '] }, today, TYPES).map((e) => [e.path, e.code])).toEqual([['reasons', 'REQUIRED']]);
    expect(decisionErrors({ outcome: 'INCOMPLETE' }, today, TYPES).map((e) => [e.path, e.code])).toEqual([
      ['complements', 'REQUIRED'],
      ['dueDate', 'REQUIRED'],
    ]);
    const sameDay = decisionErrors({ outcome: 'INCOMPLETE', complements: REQUEST.complements, dueDate: today }, today, TYPES);
    expect(sameDay.map((e) => [e.path, e.code])).toEqual([['dueDate', 'DATE_NOT_IN_FUTURE']]);
  });

  it('checks each complement and refuses complements on other outcomes', () => {
    const errors = decisionErrors(
      {
        outcome: 'INCOMPLETE',
        dueDate: '2026-05-01',
        complements: [
          { section: 'PROJECT', documentType: 'RIB', message: 'x' },
          { section: 'DOCUMENTS', documentType: 'PASSEPORT', message: ' ' },
        ],
      },
      today,
      TYPES,
    );
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['complements[0].documentType', 'NOT_ALLOWED'],
      ['complements[1].message', 'REQUIRED'],
      ['complements[1].documentType', 'NOT_ALLOWED_VALUE'],
    ]);
    expect(decisionErrors({ outcome: 'ADMISSIBLE', complements: REQUEST.complements, dueDate: '2026-05-01' }, today, TYPES).map((e) => e.path)).toEqual([
      'complements',
      'dueDate',
    ]);
  });
});

import { automaticConflict, conflictState, isConflicted } from './conflict-rules';

const applicant = { id: 'org-a', siret: '12345678900011' };

describe('automaticConflict', () => {
  it('excludes a member of the applicant organisation', () => {
    expect(
      automaticConflict(applicant, [
        { id: 'org-x', siret: '99999999900011' },
        { id: 'org-a', siret: '12345678900011' },
      ]),
    ).toBe('membre de la structure porteuse');
  });

  it('excludes a member of another establishment with the same SIREN', () => {
    expect(automaticConflict(applicant, [{ id: 'org-b', siret: '12345678900029' }])).toBe('membre d’un établissement de la même entité (SIREN 123456789)');
  });

  it('lets through an evaluator with no tie, or with no organisation', () => {
    expect(automaticConflict(applicant, [{ id: 'org-c', siret: '12345678800011' }])).toBeNull();
    expect(automaticConflict(applicant, [])).toBeNull();
  });
});

describe('conflictState', () => {
  it('hides the dossier until the evaluator declares', () => {
    expect(conflictState({ declaredConflict: null, automaticReason: null, waived: false })).toBe('UNDECLARED');
    expect(conflictState({ declaredConflict: null, automaticReason: null, waived: true })).toBe('UNDECLARED');
  });

  it('keeps a declared or automatic conflict unless waived', () => {
    expect(conflictState({ declaredConflict: true, automaticReason: null, waived: false })).toBe('CONFLICTED');
    expect(conflictState({ declaredConflict: false, automaticReason: 'membre', waived: false })).toBe('CONFLICTED');
    expect(conflictState({ declaredConflict: false, automaticReason: 'membre', waived: true })).toBe('CLEAR');
    expect(conflictState({ declaredConflict: true, automaticReason: null, waived: true })).toBe('CLEAR');
    expect(conflictState({ declaredConflict: false, automaticReason: null, waived: false })).toBe('CLEAR');
  });

  it('counts an undeclared evaluator as not conflicted (it simply has not submitted)', () => {
    expect(isConflicted({ declaredConflict: null, automaticReason: null, waived: false })).toBe(false);
    expect(isConflicted({ declaredConflict: null, automaticReason: 'membre', waived: false })).toBe(true);
  });
});

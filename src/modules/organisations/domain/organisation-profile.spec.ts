import { ADVANCE_CATEGORIES, ADVANCE_CATEGORY_LABELS, departementProblem, LEGAL_FORM_LABELS, LEGAL_FORMS, postalCodeProblem } from './organisation-profile';

describe('departementProblem', () => {
  it.each(['01', '09', '10', '69', '75', '95', '2A', '2B', '971', '974', '976'])('accepts %s', (code) => {
    expect(departementProblem(code)).toBeNull();
  });

  it('refuses 20 and says why (Corsica is 2A and 2B)', () => {
    expect(departementProblem('20')).toBe('La Corse est divisée en deux départements : indiquez 2A ou 2B.');
  });

  it.each(['00', '1', '96', '99', '2C', '2a', '970', '977', '975 ', ' 69', ''])('refuses %p', (code) => {
    expect(departementProblem(code)).toMatch(/^Code de département invalide/);
  });
});

describe('postalCodeProblem', () => {
  it('wants five digits', () => {
    expect(postalCodeProblem('69003')).toBeNull();
    expect(postalCodeProblem('20000')).toBeNull();
    expect(postalCodeProblem('6900')).toBe('Le code postal doit comporter 5 chiffres.');
    expect(postalCodeProblem('69 003')).not.toBeNull();
    expect(postalCodeProblem('2A000')).not.toBeNull();
  });
});

describe('labels', () => {
  it('name every legal form and advance category in French', () => {
    expect(Object.keys(LEGAL_FORM_LABELS).sort()).toEqual([...LEGAL_FORMS].sort());
    expect(Object.keys(ADVANCE_CATEGORY_LABELS).sort()).toEqual([...ADVANCE_CATEGORIES].sort());
  });
});

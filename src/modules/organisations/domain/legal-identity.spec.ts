import { frozenFieldsTouched, isLegalIdentityField } from './legal-identity';

describe('legal identity freeze', () => {
  it('names only the identity fields, and only once frozen', () => {
    expect(frozenFieldsTouched(['city', 'siret', 'legalName', 'vatRecovery'], true)).toEqual(['siret', 'legalName']);
    expect(frozenFieldsTouched(['siret', 'legalForm'], false)).toEqual([]);
    expect(isLegalIdentityField('legalForm')).toBe(true);
    expect(isLegalIdentityField('addressLine')).toBe(false);
  });
});

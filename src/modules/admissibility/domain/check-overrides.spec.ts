import fc from 'fast-check';
import { ADMISSIBILITY_CHECK_IDS, type AdmissibilityCheck } from './admissibility-checks';
import { checkOverrides } from './check-overrides';

const check = (checkId: AdmissibilityCheck['checkId'], passed: boolean): AdmissibilityCheck => ({ checkId, passed, reason: passed ? 'ok' : 'non' });
const CHECKS = [check('SUBMITTED_BEFORE_CLOSING', true), check('FINANCING_PLAN_VALID', false), check('ORGANISATION_LEGAL_PERSON', false)];

describe('checkOverrides (docs/domain/admissibility.md)', () => {
  it('requires a written reason for every failed check when the dossier is declared admissible, one field path each', () => {
    const { errors } = checkOverrides('ADMISSIBLE', CHECKS, []);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['overrides.FINANCING_PLAN_VALID', 'REQUIRED'],
      ['overrides.ORGANISATION_LEGAL_PERSON', 'REQUIRED'],
    ]);
    expect(errors[0]?.message).toContain('Plan de financement conforme');
  });

  it('keeps one trimmed reason per failed check, in check order, and drops a reason given for a check that passed', () => {
    const r = checkOverrides('ADMISSIBLE', CHECKS, [
      { checkId: 'ORGANISATION_LEGAL_PERSON', reason: '  Avis de situation INSEE reçu le 3 mars.  ' },
      { checkId: 'SUBMITTED_BEFORE_CLOSING', reason: 'Sans objet ici, le contrôle est satisfait.' },
      { checkId: 'FINANCING_PLAN_VALID', reason: 'Écart d’arrondi de 1 centime, sans effet.' },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.overrides).toEqual([
      { checkId: 'FINANCING_PLAN_VALID', reason: 'Écart d’arrondi de 1 centime, sans effet.' },
      { checkId: 'ORGANISATION_LEGAL_PERSON', reason: 'Avis de situation INSEE reçu le 3 mars.' },
    ]);
  });

  it('refuses a placeholder reason and a check motivated twice', () => {
    const r = checkOverrides('ADMISSIBLE', CHECKS, [
      { checkId: 'FINANCING_PLAN_VALID', reason: 'ok' },
      { checkId: 'ORGANISATION_LEGAL_PERSON', reason: 'Avis de situation INSEE reçu.' },
      { checkId: 'ORGANISATION_LEGAL_PERSON', reason: 'Avis de situation INSEE reçu.' },
    ]);
    expect(r.errors.map((e) => [e.path, e.code])).toEqual([
      ['overrides.ORGANISATION_LEGAL_PERSON', 'DUPLICATE'],
      ['overrides.FINANCING_PLAN_VALID', 'TOO_SHORT'],
    ]);
  });

  it('needs nothing when every check passes, and refuses overrides on another outcome', () => {
    expect(checkOverrides('ADMISSIBLE', [check('FINANCING_PLAN_VALID', true)], [])).toEqual({ overrides: [], errors: [] });
    const r = checkOverrides('INADMISSIBLE', CHECKS, [{ checkId: 'FINANCING_PLAN_VALID', reason: 'Motif écrit assez long.' }]);
    expect(r.errors.map((e) => e.path)).toEqual(['overrides']);
    expect(checkOverrides('INCOMPLETE', CHECKS, [{ checkId: 'FINANCING_PLAN_VALID', reason: '   ' }]).errors).toEqual([]);
  });

  it('property: an admissible decision is accepted iff every failed check has a reason, and then stores exactly those', () => {
    const arb = fc.record({
      failed: fc.subarray([...ADMISSIBILITY_CHECK_IDS]),
      motivated: fc.subarray([...ADMISSIBILITY_CHECK_IDS]),
    });
    fc.assert(
      fc.property(arb, ({ failed, motivated }) => {
        const checks = ADMISSIBILITY_CHECK_IDS.map((id) => check(id, !failed.includes(id)));
        const r = checkOverrides(
          'ADMISSIBLE',
          checks,
          motivated.map((checkId) => ({ checkId, reason: 'Motif écrit et vérifiable.' })),
        );
        const missing = failed.filter((id) => !motivated.includes(id));
        expect(r.errors.map((e) => e.path)).toEqual(ADMISSIBILITY_CHECK_IDS.filter((id) => missing.includes(id)).map((id) => `overrides.${id}`));
        if (missing.length === 0) expect(r.overrides.map((o) => o.checkId)).toEqual(ADMISSIBILITY_CHECK_IDS.filter((id) => failed.includes(id)));
      }),
    );
  });
});

import { checkTargets, missingTargets } from './targets';

const eeco01 = { code: 'EECO01', total: 10, women: 5, men: 5, nonBinary: 0 };

describe('indicator targets', () => {
  it('names a missing indicator by its French label, with the Annex I code as a reference', () => {
    expect(missingTargets([eeco01], ['EECO02'])).toEqual([
      {
        path: 'indicatorTargets.EECO02',
        code: 'TARGET_REQUIRED',
        message: '« Chômeurs, y compris de longue durée » (EECO02) : déclarez la valeur cible avant le dépôt.',
      },
    ]);
  });

  it('asks for the breakdown by sex of the participants total', () => {
    const [error] = missingTargets([{ ...eeco01, women: null }], []);
    expect(error).toMatchObject({ path: 'indicatorTargets.EECO01.women', code: 'SEX_BREAKDOWN_REQUIRED' });
    expect(error?.message).toMatch(/^« .+ » \(EECO01\) : indiquez la répartition/);
  });

  it('refuses a breakdown that does not add up, a duplicate and an indicator the call did not choose', () => {
    const errors = checkTargets([{ ...eeco01, women: 6 }, eeco01, { code: 'EECO05', total: 1, women: null, men: null, nonBinary: null }], []);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['[0].total', 'SEX_BREAKDOWN_MISMATCH'],
      ['[1].code', 'DUPLICATE'],
      ['[2].code', 'NOT_ALLOWED_VALUE'],
    ]);
    expect(errors.every((e) => !/(^|[^(])EECO0\d(?!\))/.test(e.message))).toBe(true);
  });
});

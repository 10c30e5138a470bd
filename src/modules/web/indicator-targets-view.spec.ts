import { targetRows } from './indicator-targets-view';

describe('targetRows', () => {
  it('names each indicator in French, the code aside, the value with its unit and the breakdown by sex', () => {
    expect(
      targetRows([
        { code: 'EECO01', total: 1240, women: 1, men: 1238, nonBinary: 1 },
        { code: 'EECO12', total: 1, women: null, men: null, nonBinary: null },
      ]),
    ).toEqual([
      {
        code: 'EECO01',
        label: 'Nombre total de participants',
        value: '1\u202f240 participants',
        breakdown: 'dont 1 femme, 1\u202f238 hommes, 1 personne non binaire',
      },
      { code: 'EECO12', label: 'Participants handicapés', value: '1 participant', breakdown: null },
    ]);
  });

  it('follows the expected codes, a missing one « non déclarée », an unknown code shown as itself', () => {
    expect(targetRows([{ code: 'EECO99', total: 3 }], ['EECO02', 'EECO99'])).toEqual([
      { code: 'EECO02', label: 'Chômeurs, y compris de longue durée', value: 'non déclarée', breakdown: null },
      { code: 'EECO99', label: 'EECO99', value: '3 participants', breakdown: null },
    ]);
  });
});

import { departementMap, departementTable } from './departement-map';
import { at } from '../../../common/collections';

describe('departementMap', () => {
  it('shows every département, with no operation as level 0', () => {
    const { areas, legend } = departementMap([]);
    expect(areas).toHaveLength(102);
    expect(areas.every((a) => a.level === 0 && a.operations === 0)).toBe(true);
    expect(legend).toEqual([{ level: 0, label: 'Aucun projet' }]);
  });

  it('shades by quartiles of the non-zero counts, and the legend covers every count once', () => {
    const figures = [1, 2, 3, 4, 5, 6, 7, 40].map((n, i) => ({
      departement: at(['01', '02', '03', '69', '75', '13', '2A', '974'], i, 'fixture'),
      operations: n,
      euCents: n * 100,
    }));
    const { areas, legend } = departementMap(figures);
    const level = (code: string) => areas.find((a) => a.code === code)!.level;
    expect([level('01'), level('03'), level('75'), level('2A'), level('974'), level('59')]).toEqual([1, 2, 3, 4, 4, 0]);
    expect(legend.map((l) => l.label)).toEqual(['Aucun projet', '1 à 2 projets', '3 à 4 projets', '5 à 6 projets', '7 à 40 projets']);
  });

  it('merges equal bounds in the legend', () => {
    const { legend } = departementMap([{ departement: '69', operations: 1, euCents: 1 }]);
    expect(legend.map((l) => l.label)).toEqual(['Aucun projet', '1 projet']);
  });
});

describe('departementTable', () => {
  it('lists départements with operations in code order, with their names', () => {
    expect(
      departementTable([
        { departement: '974', operations: 1, euCents: 5 },
        { departement: '2A', operations: 2, euCents: 7 },
        { departement: '59', operations: 0, euCents: 0 },
      ]),
    ).toEqual([
      { departement: '2A', name: 'Corse-du-Sud', operations: 2, euCents: 7 },
      { departement: '974', name: 'La Réunion', operations: 1, euCents: 5 },
    ]);
  });
});

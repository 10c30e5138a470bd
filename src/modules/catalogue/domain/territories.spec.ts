import { DEPARTEMENT_CODES, departementName, departementsOf, regionName, regionOf, regionOptions } from './territories';

describe('territories', () => {
  it('knows the 101 départements and Saint-Pierre-et-Miquelon, in the usual order', () => {
    expect(DEPARTEMENT_CODES).toHaveLength(102);
    expect(DEPARTEMENT_CODES.slice(17, 22)).toEqual(['18', '19', '2A', '2B', '21']);
    expect(DEPARTEMENT_CODES.slice(-6)).toEqual(['971', '972', '973', '974', '975', '976']);
  });

  it('maps a département to its région', () => {
    expect(departementName('69')).toBe('Rhône');
    expect(regionName(regionOf('69'))).toBe('Auvergne-Rhône-Alpes');
    expect(regionOf('2A')).toBe('94');
    expect(regionOf('974')).toBe('04');
    expect(regionOf('975')).toBeNull();
    expect(regionOf('99')).toBeNull();
    expect(departementName(null)).toBeNull();
  });

  it('lists the départements of a région', () => {
    expect(departementsOf('53')).toEqual(['22', '29', '35', '56']);
    expect(departementsOf('11')).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
  });

  it('every région has at least one département and every metropolitan département a région', () => {
    for (const r of regionOptions()) expect(departementsOf(r.code).length).toBeGreaterThan(0);
    expect(DEPARTEMENT_CODES.filter((d) => regionOf(d) === null)).toEqual(['975']);
  });
});

import { regionCategoryOf } from './region-category';

describe('regionCategoryOf', () => {
  it.each(['971', '972', '973', '974', '976'])('%s is a less developed region (CPR art. 108), not a fourth category', (d) =>
    expect(regionCategoryOf(d)).toBe('LESS_DEVELOPED'),
  );

  it.each(['75', '93', '95', '69', '38', '74', '01'])('%s is a more developed region (Île-de-France, former Rhône-Alpes)', (d) =>
    expect(regionCategoryOf(d)).toBe('MORE_DEVELOPED'),
  );

  it.each(['13', '59', '63', '03', '2A', '2b', '33'])('%s is a transition region', (d) => expect(regionCategoryOf(d)).toBe('TRANSITION'));

  it.each([null, undefined, '', '975', '977', '99', '00', 'XX'])('%j is not classified', (d) => expect(regionCategoryOf(d)).toBe('UNKNOWN'));

  it('prefers the category stored on the dossier', () => {
    expect(regionCategoryOf('75', 'LESS_DEVELOPED')).toBe('LESS_DEVELOPED');
    expect(regionCategoryOf('75', null)).toBe('MORE_DEVELOPED');
  });
});

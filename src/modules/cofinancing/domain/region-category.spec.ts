import fc from 'fast-check';
import { DEPARTEMENT_CODES, regionOf } from '../../catalogue/domain/territories';
import { operationRegionCategory, regionCategoryOfDepartement } from './region-category';

describe('regionCategoryOfDepartement (CPR art. 108, Implementing Decision (EU) 2021/1130)', () => {
  it.each(['971', '972', '973', '974', '976'])('overseas département %s is a less developed region, not a fourth category', (d) =>
    expect(regionCategoryOfDepartement(d)).toBe('LESS_DEVELOPED'),
  );

  it.each(['75', '77', '78', '91', '92', '93', '94', '95', '01', '07', '26', '38', '42', '69', '73', '74'])(
    '%s (Île-de-France or former Rhône-Alpes) is more developed',
    (d) => expect(regionCategoryOfDepartement(d)).toBe('MORE_DEVELOPED'),
  );

  it.each(['03', '15', '43', '63', '13', '59', '2A', '2b', '33', '67', '35', '90'])('%s is a transition region', (d) =>
    expect(regionCategoryOfDepartement(d)).toBe('TRANSITION'),
  );

  it.each([null, undefined, '', '975', '977', '988', '99', '00', 'XX'])('%j has no category (outside ESF+ or unknown)', (d) =>
    expect(regionCategoryOfDepartement(d)).toBeNull(),
  );

  it('gives every département of a région in scope a category, and the same one within a NUTS 2 region', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEPARTEMENT_CODES.filter((d) => regionOf(d) !== null)), (d) => {
        const category = regionCategoryOfDepartement(d);
        expect(category).not.toBeNull();
        // Outside Auvergne-Rhône-Alpes, the category depends on the région only.
        if (regionOf(d) !== '84') {
          for (const other of DEPARTEMENT_CODES.filter((o) => regionOf(o) === regionOf(d))) expect(regionCategoryOfDepartement(other)).toBe(category);
        }
      }),
    );
  });
});

describe('operationRegionCategory (an operation covering several départements)', () => {
  it('uses the département the dossier declares (the establishment carrying the operation)', () => {
    expect(operationRegionCategory('972', '75')).toEqual({ category: 'LESS_DEVELOPED', departement: '972' });
  });

  it("falls back to the beneficiary's département when the dossier declares none", () => {
    expect(operationRegionCategory(null, '69')).toEqual({ category: 'MORE_DEVELOPED', departement: '69' });
    expect(operationRegionCategory('  ', '2a')).toEqual({ category: 'TRANSITION', departement: '2A' });
    expect(operationRegionCategory(null, null)).toEqual({ category: null, departement: null });
  });
});

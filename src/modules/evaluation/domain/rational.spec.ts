import fc from 'fast-check';
import { formatHundredths, ratio, roundHalfUp, scaleRatio, sumRatios } from './rational';

describe('rational', () => {
  it('reduces and normalises the sign', () => {
    expect(ratio(6, 4)).toEqual({ numerator: 3, denominator: 2 });
    expect(ratio(3, -6)).toEqual({ numerator: -1, denominator: 2 });
    expect(ratio(0, 5)).toEqual({ numerator: 0, denominator: 1 });
    expect(() => ratio(1, 0)).toThrow('denominator');
    expect(() => ratio(0.5, 1)).toThrow('safe integers');
  });

  it('adds and scales exactly', () => {
    expect(sumRatios([ratio(1, 3), ratio(1, 6)])).toEqual({ numerator: 1, denominator: 2 });
    expect(sumRatios([])).toEqual({ numerator: 0, denominator: 1 });
    expect(scaleRatio(ratio(7, 3), 3)).toEqual({ numerator: 7, denominator: 1 });
  });

  it('rounds halves up, to units or hundredths', () => {
    expect([roundHalfUp(ratio(5, 2)), roundHalfUp(ratio(7, 3)), roundHalfUp(ratio(8, 3))]).toEqual([3, 2, 3]);
    expect([roundHalfUp(ratio(-5, 2)), roundHalfUp(ratio(-7, 3))]).toEqual([-2, -2]);
    expect(roundHalfUp(ratio(29, 2), 100)).toBe(1450);
    expect(roundHalfUp(ratio(2, 3), 100)).toBe(67);
    expect(roundHalfUp(ratio(1, 200), 100)).toBe(1);
  });

  it('rounding stays within half a unit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 1000 }), (n, d) => {
        const r = roundHalfUp(ratio(n, d));
        expect(2 * (r * d - n) <= d && 2 * (n - r * d) < d).toBe(true);
      }),
    );
  });

  it('formats hundredths in French', () => {
    expect([formatHundredths(1450), formatHundredths(7), formatHundredths(-5), formatHundredths(300)]).toEqual(['14,50', '0,07', '-0,05', '3,00']);
  });
});

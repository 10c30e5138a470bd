import fc from 'fast-check';
import { ANNEX_I_DEFAULTS, cutOffDates, nextCutOff } from './annex-vii';

describe('Annex VII cut-off dates (CPR art. 42(1))', () => {
  it('lists the five transmission dates of a year', () => {
    expect(cutOffDates(2026)).toEqual(['2026-01-31', '2026-04-30', '2026-07-31', '2026-09-30', '2026-11-30']);
  });

  it('gives the transmission a day feeds: the first cut-off on or after it', () => {
    expect(nextCutOff('2026-01-31')).toBe('2026-01-31');
    expect(nextCutOff('2026-02-01')).toBe('2026-04-30');
    expect(nextCutOff('2026-10-01')).toBe('2026-11-30');
    expect(nextCutOff('2026-12-06')).toBe('2027-01-31');
  });

  it('is never before the day and at most four months after it (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2021-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        const c = nextCutOff(day);
        expect(c >= day).toBe(true);
        expect((Date.parse(c) - Date.parse(day)) / 86_400_000).toBeLessThanOrEqual(92);
      }),
    );
  });

  it('carries the Annex I codes of the other dimensions', () => {
    expect(Object.values(ANNEX_I_DEFAULTS).map((d) => d.code)).toEqual(['01', '33', '09', '02']);
  });
});

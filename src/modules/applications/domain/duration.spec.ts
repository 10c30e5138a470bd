import fc from 'fast-check';
import { durationBetween, durationWithin, isCalendarDate } from './duration';

describe('durationBetween', () => {
  it.each([
    ['2026-01-01', '2026-12-31', 12, 0],
    ['2026-01-15', '2027-01-14', 12, 0],
    ['2026-01-01', '2026-12-30', 11, 30],
    ['2026-03-01', '2026-03-01', 0, 1],
    ['2026-01-29', '2026-02-26', 0, 29],
    ['2026-01-31', '2026-02-27', 1, 0], // 31 January + 1 month is clamped to 28 February (exclusive end)
    ['2026-02-01', '2029-01-31', 36, 0],
    ['2026-02-01', '2029-02-01', 36, 1],
  ])('%s → %s is %i months and %i days', (start, end, months, extraDays) => {
    expect(durationBetween(start, end)).toEqual({ months, extraDays });
  });

  it('refuses a malformed date', () => {
    expect(() => durationBetween('2026-02-30', '2026-12-31')).toThrow(RangeError);
  });
});

describe('durationWithin', () => {
  it('applies the minimum to whole months and the maximum exactly', () => {
    expect(durationWithin({ months: 11, extraDays: 30 }, 12, 36)).toBe('TOO_SHORT');
    expect(durationWithin({ months: 12, extraDays: 0 }, 12, 36)).toBe('OK');
    expect(durationWithin({ months: 36, extraDays: 0 }, 12, 36)).toBe('OK');
    expect(durationWithin({ months: 36, extraDays: 1 }, 12, 36)).toBe('TOO_LONG');
    expect(durationWithin({ months: 37, extraDays: 0 }, 12, 36)).toBe('TOO_LONG');
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('hier')).toBe(false);
  });

  it('agrees with the calendar of Date on any YYYY-MM-DD (years 0000-9999, months and days 00-99)', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, m, d) => {
        const v = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const date = new Date(`${v}T00:00:00Z`);
        expect(isCalendarDate(v)).toBe(!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v);
      }),
      { numRuns: 5000 },
    );
  });
});

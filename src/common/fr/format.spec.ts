import fc from 'fast-check';
import { frenchCalendarDate, frenchDate, frenchDateTime, frenchEuros, frenchNumericDate, frenchRate, frenchSize, frenchTime } from './format';

const NB = '\u202f';

describe('French formats', () => {
  it('frenchDate: the Paris calendar day of an instant, « 1er » for the first', () => {
    expect(frenchDate(new Date('2026-03-31T10:00:00Z'))).toBe('31 mars 2026');
    expect(frenchDate(new Date('2026-04-01T07:30:00Z'))).toBe('1er avril 2026');
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(frenchDate(new Date('2026-12-31T23:30:00Z'))).toBe('1er janvier 2027');
  });

  it('frenchTime: the Paris time of day, winter and summer', () => {
    expect(frenchTime(new Date('2026-01-15T08:05:00Z'))).toBe('09h05');
    expect(frenchTime(new Date('2026-07-01T22:30:00Z'))).toBe('00h30');
  });

  it('frenchDateTime: « à 12h00 » in Paris time, winter and summer', () => {
    expect(frenchDateTime(new Date('2026-03-31T10:00:00Z'))).toBe('31 mars 2026 à 12h00');
    expect(frenchDateTime(new Date('2026-01-15T08:05:00Z'))).toBe('15 janvier 2026 à 09h05');
    expect(frenchDateTime(new Date('2026-04-01T07:30:00Z'))).toBe('1er avril 2026 à 09h30');
    expect(frenchDateTime(new Date('2026-06-15T22:00:00Z'))).toBe('16 juin 2026 à 00h00');
  });

  it('frenchCalendarDate: a zone-free date, unchanged when it is not one', () => {
    expect(frenchCalendarDate('2029-12-31')).toBe('31 décembre 2029');
    expect(frenchCalendarDate('2026-08-01')).toBe('1er août 2026');
    expect(frenchCalendarDate('2026-02-30')).toBe('2026-02-30');
    expect(frenchCalendarDate('demain')).toBe('demain');
  });

  it('frenchNumericDate: jj/mm/aaaa', () => {
    expect(frenchNumericDate({ year: 2029, month: 12, day: 31 })).toBe('31/12/2029');
    expect(frenchNumericDate({ year: 2026, month: 4, day: 1 })).toBe('01/04/2026');
  });

  it('frenchEuros: grouped euros and two-digit cents, exactly', () => {
    expect(frenchEuros(123_456_789)).toBe(`1${NB}234${NB}567,89${NB}€`);
    expect(frenchEuros(5)).toBe(`0,05${NB}€`);
    expect(frenchEuros(-100)).toBe(`-1,00${NB}€`);
    expect(frenchEuros(Number.MAX_SAFE_INTEGER)).toBe(`90${NB}071${NB}992${NB}547${NB}409,91${NB}€`);
    expect(() => frenchEuros(1.5)).toThrow(RangeError);
  });

  it('frenchEuros: the digits are those of the integer (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        expect(frenchEuros(cents).replace(/[^\d]/g, '')).toBe(String(cents).padStart(3, '0'));
      }),
    );
  });

  it('frenchRate: basis points as a French percentage', () => {
    expect(frenchRate(9500)).toBe(`95${NB}%`);
    expect(frenchRate(1525)).toBe(`15,25${NB}%`);
    expect(frenchRate(750)).toBe(`7,5${NB}%`);
    expect(frenchRate(5)).toBe(`0,05${NB}%`);
    expect(() => frenchRate(10_001)).toThrow(RangeError);
  });

  it('frenchSize: binary units, one decimal at most', () => {
    expect(frenchSize(512)).toBe(`512${NB}o`);
    expect(frenchSize(1024)).toBe(`1${NB}Ko`);
    expect(frenchSize(1_258_291)).toBe(`1,2${NB}Mo`);
    expect(frenchSize(10 * 1024 * 1024)).toBe(`10${NB}Mo`);
    expect(frenchSize(3 * 1024 ** 3)).toBe(`3${NB}Go`);
  });
});

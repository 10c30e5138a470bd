import { DomainError } from '../../../common/errors/domain-error';
import { APPLICATION_NUMBER_PATTERN, formatApplicationNumber, parisDate, parisYear } from './application-number';

describe('formatApplicationNumber', () => {
  it('pads the sequence to six digits', () => {
    expect(formatApplicationNumber(2026, 1)).toBe('AAP-2026-000001');
    expect(formatApplicationNumber(2026, 42_317)).toBe('AAP-2026-042317');
    expect(formatApplicationNumber(2027, 999_999)).toBe('AAP-2027-999999');
    expect(formatApplicationNumber(2026, 7)).toMatch(APPLICATION_NUMBER_PATTERN);
  });

  it('refuses a sequence beyond six digits with a domain error, and nonsense input outright', () => {
    expect(() => formatApplicationNumber(2026, 1_000_000)).toThrow(DomainError);
    expect(() => formatApplicationNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatApplicationNumber(2026, 1.5)).toThrow(RangeError);
    expect(() => formatApplicationNumber(99, 1)).toThrow(RangeError);
  });
});

describe('Paris calendar', () => {
  it('gives the French date and year of an instant, across the new year', () => {
    expect(parisDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // UTC+2 in summer
    expect(parisYear(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
    expect(parisYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027); // UTC+1 in winter
  });
});

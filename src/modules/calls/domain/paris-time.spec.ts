import { isCalendarDate, parisCalendarDate, parseParisDateTime, toParisInputValue } from './paris-time';
import { frenchCalendarDate, frenchDateTime } from '../../../common/fr';

describe('Europe/Paris wall-clock time', () => {
  it('reads a summer-time entry as UTC+2 and a winter-time entry as UTC+1', () => {
    expect(parseParisDateTime('2026-03-31T12:00')?.toISOString()).toBe('2026-03-31T10:00:00.000Z');
    expect(parseParisDateTime('2026-01-15T00:00')?.toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(parseParisDateTime('2026-12-31T23:59')?.toISOString()).toBe('2026-12-31T22:59:00.000Z');
  });

  it('accepts the seconds a browser may add, and surrounding spaces', () => {
    expect(parseParisDateTime(' 2026-03-31T12:00:00 ')?.toISOString()).toBe('2026-03-31T10:00:00.000Z');
  });

  it('refuses malformed text, impossible dates and times', () => {
    for (const bad of [
      '',
      '2026-03-31',
      '2026-03-31 12:00',
      '31/03/2026 12:00',
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-03-31T24:00',
      '2026-03-31T12:60',
      '2026-03-31T12:00Z',
    ]) {
      expect(parseParisDateTime(bad)).toBeNull();
    }
  });

  it('refuses the hour skipped when clocks go forward (29 March 2026, 02:00 → 03:00)', () => {
    expect(parseParisDateTime('2026-03-29T02:30')).toBeNull();
    expect(parseParisDateTime('2026-03-29T01:59')?.toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(parseParisDateTime('2026-03-29T03:00')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier instant in the hour repeated when clocks go back (25 October 2026)', () => {
    expect(parseParisDateTime('2026-10-25T02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(parseParisDateTime('2026-10-25T03:00')?.toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('displays "31 mars 2026 à 12h00", with "1er" for the first day of a month', () => {
    expect(frenchDateTime(new Date('2026-03-31T10:00:00Z'))).toBe('31 mars 2026 à 12h00');
    expect(frenchDateTime(new Date('2026-04-01T07:05:00Z'))).toBe('1er avril 2026 à 09h05');
    expect(frenchDateTime(new Date('2026-12-31T23:30:00Z'))).toBe('1er janvier 2027 à 00h30');
  });

  it('round-trips the datetime-local value through an instant', () => {
    for (const v of ['2026-03-31T12:00', '2026-01-01T00:00', '2026-10-25T02:30', '2027-07-14T23:59']) {
      expect(toParisInputValue(parseParisDateTime(v)!)).toBe(v);
    }
  });

  it('gives the Paris calendar date of an instant, which may differ from the UTC date', () => {
    expect(parisCalendarDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(parisCalendarDate(new Date('2026-01-31T22:59:00Z'))).toBe('2026-01-31');
  });

  it('formats and checks calendar dates without any zone shift', () => {
    expect(frenchCalendarDate('2029-12-31')).toBe('31 décembre 2029');
    expect(frenchCalendarDate('2021-01-01')).toBe('1er janvier 2021');
    expect(frenchCalendarDate('not a date')).toBe('not a date');
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-2-28')).toBe(false);
  });
});

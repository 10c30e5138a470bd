import { frenchDate, frenchDateTime, frenchSize } from './french-format';

describe('French formats', () => {
  it('prints dates and times in Paris time', () => {
    expect(frenchDate(new Date('2026-03-31T10:00:00Z'))).toBe('31 mars 2026');
    expect(frenchDate(new Date('2026-04-01T10:00:00Z'))).toBe('1er avril 2026');
    expect(frenchDateTime(new Date('2026-03-31T10:00:00Z'))).toBe('31 mars 2026 à 12h00'); // CEST, UTC+2
    expect(frenchDateTime(new Date('2026-01-15T23:30:00Z'))).toBe('16 janvier 2026 à 00h30'); // CET, next day in Paris
  });

  it('prints sizes', () => {
    expect(frenchSize(512)).toBe('512 o');
    expect(frenchSize(1536)).toBe('1,5\u202fKo');
    expect(frenchSize(20 * 1024 * 1024)).toBe('20\u202fMo');
  });
});

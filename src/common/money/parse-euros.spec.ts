import fc from 'fast-check';
import { formatEuros } from './cents';
import { parseEurosToCents } from './parse-euros';

describe('parseEurosToCents', () => {
  it.each([
    ['12 000,50', 1_200_050],
    ['12000.5', 1_200_050],
    ['1 234 €', 123_400],
    ['0,05', 5],
    ['80\u202f000,00\u202f€', 8_000_000],
    ['1.234.567,89', 123_456_789],
    ['-10', -1000],
  ])('%s → %d cents', (text, cents) => expect(parseEurosToCents(text)).toBe(cents));

  it.each(['', 'abc', '12,345', '1,2,3', '1e5', '12 00', 'NaN'])('refuses %p', (text) => expect(parseEurosToCents(text)).toBeNull());

  it('reads back what formatEuros prints (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (cents) => expect(parseEurosToCents(formatEuros(cents))).toBe(cents)));
  });
});
